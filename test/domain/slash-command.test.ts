import { describe, expect, it } from 'vitest';
import { describeFilters, parseCommand } from '../../src/domain/slash-command.js';

describe('parseCommand', () => {
  it('reads nothing, or list, as the active findings', () => {
    const active = { kind: 'query', query: { kind: 'list', filters: { status: 'ACTIVE' } } };
    expect(parseCommand('')).toEqual(active);
    expect(parseCommand('  list ')).toEqual(active);
    expect(parseCommand('LIST')).toEqual(active);
  });

  it('reads every filter, with type aliases and full types', () => {
    expect(
      parseCommand(
        'list type=role account=444455556666 principal=arn:aws:iam::9999 resource=Vendor status=Resolved',
      ),
    ).toEqual({
      kind: 'query',
      query: {
        kind: 'list',
        filters: {
          resourceType: 'AWS::IAM::Role',
          account: '444455556666',
          principal: 'arn:aws:iam::9999',
          resource: 'Vendor',
          status: 'RESOLVED',
        },
      },
    });
    expect(parseCommand('type=AWS::S3Express::DirectoryBucket')).toMatchObject({
      query: { filters: { resourceType: 'AWS::S3Express::DirectoryBucket' } },
    });
    expect(parseCommand('stats type=bucket')).toEqual({
      kind: 'query',
      query: { kind: 'stats', filters: { status: 'ACTIVE', resourceType: 'AWS::S3::Bucket' } },
    });
  });

  it('reads show and help', () => {
    expect(parseCommand('show 8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a2b')).toEqual({
      kind: 'query',
      query: { kind: 'show', findingId: '8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a2b' },
    });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
  });

  it.each([
    ['delete all', 'delete', 'unknown_word'],
    ['list foo', 'foo', 'unknown_word'],
    ['list colour=red', 'colour=red', 'unknown_filter'],
    ['list type=', 'type=', 'bad_value'],
    ['list type=spaceship', 'type=spaceship', 'bad_value'],
    ['list account=12345', 'account=12345', 'bad_value'],
    ['list status=open', 'status=open', 'bad_value'],
    [`list resource=${'x'.repeat(201)}`, `resource=${'x'.repeat(201)}`, 'bad_value'],
    ['list type=role TYPE=bucket', 'TYPE=bucket', 'repeated'],
    ['show', 'show', 'missing_id'],
    ['show a b', 'b', 'unknown_word'],
    ['show <script>', '<script>', 'bad_value'],
  ])('names what it cannot read in %j', (text, word, problem) => {
    expect(parseCommand(text)).toEqual({ kind: 'invalid', word, problem });
  });

  it('writes filters back as a person types them', () => {
    expect(describeFilters({ status: 'ACTIVE', resourceType: 'AWS::IAM::Role', principal: '9999' })).toBe(
      'status=active type=role principal=9999',
    );
    expect(describeFilters({ status: 'ARCHIVED', resourceType: 'AWS::New::Thing' })).toBe(
      'status=archived type=AWS::New::Thing',
    );
  });
});
