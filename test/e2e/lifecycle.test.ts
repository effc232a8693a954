import {
  AccessAnalyzerClient,
  GetFindingV2Command,
  ListAnalyzersCommand,
  ListFindingsV2Command,
  UpdateFindingsCommand,
} from '@aws-sdk/client-accessanalyzer';
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureStateTable } from '../../src/adapters/aws/dynamodb-store.js';
import type { Finding } from '../../src/domain/finding.js';
import { startDynalite } from '../support/dynalite.js';
import { analyzerSummary, externalAccessDetails, roleFinding } from '../support/findings.js';
import { CHANNEL, lambdaUnderTest, SIGNING_SECRET } from '../support/lambda-env.js';
import { startRateLimitedSlack } from '../support/rate-limited-slack.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { blockActionsBody, buttonIn, signedEvent } from '../support/slack-requests.js';

const iam = mockClient(IAMClient);
const analyzer = mockClient(AccessAnalyzerClient);
const lambda = mockClient(LambdaClient);
const sts = mockClient(STSClient);
const slack = new SlackApiStub();
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let table = 0;
const saved = { ...process.env };

beforeAll(async () => {
  await slack.start();
  dynalite = await startDynalite();
  // The handler builds its own DynamoDB client: it finds the emulator the way the SDK always does.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
});
afterAll(async () => {
  process.env = saved;
  await slack.stop();
  await dynalite.stop();
  for (const m of [iam, analyzer, lambda, sts]) m.restore();
});

/** A handler on a fresh state table, so tests do not see each other's groups. */
async function handlerWithStore(overrides: Record<string, string> = {}, slackUrl = slack.apiUrl) {
  const name = `state-${++table}`;
  await ensureStateTable(dynalite.client, name);
  return lambdaUnderTest(slack, { STATE_TABLE_NAME: name, SLACK_API_URL: slackUrl, ...overrides });
}

/** The EventBridge event Access Analyzer would send for a finding. */
function eventOf(f: Finding) {
  return {
    version: '0',
    id: `evt-${f.id}-${f.status}`,
    'detail-type': 'Access Analyzer Finding',
    source: 'aws.access-analyzer',
    account: '111122223333',
    time: f.updatedAt,
    region: f.region,
    resources: [f.analyzerArn],
    detail: {
      version: '1.0',
      id: f.id,
      status: f.status,
      resourceType: f.resourceType,
      resource: f.resource,
      createdAt: f.createdAt,
      analyzedAt: f.updatedAt,
      updatedAt: f.updatedAt,
      accountId: f.ownerAccount,
      region: f.region,
      principal: f.principal,
      action: f.actions,
      condition: f.condition,
      isPublic: f.isPublic,
      isDeleted: f.isDeleted,
    },
  };
}
const sqs = (events: unknown[]) => ({
  Records: events.map((e, i) => ({ messageId: `m-${i}`, body: JSON.stringify(e), eventSource: 'aws:sqs' })),
});

beforeEach(() => {
  slack.reset();
  for (const m of [iam, analyzer, lambda, sts]) m.reset();
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: '444455556666', Arn: 'arn:aws:sts::444455556666:assumed-role/responder/fn' });
});

