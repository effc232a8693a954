import { describe, expect, it } from 'vitest';
import { actionRegistry } from '../../src/app/actions/registry.js';
import { makeAuthorize } from '../../src/app/authorize.js';
import { makeRequestAction } from '../../src/app/request-action.js';
import { signActionToken } from '../../src/domain/action-token.js';
import { openJob } from '../../src/domain/job.js';
import { signingKeys } from '../../src/domain/sealed.js';
import { FakeAudit, FakeClock, FakeDirectory, FakeJobs, MemoryLog } from '../support/fakes.js';
import { ANALYZER, roleFinding } from '../support/findings.js';
import { KEYS } from './harness.js';

const finding = roleFinding();

function harness(
  auth: { users?: string[]; groups?: string[]; members?: Record<string, string[]> } = { users: ['U0ALICE'] },
) {
  const jobs = new FakeJobs();
  const audit = new FakeAudit();
  const clock = new FakeClock();
  const log = new MemoryLog();
  const directory = new FakeDirectory(auth.members);
  const authorize = makeAuthorize(
    { allowedUserIds: auth.users ?? [], allowedGroupIds: auth.groups ?? [] },
    directory,
  );
  const request = makeRequestAction({
    keys: KEYS,
    actions: actionRegistry(),
    authorize,
    jobs,
    audit,
    clock,
    log,
  });
  const token = (action = 'finding.isolate', keys = KEYS, expiresIn = 3600) =>
    signActionToken(
      {
        action,
        analyzerArn: ANALYZER,
        findingId: finding.id,
        resource: finding.resource ?? '',
        channel: 'C0FINDINGS',
        expiresAt: Math.floor(clock.now().getTime() / 1000) + expiresIn,
      },
      keys,
    );
  const press = (overrides: Partial<Parameters<typeof request>[0]> = {}) =>
    request({
      action: 'finding.isolate',
      token: token(),
      channel: 'C0FINDINGS',
      findingId: finding.id,
      messageTs: '1700000000.000100',
      ephemeral: false,
      user: { id: 'U0ALICE', name: 'alice' },
      ...overrides,
    });
  return { press, token, jobs, audit, clock, log, directory };
}

describe('request action (the Slack path)', () => {
  it('hands an authorized press to the job path as a sealed job, and nothing else', async () => {
    const h = harness();
    await h.press();
    expect(h.jobs.queued).toHaveLength(1);
    expect(openJob(h.jobs.queued[0] ?? '', KEYS, h.clock.now())).toEqual({
      kind: 'action',
      action: 'finding.isolate',
      analyzerArn: ANALYZER,
      findingId: finding.id,
      resource: finding.resource,
      channel: 'C0FINDINGS',
      messageTs: '1700000000.000100',
      actor: { id: 'U0ALICE', name: 'alice' },
      requestedAt: h.clock.now().toISOString(),
    });
    expect(h.audit.events).toEqual([]);
  });

  it.each([
    [
      'a tampered token',
      (h: ReturnType<typeof harness>) => ({ token: `${h.token().slice(0, -3)}AAA` }),
      'token_invalid',
    ],
    [
      'a token signed with another key',
      (h: ReturnType<typeof harness>) => ({
        token: h.token('finding.isolate', signingKeys(['x'.repeat(40)])),
      }),
      'token_invalid',
    ],
    [
      'an expired token',
      (h: ReturnType<typeof harness>) => ({ token: h.token('finding.isolate', KEYS, -1) }),
      'token_expired',
    ],
    [
      'a token for another action',
      (h: ReturnType<typeof harness>) => ({ token: h.token('finding.archive') }),
      'token_misplaced',
    ],
    ['a token from another channel', () => ({ channel: 'C0ELSEWHERE' }), 'token_misplaced'],
    ['a token pressed on another finding', () => ({ findingId: 'another-finding' }), 'token_misplaced'],
    ['an unknown action', () => ({ action: 'finding.delete_everything' }), 'request_invalid'],
    ['an unauthorized user', () => ({ user: { id: 'U0MALLORY', name: 'mallory' } }), 'not_authorized'],
  ])('refuses %s, audits it, and queues nothing', async (_what, change, code) => {
    const h = harness();
    await expect(h.press(change(h))).rejects.toMatchObject({ code });
    expect(h.jobs.queued).toEqual([]);
    expect(h.audit.events).toEqual([expect.objectContaining({ result: 'refused', reason: code })]);
    expect(h.log.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'action refused' }),
    );
  });

  it('lets nobody act when no user or group is configured, and says how to configure it', async () => {
    const h = harness({});
    await expect(h.press()).rejects.toMatchObject({ code: 'authorization_not_configured' });
    expect(h.jobs.queued).toEqual([]);
  });

  it('authorizes members of an allowed user group and nobody else', async () => {
    const h = harness({ groups: ['S0SECOPS'], members: { S0SECOPS: ['U0ALICE'] } });
    await h.press();
    expect(h.jobs.queued).toHaveLength(1);
    await expect(h.press({ user: { id: 'U0BOB', name: 'bob' } })).rejects.toMatchObject({
      code: 'not_authorized',
    });
  });

  it('records a failed hand-off as a failure, not a refusal', async () => {
    const h = harness();
    h.jobs.enqueue = async () => {
      throw new Error('Invoke failed');
    };
    await expect(h.press()).rejects.toThrow('Invoke failed');
    expect(h.audit.events[0]).toMatchObject({ result: 'failed', reason: 'unexpected' });
  });
});
