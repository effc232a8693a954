import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import * as z from 'zod/mini';
import { type HttpResult, httpApiEvent } from './adapters/http/http-api-event.js';
import { jobEvent } from './adapters/job-event.js';
import { powertoolsLog } from './adapters/log.js';
import type { ActionSettings } from './app/actions/types.js';
import { type Config, loadConfig } from './config.js';
import type { Translate } from './domain/messages/index.js';
import { lazySchema } from './domain/schemas.js';
import type {
  Audit,
  AuditEvent,
  Clock,
  Findings,
  Iam,
  Identity,
  Jobs,
  Log,
  Mirror,
  StateStore,
} from './ports.js';

/** What the entry points may replace: the sandbox runs jobs in-process against a simulated account. */
export interface HandlerOptions {
  jobs?: Jobs;
  log?: Log;
  clock?: Clock;
  /** AWS ports to use instead of the SDK adapters (the sandbox's simulated account). */
  aws?: { findings: Findings; iam: Iam; identity: Identity };
  /** Where audit events go instead of EventBridge (they are logged either way). */
  audit?: Audit;
  /** The state store to use instead of the configured one (the sandbox's DynamoDB on dynalite). */
  store?: StateStore;
}

type Env = Record<string, string | undefined>;

/** The events that are not Slack's: built only when one arrives (most cold starts are Slack requests). */
const backgroundEvents = lazySchema(() => ({
  sqs: z.object({
    Records: z
      .array(z.looseObject({ eventSource: z.literal('aws:sqs'), messageId: z.string(), body: z.string() }))
      .check(z.minLength(1)),
  }),
  /** EventBridge's scheduled event: the hourly sweep. */
  scheduled: z.looseObject({ source: z.literal('aws.events'), 'detail-type': z.literal('Scheduled Event') }),
  eventBridge: z.looseObject({ source: z.string(), 'detail-type': z.string(), detail: z.unknown() }),
}));

const systemClock: Clock = { now: () => new Date() };

/** Memoizes an async factory; a failure is not cached, so the next event tries again. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make().catch((error) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

/**
 * Builds the one Lambda entry. Routes API Gateway HTTP API events to Slack (Bolt), EventBridge events
 * (direct or in an SQS batch) to the findings path, and job events to the job path. Each path loads
 * only the modules and clients it needs, on first use: a cold start pays for its own path alone.
 */