describe('lifecycle through handler(), state in DynamoDB', () => {
  const f = roleFinding({ updatedAt: '2025-03-04T10:00:00.000Z' });

  it('posts one message for five concurrent copies of one event', async () => {
    const { handler } = await handlerWithStore();
    await Promise.all(Array.from({ length: 5 }, () => handler(eventOf(f))));
    expect(slack.called('chat.postMessage')).toHaveLength(1);
  });

  it("joins a role's findings from three Regions into one message and one thread", async () => {
    const { handler } = await handlerWithStore();
    const regions = ['eu-west-1', 'us-east-1', 'ap-northeast-1'];
    await Promise.all(
      regions.map((region) =>
        handler(
          eventOf({
            ...f,
            id: `f-${region}`,
            region,
            analyzerArn: `arn:aws:access-analyzer:${region}:111122223333:analyzer/org`,
          }),
        ),
      ),
    );
    const posts = slack.called('chat.postMessage');
    const top = posts.filter((p) => !p.args.thread_ts);
    expect(top).toHaveLength(1);
    const threads = new Set(posts.filter((p) => p.args.thread_ts).map((p) => p.args.thread_ts));
    expect(threads.size).toBe(1);
    expect(JSON.stringify(slack.called('chat.update').at(-1)?.args.blocks).match(/Also in /g)).toHaveLength(
      2,
    );
  });

  it('updates the message when the finding is archived in the console, and stays quiet on our own archive', async () => {
    const { handler } = await handlerWithStore();
    await handler(eventOf(f));
    const ts = slack.called('chat.postMessage')[0]?.args.blocks && slack.called('chat.postMessage').length;
    expect(ts).toBe(1);
    await handler(eventOf({ ...f, status: 'ARCHIVED', updatedAt: '2025-03-04T11:00:00.000Z' }));
    expect(slack.called('chat.postMessage').at(-1)?.args.text).toContain(
      'was archived in Access Analyzer, outside this app',
    );
    expect(JSON.stringify(slack.called('chat.update').at(-1)?.args.blocks)).toContain('Finding is ARCHIVED');

    // Another finding, archived with the button: Access Analyzer's echo adds nothing to the thread.
    slack.reset();
    const g = { ...f, id: 'f-ours', resource: 'arn:aws:iam::444455556666:role/Other' };
    await handler(eventOf(g));
    const post = slack.called('chat.postMessage')[0];
    analyzer.on(GetFindingV2Command).resolves({
      ...analyzerSummary(g),
      findingDetails: [],
    });
    analyzer.on(UpdateFindingsCommand).resolves({});
    iam.on(GetRoleCommand).rejects(new NoSuchEntityException({ message: 'no', $metadata: {} }));
    const archive = buttonIn(post, 'finding.archive');
    await handler(
      signedEvent(
        blockActionsBody({
          actionId: 'finding.archive',
          value: archive.value,
          blockId: archive.blockId,
          channel: CHANNEL,
          messageTs: '1700000001.000100',
          user: { id: 'U0ALICE', name: 'alice' },
          responseUrl: `${slack.url}/response/1`,
        }),
        { secret: SIGNING_SECRET },
      ),
    );
    await handler(
      JSON.parse(
        new TextDecoder().decode(lambda.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array),
      ),
    );
    const replies = () => slack.called('chat.postMessage').filter((p) => p.args.thread_ts);
    expect(replies()).toHaveLength(1);
    await handler(eventOf({ ...g, status: 'ARCHIVED', updatedAt: new Date().toISOString() }));
    expect(replies()).toHaveLength(1);
  });

  it('acts once for ten concurrent Isolate presses; the others hear it is under way or done', async () => {
    const { handler } = await handlerWithStore();
    await handler(eventOf(f));
    const post = slack.called('chat.postMessage')[0];
    analyzer.on(GetFindingV2Command).resolves({
      ...analyzerSummary(f),
      findingDetails: [],
    });
    // IAM answers slowly, as it does, so the presses overlap.
    const tags: Array<{ Key: string; Value: string }> = [];
    let policy: string | undefined;
    iam.on(GetRoleCommand).callsFake(async () => ({
      Role: {
        RoleName: 'VendorDeployRole',
        Arn: f.resource,
        Path: '/deploy/ci/',
        RoleId: 'R',
        CreateDate: new Date(),
        Tags: [...tags],
      },
    }));
    iam.on(GetRolePolicyCommand).callsFake(async () => {
      if (!policy) throw new NoSuchEntityException({ message: 'no', $metadata: {} });
      return {
        RoleName: 'VendorDeployRole',
        PolicyName: 'AccessFindingsDenyAll',
        PolicyDocument: encodeURIComponent(policy),
      };
    });
    iam.on(PutRolePolicyCommand).callsFake(async (input) => {
      await new Promise((r) => setTimeout(r, 200));
      policy = input.PolicyDocument;
      return {};
    });
    iam.on(TagRoleCommand).callsFake(async (input) => {
      tags.push(...(input.Tags ?? []));
      return {};
    });
    const isolate = buttonIn(post, 'finding.isolate');
    for (let i = 0; i < 10; i++) {
      await handler(
        signedEvent(
          blockActionsBody({
            actionId: 'finding.isolate',
            value: isolate.value,
            blockId: isolate.blockId,
            channel: CHANNEL,
            messageTs: '1700000001.000100',
            user: { id: 'U0ALICE', name: 'alice' },
            responseUrl: `${slack.url}/response/${i}`,
          }),
          { secret: SIGNING_SECRET },
        ),
      );
    }
    const jobs = lambda
      .commandCalls(InvokeCommand)
      .map((c) => JSON.parse(new TextDecoder().decode(c.args[0].input.Payload as Uint8Array)));
    expect(jobs).toHaveLength(10);
    await Promise.all(jobs.map((job) => handler(job)));
    expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(1);
    const replies = slack
      .called('chat.postMessage')
      .filter((p) => p.args.thread_ts)
      .map((p) => p.args.text as string);
    expect(replies.filter((r) => r.includes('isolated: inline policy'))).toHaveLength(1);
    expect(replies.filter((r) => /already in progress|was already isolated/.test(r))).toHaveLength(9);
  });

  it('sweeps: announces a finding whose event never came, and marks one that is gone', async () => {
    const { handler } = await handlerWithStore({ ANALYZER_ARN: f.analyzerArn });
    await handler(eventOf(f));
    const lost = { ...f, id: 'f-lost', resource: 'arn:aws:iam::444455556666:role/NeverAnnounced' };
    analyzer.on(ListFindingsV2Command).resolves({
      findings: [analyzerSummary(lost)],
    });
    analyzer.on(GetFindingV2Command, { id: lost.id }).resolves({
      ...analyzerSummary(lost),
      findingDetails: externalAccessDetails(),
    });
    analyzer.on(GetFindingV2Command, { id: f.id }).resolves({
      ...analyzerSummary(f, 'RESOLVED'),
      findingDetails: [],
    });
    const report = await handler({
      version: '0',
      id: 'sched',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '1',
      time: '',
      region: 'eu-west-1',
      resources: [],
      detail: {},
    });
    expect(report).toMatchObject({ active: 1, announced: 1, changed: 1, failed: 0 });
    expect(analyzer.commandCalls(ListAnalyzersCommand)).toEqual([]);
    const texts = slack.called('chat.postMessage').map((p) => String(p.args.text));
    expect(texts.some((t) => t.includes('NeverAnnounced'))).toBe(true);
    expect(texts.some((t) => t.includes('is resolved'))).toBe(true);
  });
});

