import { describe, expect, it } from 'vitest';
import { actionRegistry } from '../../src/app/actions/registry.js';
import { makeAnswerQuery } from '../../src/app/answer-query.js';
import { makeCardBuilder } from '../../src/app/card.js';
import type { FindingQuery } from '../../src/domain/finding-query.js';
import type { QueryJob } from '../../src/domain/job.js';
import { FakeChat, FakeFindings, FakeIam, MemoryLog } from '../support/fakes.js';
import { roleFinding } from '../support/findings.js';
import { SETTINGS } from './harness.js';

const A = 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/a';
const B = 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/b';
const finding = (analyzerArn: string, n: number, extra = {}) =>
  roleFinding({
    id: `${analyzerArn.slice(-1)}-${n}`,
    analyzerArn,
    resource: `arn:aws:iam::444455556666:role/R${analyzerArn.slice(-1)}${n}`,
    createdAt: new Date(Date.UTC(2025, 0, 30 - n)).toISOString(),
    ...extra,
  });

function harness(...findings: ReturnType<typeof finding>[]) {
  const chat = new FakeChat();
  const store = new FakeFindings(...findings);
  const iam = new FakeIam();
  const answer = makeAnswerQuery({
    findings: store,
    iam,
    chat,
    buildCard: makeCardBuilder(actionRegistry(), SETTINGS),
    log: new MemoryLog(),
  });
  const ask = async (query: FindingQuery) => {
    const job: QueryJob = {
      kind: 'query',
      query,
      channel: 'C0FINDINGS',
      responseUrl: 'https://hooks.slack.com/commands/1',
      replaceOriginal: false,
      actor: { id: 'U0ALICE', name: 'alice' },
      requestedAt: new Date().toISOString(),
    };
    await answer(job);
    return chat.responses.at(-1)?.answer;
  };
  return { ask, store, chat, iam };
}

describe('answer query', () => {
  it('fills a page from several analyzers and says where the next one starts', async () => {
    const h = harness(
      ...[1, 2, 3, 4, 5, 6].map((n) => finding(A, n)),
      ...[1, 2, 3, 4, 5, 6].map((n) => finding(B, n)),
    );
    const page = await h.ask({ kind: 'list', filters: { status: 'ACTIVE' } });
    expect(page?.kind).toBe('list');
    if (page?.kind !== 'list') return;
    expect(page.items.map((c) => c.finding.id)).toEqual([
      'a-1',
      'a-2',
      'a-3',
      'a-4',
      'a-5',
      'a-6',
      'b-1',
      'b-2',
      'b-3',
      'b-4',
    ]);
    expect(page.next).toEqual({ analyzer: 1, token: '4' });
    expect(page.items[0]?.buttons.map((b) => b.action)).toEqual(['finding.isolate', 'finding.archive']);
    const last = await h.ask({ kind: 'list', filters: { status: 'ACTIVE' }, cursor: page.next, page: 2 });
    expect(last?.kind === 'list' && last.items.map((c) => c.finding.id)).toEqual(['b-5', 'b-6']);
    expect(last?.kind === 'list' && last.next).toBeUndefined();
    expect(last?.kind === 'list' && last.from).toBe(11);
  });

  it('does not offer Isolate on a listed role that is already isolated, and says it is', async () => {
    const h = harness(finding(A, 1));
    h.iam.addRole('arn:aws:iam::444455556666:role/Ra1');
    h.iam.role('Ra1').tags = {
      'access-findings:isolation': 'inline:AccessFindingsDenyAll',
      'access-findings:isolated-by': 'U0BOB',
    };
    const page = await h.ask({ kind: 'list', filters: { status: 'ACTIVE' } });
    const item = page?.kind === 'list' ? page.items[0] : undefined;
    expect(item?.buttons.map((b) => b.action)).toEqual(['finding.archive']);
    expect(item?.status.map((m) => m.key)).toEqual(['card.status.isolatedInline']);
  });

  it('shows a finding from whichever analyzer has it', async () => {
    const h = harness(finding(A, 1), finding(B, 7));
    const answer = await h.ask({ kind: 'show', findingId: 'b-7' });
    expect(answer?.kind === 'show' && answer.card.finding.resource).toBe(
      'arn:aws:iam::444455556666:role/Rb7',
    );
  });

  it('counts by type and account and finds the oldest', async () => {
    const h = harness(
      finding(A, 1),
      finding(A, 2, {
        resourceType: 'AWS::S3::Bucket',
        resource: 'arn:aws:s3:::b',
        ownerAccount: '777766665555',
      }),
      finding(B, 9),
    );
    expect(await h.ask({ kind: 'stats', filters: { status: 'ACTIVE' } })).toEqual({
      kind: 'stats',
      filters: { status: 'ACTIVE' },
      total: 3,
      byType: [
        ['AWS::IAM::Role', 2],
        ['AWS::S3::Bucket', 1],
      ],
      byAccount: [
        ['444455556666', 2],
        ['777766665555', 1],
      ],
      oldest: expect.objectContaining({ id: 'b-9' }),
    });
  });

  it('answers an Access Analyzer failure in words, not silence', async () => {
    const h = harness(finding(A, 1));
    h.store.list = async () => {
      throw new Error('boom');
    };
    expect(await h.ask({ kind: 'list', filters: { status: 'ACTIVE' } })).toEqual({
      kind: 'text',
      lines: [{ key: 'error.unexpected', params: {} }],
    });
  });
});
