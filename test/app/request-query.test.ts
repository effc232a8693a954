import { describe, expect, it } from 'vitest';
import { makeAuthorize } from '../../src/app/authorize.js';
import { makeRequestQuery } from '../../src/app/request-query.js';
import { openJob } from '../../src/domain/job.js';
import { translator } from '../../src/domain/messages/index.js';
import { signPageToken } from '../../src/domain/page-token.js';
import { FakeAudit, FakeClock, FakeDirectory, FakeJobs, MemoryLog } from '../support/fakes.js';
import { KEYS } from './harness.js';

const t = translator('en');
function harness() {
  const jobs = new FakeJobs();
  const audit = new FakeAudit();
  const clock = new FakeClock();
  const authorize = makeAuthorize({ allowedUserIds: ['U0ALICE'], allowedGroupIds: [] }, new FakeDirectory());
  const request = makeRequestQuery({ keys: KEYS, authorize, jobs, audit, clock, log: new MemoryLog() });
  return { request, jobs, audit, clock };
}
const base = {
  channel: 'C0FINDINGS',
  responseUrl: 'https://hooks.slack.com/commands/1',
  user: { id: 'U0ALICE', name: 'alice' },
};

describe('request query (the Slack path of /access-findings)', () => {
  it('hands a question to the job path and acknowledges at once', async () => {
    const h = harness();
    const lines = await h.request.command({ ...base, text: 'list type=role' });
    expect(lines.map(t)).toEqual([':mag: Looking up findings…']);
    expect(openJob(h.jobs.queued[0] ?? '', KEYS, h.clock.now())).toMatchObject({
      kind: 'query',
      query: { kind: 'list', filters: { status: 'ACTIVE', resourceType: 'AWS::IAM::Role' } },
      replaceOriginal: false,
      responseUrl: base.responseUrl,
    });
  });

  it('answers help and mistakes itself, queuing nothing', async () => {
    const h = harness();
    expect((await h.request.command({ ...base, text: 'help' })).map((m) => m.key)).toEqual(['help.text']);
    expect((await h.request.command({ ...base, text: 'frobnicate' })).map(t)[0]).toBe(
      'I did not understand `frobnicate`.',
    );
    expect(h.jobs.queued).toEqual([]);
  });

  it('refuses and audits an unauthorized user', async () => {
    const h = harness();
    await expect(
      h.request.command({ ...base, text: 'stats', user: { id: 'U0MALLORY', name: 'm' } }),
    ).rejects.toMatchObject({
      code: 'not_authorized',
    });
    expect(h.audit.events).toEqual([
      expect.objectContaining({ action: 'findings.query', result: 'refused', reason: 'not_authorized' }),
    ]);
    expect(h.jobs.queued).toEqual([]);
  });

  it('turns a "Next page" press into a job that replaces the list; refuses one from another channel', async () => {
    const h = harness();
    const token = signPageToken(
      {
        filters: { status: 'ACTIVE' },
        cursor: { analyzer: 0, token: '10' },
        page: 2,
        channel: 'C0FINDINGS',
        expiresAt: 2e9,
      },
      KEYS,
    );
    await h.request.nextPage({ ...base, token });
    expect(openJob(h.jobs.queued[0] ?? '', KEYS, h.clock.now())).toMatchObject({
      query: { kind: 'list', cursor: { analyzer: 0, token: '10' }, page: 2 },
      replaceOriginal: true,
    });
    await expect(h.request.nextPage({ ...base, token, channel: 'C0ELSEWHERE' })).rejects.toMatchObject({
      code: 'token_misplaced',
    });
    expect(h.jobs.queued).toHaveLength(1);
  });
});