describe('a burst of 1,000 findings through handler(), against Slack’s rate limit', () => {
  it('makes every finding reachable from the channel exactly once, with every 429 honoured', async () => {
    const rateLimited = await startRateLimitedSlack('xoxb-test-token', CHANNEL);
    try {
      const { handler } = await handlerWithStore({}, rateLimited.apiUrl);
      const findings = Array.from({ length: 1000 }, (_, i) =>
        roleFinding({
          id: `burst-${String(i).padStart(4, '0')}`,
          resource: `arn:aws:iam::444455556666:role/Burst${i}`,
          updatedAt: '2025-03-04T10:00:00.000Z',
        }),
      );
      const batches: unknown[][] = [];
      for (let i = 0; i < findings.length; i += 100) batches.push(findings.slice(i, i + 100).map(eventOf));
      const started = Date.now();
      // Two pollers, as the event source's maximum concurrency allows; failed records come back once more.
      const pending = [...batches];
      const failed: unknown[] = [];
      await Promise.all(
        [0, 1].map(async () => {
          for (let batch = pending.shift(); batch; batch = pending.shift()) {
            const result = (await handler(sqs(batch))) as {
              batchItemFailures: Array<{ itemIdentifier: string }>;
            };
            for (const f of result.batchItemFailures) failed.push(batch[Number(f.itemIdentifier.slice(2))]);
          }
        }),
      );
      if (failed.length > 0) await handler(sqs(failed));
      const seconds = (Date.now() - started) / 1000;

      const messages = rateLimited.standIn.messages;
      // A finding is reachable as its own message (the block its buttons are in names it) or as a line
      // in a digest's thread; the digest's summary only repeats a few.
      const reachable: string[] = [];
      for (const m of messages) {
        const own = m.blocks.find((b) => String(b.block_id ?? '').startsWith('finding:'));
        if (own) reachable.push(String(own.block_id).slice('finding:'.length));
        if (m.text.includes('arrived at once')) {
          for (const r of m.replies)
            reachable.push(...[...r.text.matchAll(/`(burst-\d{4})`/g)].map((x) => x[1] ?? ''));
        }
      }
      const counts = new Map<string, number>();
      for (const id of reachable) counts.set(id, (counts.get(id) ?? 0) + 1);
      expect(counts.size).toBe(1000);
      expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
      const replies = messages.reduce((n, m) => n + m.replies.length, 0);
      console.log(
        `burst of 1,000: ${messages.length} channel messages + ${replies} thread replies, ${rateLimited.counts.calls} Web API calls, ${rateLimited.counts.rateLimited} × 429 (all retried), ${failed.length} records redelivered, ${seconds.toFixed(1)} s`,
      );
      expect(rateLimited.standIn.counters.rateLimited).toBe(rateLimited.counts.rateLimited);
    } finally {
      await rateLimited.stop();
    }
  }, 180_000);
});
