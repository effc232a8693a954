import { describe, expect, it } from 'vitest';
import { signActionToken } from '../../src/domain/action-token.js';
import { type ActionJob, openJob, type QueryJob, sealJob } from '../../src/domain/job.js';
import { signingKeys } from '../../src/domain/sealed.js';
import { codeOf } from '../support/code-of.js';

const keys = signingKeys(['job-key-job-key-job-key-job-key-0001']);
const now = new Date('2025-03-04T11:00:00Z');
const action: ActionJob = {
  kind: 'action',
  action: 'finding.archive',
  analyzerArn: 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/a',
  findingId: 'f-1',
  resource: 'arn:aws:s3:::bucket',
  channel: 'C0FINDINGS',
  messageTs: '1.2',
  actor: { id: 'U0ALICE', name: 'alice' },
  requestedAt: now.toISOString(),
};
const query: QueryJob = {
  kind: 'query',
  query: { kind: 'list', filters: { status: 'ACTIVE', resourceType: 'AWS::IAM::Role' } },
  channel: 'C0FINDINGS',
  responseUrl: 'https://hooks.slack.com/commands/1',
  replaceOriginal: false,
  actor: { id: 'U0ALICE', name: 'alice' },
  requestedAt: now.toISOString(),
};

describe('sealed jobs', () => {
  it('round-trip both kinds', () => {
    expect(openJob(sealJob(action, keys), keys, now)).toEqual(action);
    expect(openJob(sealJob(query, keys), keys, now)).toEqual(query);
  });

  it('refuse a job sealed with another key, and a button token passed off as a job', () => {
    expect(codeOf(() => openJob(sealJob(action, signingKeys(['x'.repeat(40)])), keys, now))).toBe(
      'token_invalid',
    );
    const token = signActionToken(
      {
        action: 'finding.archive',
        analyzerArn: 'a',
        findingId: 'f',
        resource: '',
        channel: 'C',
        expiresAt: 2e9,
      },
      keys,
    );
    expect(codeOf(() => openJob(token, keys, now))).toBe('token_invalid');
  });

  it('refuse a job older than an hour', () => {
    expect(codeOf(() => openJob(sealJob(action, keys), keys, new Date(now.getTime() + 61 * 60 * 1000)))).toBe(
      'token_expired',
    );
  });

  it('refuse an action job that names neither its message nor a response_url', () => {
    const { messageTs: _, ...nowhere } = action;
    expect(codeOf(() => openJob(sealJob(nowhere as ActionJob, keys), keys, now))).toBe('request_invalid');
  });
});
