import { describe, expect, it } from 'vitest';
import { en } from '../../src/domain/messages/en.js';
import { msg, translator } from '../../src/domain/messages/index.js';
import { ja } from '../../src/domain/messages/ja.js';

describe('message catalog', () => {
  it('has a Japanese text for every English key, and no extra ones', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('renders nested messages in the same locale', () => {
    const reason = msg('error.roleServiceLinked');
    const text = msg('reply.refused', {
      action: msg('action.finding.isolate.name'),
      name: 'R',
      reason,
      user: 'U1',
    });
    expect(translator('en')(text)).toBe(
      ':no_entry: Isolate refused for `R`: it is a service-linked role, which AWS does not let anyone change. Requested by <@U1>.',
    );
    const jaText = translator('ja')(text);
    expect(jaText).toContain('隔離');
    expect(jaText).toContain('サービスリンクロール');
  });

  it('names resource types in each language, and keeps unknown ones as given', () => {
    expect(translator('en')(msg('resourceType.label', { type: 'AWS::S3::Bucket' }))).toBe('S3 bucket');
    expect(translator('ja')(msg('resourceType.label', { type: 'AWS::S3::Bucket' }))).toBe('S3 バケット');
    expect(translator('ja')(msg('resourceType.label', { type: 'AWS::New::Thing' }))).toBe('AWS::New::Thing');
  });
});