export function makeApp(env: Env = process.env, options: HandlerOptions = {}) {
  const log = options.log ?? powertoolsLog();
  const clock = options.clock ?? systemClock;

  // What every path needs, and nothing that calls out: settings, keys, catalog, actions.
  const core = once(async () => {
    const config = await loadConfig(env, readSecret);
    const [{ signingKeys }, { translator }, { actionRegistry }] = await Promise.all([
      import('./domain/sealed.js'),
      import('./domain/messages/index.js'),
      import('./app/actions/registry.js'),
    ]);
    const keys = signingKeys(config.actionSigningKeys);
    const t = translator(config.locale);
    const actions = actionRegistry();
    const settings: ActionSettings = {
      isolationPolicyName: config.isolationPolicyName,
      protectedRolePatterns: config.protectedRolePatterns,
    };
    const audit = lazyAudit(config, log, options.audit);
    return { config, keys, t, actions, settings, audit };
  });
  // The rest is loaded by the first path that uses it; the Slack path draws no cards.
  const buildCard = once(async () => {
    const c = await core();
    const { makeCardBuilder } = await import('./app/card.js');
    return makeCardBuilder(c.actions, c.settings);
  });
  const slack = once(async () => slackClient((await core()).config, log));
  const chat = once(async () => {
    const c = await core();
    const { SlackChat } = await import('./adapters/slack/web-chat.js');
    return new SlackChat(await slack(), c.t, c.keys, clock);
  });
  const state = once(async () => {
    const store = options.store ?? (await stateStore((await core()).config, clock, log));
    const { FindingGroups } = await import('./app/finding-groups.js');
    return { store, groups: new FindingGroups(store, clock) };
  });
  const mirror = once(async () => {
    const c = await core();
    return amazonQMirror(c.config, c.t, clock, log);
  });

  /** Registers the app's Slack listeners on a Bolt app (the Lambda receiver's, or Socket Mode's). */
  const slackListeners = once(async () => {
    const c = await core();
    const { registerActionListeners } = await import('./adapters/slack/block-actions.js');
    const { registerQueryListeners } = await import('./adapters/slack/slash-command.js');
    const { SlackDirectory } = await import('./adapters/slack/directory.js');
    const { makeAuthorize } = await import('./app/authorize.js');
    const { makeRequestAction } = await import('./app/request-action.js');
    const { makeRequestQuery } = await import('./app/request-query.js');
    const jobs = options.jobs ?? lambdaJobs(c.config);
    // The Web API client is needed only to read user groups, and only when some are configured.
    const authorize = makeAuthorize(c.config.authorization, {
      groupMembers: async (group) => new SlackDirectory(await slack(), clock).groupMembers(group),
    });
    const requestAction = makeRequestAction({
      keys: c.keys,
      actions: c.actions,
      authorize,
      jobs,
      audit: c.audit,
      clock,
      log,
    });
    const requestQuery = makeRequestQuery({ keys: c.keys, authorize, jobs, audit: c.audit, clock, log });
    return (app: App) => {
      registerActionListeners(app, c.actions.keys(), requestAction, c.t, log);
      registerQueryListeners(app, requestQuery, c.t, log);
    };
  });

  const slackPath = once(async () => {
    const c = await core();
    const { createBoltApp } = await import('./adapters/slack/http-api.js');
    const bolt = createBoltApp(c.config.slack.signingSecret, log);
    (await slackListeners())(bolt.app);
    return bolt.handle;
  });

  const findingsPath = once(async () => {
    const c = await core();
    const { store, groups } = await state();
    const [{ makeAnnounce }, { parseFindingEvent }] = await Promise.all([
      import('./app/announce.js'),
      import('./domain/finding-event.js'),
    ]);
    const announce = makeAnnounce({
      groups,
      store,
      chat: await chat(),
      mirror: await mirror(),
      channel: c.config.slack.channelId,
      buildCard: await buildCard(),
      clock,
      log,
      digestThreshold: c.config.digestThreshold,
    });
    return { announce, parseFindingEvent };
  });

  const sweepPath = once(async () => {
    const c = await core();
    const aws = options.aws ?? (await awsPorts(env));
    const { store, groups } = await state();
    const { makeSweep } = await import('./app/sweep.js');
    return makeSweep({
      findings: aws.findings,
      groups,
      store,
      announce: (await findingsPath()).announce,
      analyzerArn: c.config.analyzerArn,
      log,
    });
  });

  const jobPath = once(async () => {
    const c = await core();
    const aws = options.aws ?? (await awsPorts(env));
    const [{ makeAnswerQuery }, { makeRunAction }, { openJob }] = await Promise.all([
      import('./app/answer-query.js'),
      import('./app/run-action.js'),
      import('./domain/job.js'),
    ]);
    const answerQuery = makeAnswerQuery({
      findings: aws.findings,
      iam: aws.iam,
      chat: await chat(),
      buildCard: await buildCard(),
      analyzerArn: c.config.analyzerArn,
      log,
    });
    const runAction = makeRunAction({
      actions: c.actions,
      settings: c.settings,
      buildCard: await buildCard(),
      chat: await chat(),
      ...aws,
      audit: c.audit,
      groups: (await state()).groups,
      mirror: await mirror(),
      clock,
      log,
    });
    return async (sealedJob: string) => {
      // A job that does not open (forged, or older than an hour) names nobody to answer: it is only logged.
      const job = openJob(sealedJob, c.keys, clock.now());
      await (job.kind === 'action' ? runAction(job) : answerQuery(job));
    };
  });

  /**
   * An SQS batch, announced as one (a burst becomes one digest). Only records that failed are reported,
   * so only they are delivered again, and after the queue's retries they wait in its dead-letter queue.
   */
  async function findingsBatch(
    records: Array<{ messageId: string; body: string }>,
  ): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
    const failures: Array<{ itemIdentifier: string }> = [];
    const { announce, parseFindingEvent } = await findingsPath();
    const parsed: Array<{ messageId: string; event: ReturnType<typeof parseFindingEvent> }> = [];
    for (const record of records) {
      try {
        parsed.push({ messageId: record.messageId, event: parseFindingEvent(JSON.parse(record.body)) });
      } catch (error) {
        log.error(
          'SQS record is not a finding event; it will go to the dead-letter queue after its retries',
          {
            messageId: record.messageId,
            error,
          },
        );
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    if (parsed.length > 0) {
      const results = await announce(parsed.map((p) => p.event));
      results.forEach((result, i) => {
        if (result instanceof Error) failures.push({ itemIdentifier: parsed[i]?.messageId ?? '' });
      });
    }
    return { batchItemFailures: failures };
  }

  async function handler(event: unknown, _context?: unknown): Promise<unknown> {
    const http = httpApiEvent.safeParse(event);
    if (http.success) {
      try {
        return await (await slackPath())(http.data);
      } catch (error) {
        log.error('Slack request failed', { error });
        return { statusCode: 500, body: 'internal error' } satisfies HttpResult;
      }
    }
    const job = jobEvent().safeParse(event);
    if (job.success) {
      try {
        await (await jobPath())(job.data.job);
      } catch (error) {
        // Not rethrown: a forged or stale job must not be retried by Lambda's async retries.
        log.error('job refused or failed before it could report', { error });
      }
      return undefined;
    }
    const background = backgroundEvents();
    const sqs = background.sqs.safeParse(event);
    if (sqs.success) return findingsBatch(sqs.data.Records);
    const scheduled = background.scheduled.safeParse(event);
    if (scheduled.success) {
      const report = await (await sweepPath())();
      if (report.failed > 0)
        throw new Error(`sweep: ${report.failed} findings not announced; the next sweep tries again`);
      return report;
    }
    if (background.eventBridge.safeParse(event).success) {
      // Thrown errors make EventBridge (or Lambda's async retries) deliver again, then to a DLQ.
      const { announce, parseFindingEvent } = await findingsPath();
      const [result] = await announce([parseFindingEvent(event)]);
      if (result instanceof Error) throw result;
      return undefined;
    }
    log.error('unrecognised event; nothing done', { keys: Object.keys((event as object) ?? {}) });
    throw new Error('access-findings: unrecognised event');
  }

  return {
    handler,
    /** For Socket Mode (local development): the same listeners on a Bolt app the caller runs. */
    registerSlackListeners: async (app: App) => (await slackListeners())(app),
  };
}

/** Builds the one Lambda entry (see `makeApp`). */
export function makeHandler(env: Env = process.env, options: HandlerOptions = {}) {
  return makeApp(env, options).handler;
}

async function awsPorts(env: Env): Promise<{ findings: Findings; iam: Iam; identity: Identity }> {
  const [{ AwsIam, createIamClient }, { AwsAccessAnalyzer }, { AwsIdentity }] = await Promise.all([
    import('./adapters/aws/iam.js'),
    import('./adapters/aws/access-analyzer.js'),
    import('./adapters/aws/sts.js'),
  ]);
  return {
    findings: new AwsAccessAnalyzer({}, env.AWS_REGION),
    iam: new AwsIam(createIamClient()),
    identity: new AwsIdentity(),
  };
}

async function readSecret(arn: string): Promise<string> {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const answer = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  return answer.SecretString ?? '';
}

async function slackClient(config: Config, log: Log): Promise<WebClient> {
  const { WebClient } = await import('@slack/web-api');
  const { slackLogger } = await import('./adapters/slack/slack-logger.js');
  // The default retry policy waits up to ~30 minutes; a Lambda must give up long before.
  return new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: 10_000,
    logger: slackLogger(log),
  });
}

