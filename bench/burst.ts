import { ensureStateTable } from '../src/adapters/aws/dynamodb-store.js';
import type { Finding } from '../src/domain/finding.js';
import { makeHandler } from '../src/lambda.js';
import { startDynalite } from '../test/support/dynalite.js';
import { MemoryLog } from '../test/support/fakes.js';
import { startRateLimitedSlack } from '../test/support/rate-limited-slack.js';

export interface BurstFigures {
  findings: number;
  channelMessages: number;
  threadReplies: number;
  webApiCalls: number;
  rateLimited: number;
  /** Records that failed on a 429 (the client's retries used up) and had to be delivered again. */
  unhandled429: number;
  redelivered: number;
  /** Records that failed five deliveries, which SQS would move to the dead-letter queue. */
  deadLetters: number;
  secondsUntilReachable: number;
  duplicates: number;
  lost: number;
}

const CHANNEL = 'C0BURST';
const COUNT = 1000;
const BATCH = 100;
const POLLERS = 2;

function eventOf(i: number): unknown {
  const f: Partial<Finding> = {
    id: `burst-${String(i).padStart(4, '0')}`,
    resource: `arn:aws:iam::444455556666:role/Burst${i}`,
  };
  return {
    version: '0',
    id: `evt-${i}`,
    'detail-type': 'Access Analyzer Finding',
    source: 'aws.access-analyzer',
    account: '111122223333',
    time: '2025-03-04T10:00:00Z',
    region: 'eu-west-1',
    resources: ['arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/bench'],
    detail: {
      version: '1.0',
      id: f.id,
      status: 'ACTIVE',
      resourceType: 'AWS::IAM::Role',
      resource: f.resource,
      createdAt: '2025-03-04T10:00:00Z',
      analyzedAt: '2025-03-04T10:00:00Z',
      updatedAt: '2025-03-04T10:00:00Z',
      accountId: '444455556666',
      region: 'eu-west-1',
      principal: { AWS: '999988887777' },
      action: ['sts:AssumeRole'],
      condition: {},
      isPublic: false,
      isDeleted: false,
    },
  };
}

/**
 * Burst: 1,000 findings delivered as the SQS event source delivers them (batches of 100, two pollers,
 * failed records delivered again) into the handler, against the sandbox's Slack stand-in with Slack's
 * per-channel rate limit and the state in DynamoDB (dynalite).
 */
export async function burst(): Promise<BurstFigures> {
  const dynalite = await startDynalite();
  const slack = await startRateLimitedSlack('xoxb-burst', CHANNEL);
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'eu-west-1',
  });
  try {
    await ensureStateTable(dynalite.client, 'bench-state');
    const log = new MemoryLog();
    const handler = makeHandler(
      {
        SLACK_BOT_TOKEN: 'xoxb-burst',
        SLACK_SIGNING_SECRET: 'burst-secret',
        SLACK_CHANNEL_ID: CHANNEL,
        SLACK_API_URL: slack.apiUrl,
        ACTION_SIGNING_KEY: 'k'.repeat(40),
        STATE_TABLE_NAME: 'bench-state',
        AWS_REGION: 'eu-west-1',
      },
      { log },
    );
    const queue: Array<Array<{ messageId: string; body: string; eventSource: 'aws:sqs' }>> = [];
    for (let i = 0; i < COUNT; i += BATCH) {
      queue.push(
        Array.from({ length: Math.min(BATCH, COUNT - i) }, (_, j) => ({
          messageId: String(i + j),
          body: JSON.stringify(eventOf(i + j)),
          eventSource: 'aws:sqs' as const,
        })),
      );
    }
    let redelivered = 0;
    let deadLetters = 0;
    const receives = new Map<string, number>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: POLLERS }, async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          const result = (await handler({ Records: batch })) as {
            batchItemFailures: Array<{ itemIdentifier: string }>;
          };
          const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
          const again = batch.filter((r) => failed.has(r.messageId));
          for (const r of again) receives.set(r.messageId, (receives.get(r.messageId) ?? 1) + 1);
          const retry = again.filter((r) => (receives.get(r.messageId) ?? 0) <= 5);
          deadLetters += again.length - retry.length;
          redelivered += retry.length;
          if (retry.length > 0) queue.push(retry);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const reachable: string[] = [];
    for (const m of slack.standIn.messages) {
      const own = m.blocks.find((b) => String(b.block_id ?? '').startsWith('finding:'));
      if (own) reachable.push(String(own.block_id).slice('finding:'.length));
      if (m.text.includes('arrived at once')) {
        for (const r of m.replies)
          reachable.push(...[...r.text.matchAll(/`(burst-\d{4})`/g)].map((x) => x[1] ?? ''));
      }
    }
    const unique = new Set(reachable);
    return {
      findings: COUNT,
      channelMessages: slack.standIn.messages.length,
      threadReplies: slack.standIn.messages.reduce((n, m) => n + m.replies.length, 0),
      webApiCalls: slack.counts.calls,
      rateLimited: slack.counts.rateLimited,
      unhandled429: log.entries.filter(
        (e) => e.level === 'error' && /rate.?limit/i.test(JSON.stringify(e.fields ?? {})),
      ).length,
      redelivered,
      deadLetters,
      secondsUntilReachable: seconds,
      duplicates: reachable.length - unique.size,
      lost: COUNT - unique.size,
    };
  } finally {
    process.env = saved;
    await slack.stop();
    await dynalite.stop();
  }
}