/** The hand-off to this function's asynchronous invocation; the Lambda client loads on the first press. */
function lambdaJobs(config: Config): Jobs {
  const functionName = config.functionName;
  if (!functionName)
    throw new Error('AWS_LAMBDA_FUNCTION_NAME is not set: outside Lambda, pass an in-process job runner');
  const jobs = once(async () => {
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    const { LambdaJobs } = await import('./adapters/aws/lambda-jobs.js');
    return new LambdaJobs(new LambdaClient({}), functionName);
  });
  return { enqueue: async (sealedJob) => (await jobs()).enqueue(sealedJob) };
}

/** DynamoDB when `STATE_TABLE_NAME` is set; otherwise this process's memory (and a warning). */
async function stateStore(config: Config, clock: Clock, log: Log): Promise<StateStore> {
  if (!config.stateTableName) {
    log.warn('STATE_TABLE_NAME is not set: deduplication and locks hold within this process only');
    const { MemoryStateStore } = await import('./adapters/memory-store.js');
    return new MemoryStateStore(clock);
  }
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDbStateStore, ensureStateTable } = await import('./adapters/aws/dynamodb-store.js');
  const client = new DynamoDBClient({});
  if (config.stateTableAutoCreate) await ensureStateTable(client, config.stateTableName);
  return new DynamoDbStateStore(client, config.stateTableName, clock);
}

/** The Amazon Q Developer mirror when `AMAZON_Q_TOPIC_ARN` is set (the SNS client loads only then). */
async function amazonQMirror(
  config: Config,
  t: Translate,
  clock: Clock,
  log: Log,
): Promise<Mirror | undefined> {
  if (!config.amazonQTopicArn) return undefined;
  const { SNSClient } = await import('@aws-sdk/client-sns');
  const { SnsMirror } = await import('./adapters/aws/sns-mirror.js');
  return new SnsMirror(new SNSClient({}), config.amazonQTopicArn, t, config.slack.channelId, clock, log);
}

/** Logs every audit event; with `AUDIT_EVENT_BUS_NAME`, also publishes it (client loaded on first use). */
function lazyAudit(config: Config, log: Log, replacement?: Audit): Audit {
  const bus = config.auditEventBusName;
  const publisher = replacement
    ? async () => replacement
    : bus
      ? once(async () => {
          const { EventBridgeClient } = await import('@aws-sdk/client-eventbridge');
          const { EventBridgeAudit } = await import('./adapters/aws/eventbridge-audit.js');
          return new EventBridgeAudit(new EventBridgeClient({}), bus, log);
        })
      : undefined;
  return {
    async record(event: AuditEvent) {
      log.info('audit', { audit: event });
      if (!publisher) return;
      try {
        await (await publisher()).record(event);
      } catch (error) {
        log.error('audit event not published', { event, error });
      }
    },
  };
}

/** The Lambda entry (Node.js 24: a two-argument async handler). */
export const handler = makeHandler();
