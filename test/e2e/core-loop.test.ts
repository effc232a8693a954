import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AccessAnalyzerClient,
  GetFindingV2Command,
  ResourceNotFoundException,
  UpdateFindingsCommand,
} from '@aws-sdk/client-accessanalyzer';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { externalAccessDetails } from '../support/findings.js';
import { CHANNEL, FUNCTION_NAME, lambdaUnderTest, SIGNING_SECRET } from '../support/lambda-env.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { blockActionsBody, buttonIn, signedEvent } from '../support/slack-requests.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/events', name), 'utf8'));

const iam = mockClient(IAMClient);
const analyzer = mockClient(AccessAnalyzerClient);
const lambda = mockClient(LambdaClient);
const sts = mockClient(STSClient);
const events = mockClient(EventBridgeClient);
const sns = mockClient(SNSClient);
const slack = new SlackApiStub();

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
  for (const m of [iam, analyzer, lambda, sts, events, sns]) m.restore();
});

const EVENT = fixture('external-with-condition.json');
const FINDING_ID: string = EVENT.detail.id;
const ROLE_ARN: string = EVENT.detail.resource;

function awsAsItIs(detail = EVENT.detail) {
  for (const m of [iam, analyzer, lambda, sts, events, sns]) m.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  sts.on(GetCallerIdentityCommand).resolves({
    Account: '444455556666',
    Arn: 'arn:aws:sts::444455556666:assumed-role/access-findings-responder/access-findings-responder',
  });
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
  analyzer.on(GetFindingV2Command).resolves({
    id: detail.id,
    status: 'ACTIVE',
    resourceType: detail.resourceType,
    resource: detail.resource,
    resourceOwnerAccount: detail.accountId,
    createdAt: new Date(detail.createdAt),
    updatedAt: new Date(detail.updatedAt),
    analyzedAt: new Date(detail.analyzedAt),
    findingType: 'ExternalAccess',
    findingDetails: externalAccessDetails({
      principal: detail.principal,
      action: detail.action,
      condition: detail.condition,
      isPublic: detail.isPublic,
    }),
  });
  analyzer.on(UpdateFindingsCommand).resolves({});
  iam.on(GetRoleCommand).resolves({
    Role: {
      RoleName: detail.resource.split('/').pop(),
      Arn: detail.resource,
      Path: '/',
      RoleId: 'AROA1',
      CreateDate: new Date(),
      Tags: [],
    },
  });
  iam
    .on(GetRolePolicyCommand)
    .rejects(new NoSuchEntityException({ message: 'The role policy cannot be found.', $metadata: {} }));
  iam.on(PutRolePolicyCommand).resolves({});
  iam.on(TagRoleCommand).resolves({});
}

/** AWS calls made so far, by command name. */
function awsCalls(): string[] {
  return [iam, analyzer, sts].flatMap((m) => m.calls().map((c) => c.args[0].constructor.name));
}

async function postFinding(handler: (e: unknown) => Promise<unknown>, event = EVENT) {
  await handler(event);
  const post = slack.called('chat.postMessage').at(-1);
  if (!post) throw new Error('nothing posted');
  return post;
}

function press(
  post: { args: Record<string, any> },
  actionId: string,
  user = { id: 'U0ALICE', name: 'alice' },
  overrides: Partial<Parameters<typeof blockActionsBody>[0]> = {},
) {
  const button = buttonIn(post, actionId);
  return blockActionsBody({
    actionId,
    value: button.value,
    blockId: button.blockId,
    channel: CHANNEL,
    messageTs: '1700000001.000100',
    user,
    responseUrl: `${slack.url}/response/1`,
    ...overrides,
  });
}

/** The job event the Slack path handed to Lambda's asynchronous Invoke. */
function handedJob(): unknown {
  const invokes = lambda.commandCalls(InvokeCommand);
  expect(invokes).toHaveLength(1);
  const input = invokes[0]?.args[0].input;
  expect(input).toMatchObject({ FunctionName: FUNCTION_NAME, InvocationType: 'Event' });
  return JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array));
}

beforeEach(() => {
  slack.reset();
  awsAsItIs();
});

describe('the core loop through handler()', () => {
  it('posts a finding, takes a signed press, hands off a job, isolates, reports and redraws', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    expect(post.token).toBe('xoxb-test-token');
    expect(post.args.channel).toBe(CHANNEL);
    expect(post.args.text).toBe(
      'IAM Access Analyzer finding: IAM role VendorDeployRole in account 444455556666',
    );
    expect(post.args.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'External access to IAM role VendorDeployRole', emoji: true },
    });
    const isolate = buttonIn(post, 'finding.isolate').element;
    expect(isolate).toMatchObject({
      style: 'danger',
      confirm: { title: { text: 'Isolate VendorDeployRole?' }, style: 'danger' },
    });
    expect(awsCalls()).toEqual([]);

    // The press: verified, authorized, handed off; no IAM or Access Analyzer call on the Slack path.
    const response = (await handler(
      signedEvent(press(post, 'finding.isolate'), { secret: SIGNING_SECRET }),
    )) as any;
    expect(response.statusCode).toBe(200);
    expect(awsCalls()).toEqual([]);
    expect(slack.calls).toHaveLength(1);
    const job = handedJob();

    // The job: re-read, working…, act, reply, redraw, audit.
    await handler(job);
    expect(analyzer.commandCalls(GetFindingV2Command)[0]?.args[0].input).toEqual({
      analyzerArn: EVENT.resources[0],
      id: FINDING_ID,
    });
    expect(iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input).toEqual({
      RoleName: 'VendorDeployRole',
      PolicyName: 'AccessFindingsDenyAll',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'AccessFindingsDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }],
      }),
    });
    expect(iam.commandCalls(TagRoleCommand)[0]?.args[0].input.Tags).toContainEqual({
      Key: 'access-findings:isolated-by',
      Value: 'U0ALICE',
    });

    const [working, final] = slack.called('chat.update');
    expect(working?.args).toMatchObject({ channel: CHANNEL, ts: '1700000001.000100' });
    expect(JSON.stringify(working?.args.blocks)).toContain('Working… Isolate requested by <@U0ALICE>');
    expect(working?.args.blocks.find((b: any) => b.type === 'actions')).toBeUndefined();
    const reply = slack.called('chat.postMessage').at(-1);
    expect(reply?.args).toMatchObject({
      channel: CHANNEL,
      thread_ts: '1700000001.000100',
      text: 'Role `VendorDeployRole` isolated: inline policy `AccessFindingsDenyAll` denies every action. Requested by <@U0ALICE>.',
    });
    expect(JSON.stringify(final?.args.blocks)).toContain('Role isolated by <@U0ALICE>');
    expect(
      final?.args.blocks.find((b: any) => b.type === 'actions').elements.map((e: any) => e.action_id),
    ).toEqual(['finding.archive']);

    const audit = events.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(audit).toMatchObject({
      EventBusName: 'security-audit',
      Source: 'access-findings',
      DetailType: 'Finding Action',
    });
    expect(JSON.parse(audit?.Detail ?? '{}')).toMatchObject({
      actor: { slackUserId: 'U0ALICE', name: 'alice' },
      action: 'finding.isolate',
      findingId: FINDING_ID,
      analyzerArn: EVENT.resources[0],
      resource: ROLE_ARN,
      account: '444455556666',
      result: 'succeeded',
      reason: 'isolated_inline',
    });
  });

  it('archives through the same loop', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    await handler(signedEvent(press(post, 'finding.archive'), { secret: SIGNING_SECRET }));
    await handler(handedJob());
    expect(analyzer.commandCalls(UpdateFindingsCommand)[0]?.args[0].input).toEqual({
      analyzerArn: EVENT.resources[0],
      ids: [FINDING_ID],
      status: 'ARCHIVED',
    });
    expect(iam.commandCalls(PutRolePolicyCommand)).toEqual([]);
    expect(slack.called('chat.postMessage').at(-1)?.args.text).toBe(
      `Finding \`${FINDING_ID}\` archived in analyzer \`${EVENT.resources[0]}\`. Requested by <@U0ALICE>.`,
    );
    expect(
      slack
        .called('chat.update')
        .at(-1)
        ?.args.blocks.find((b: any) => b.type === 'actions'),
    ).toBeUndefined();
  });

  it('mirrors the new finding and the action result to Amazon Q Developer when AMAZON_Q_TOPIC_ARN is set', async () => {
    const topic = 'arn:aws:sns:eu-west-1:111122223333:access-findings-q';
    const { handler } = lambdaUnderTest(slack, { AMAZON_Q_TOPIC_ARN: topic });
    const post = await postFinding(handler);
    await handler(signedEvent(press(post, 'finding.isolate'), { secret: SIGNING_SECRET }));
    // The Slack path publishes nothing: the mirror never slows the acknowledgement.
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    await handler(handedJob());
    const messages = sns.commandCalls(PublishCommand).map((c) => JSON.parse(c.args[0].input.Message ?? '{}'));
    expect(sns.commandCalls(PublishCommand).every((c) => c.args[0].input.TopicArn === topic)).toBe(true);
    expect(messages.map((m) => [m.metadata.eventType, m.metadata.threadId])).toEqual([
      ['AccessFindingCreated', FINDING_ID],
      ['AccessFindingIsolateSucceeded', FINDING_ID],
    ]);
  });

  it('still posts and acts when the mirror cannot publish', async () => {
    sns.on(PublishCommand).rejects(new Error('AuthorizationError'));
    const { handler, log } = lambdaUnderTest(slack, {
      AMAZON_Q_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:q',
    });
    const post = await postFinding(handler);
    await handler(signedEvent(press(post, 'finding.archive'), { secret: SIGNING_SECRET }));
    await handler(handedJob());
    expect(analyzer.commandCalls(UpdateFindingsCommand)).toHaveLength(1);
    expect(log.entries.filter((e) => e.message === 'Amazon Q mirror message not published')).toHaveLength(2);
  });

  it('speaks Japanese with LOCALE=ja', async () => {
    const { handler } = lambdaUnderTest(slack, { LOCALE: 'ja' });
    const post = await postFinding(handler);
    expect(post.args.blocks[0].text.text).toBe('IAM ロール VendorDeployRole への外部アクセス');
    expect(buttonIn(post, 'finding.isolate').element.text.text).toBe('ロールを隔離');
    await handler(signedEvent(press(post, 'finding.isolate'), { secret: SIGNING_SECRET }));
    await handler(handedJob());
    expect(slack.called('chat.postMessage').at(-1)?.args.text).toContain(
      'ロール `VendorDeployRole` を隔離しました',
    );
  });

  it('posts an unused-access finding with Archive only', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler, fixture('unused-access.json'));
    expect(post.args.blocks[0].text.text).toBe('Unused access: IAM role OldBatchRole');
    const actions = post.args.blocks.find((b: any) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['finding.archive']);
  });

  it('does not post archived or deleted findings', async () => {
    const { handler } = lambdaUnderTest(slack);
    await handler(fixture('archived.json'));
    await handler(fixture('deleted.json'));
    expect(slack.calls).toEqual([]);
  });

  it('decodes base64 JSON bodies as UTF-8, so non-ASCII text keeps a valid signature', async () => {
    const { handler } = lambdaUnderTest(slack);
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'チャレンジ-42' });
    const response = (await handler(
      signedEvent(body, { secret: SIGNING_SECRET, base64: true, contentType: 'application/json' }),
    )) as any;
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ challenge: 'チャレンジ-42' });
  });

  it('takes a base64-encoded button press', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    const body = press(post, 'finding.archive', { id: 'U0ALICE', name: 'アリス' });
    const response = (await handler(signedEvent(body, { secret: SIGNING_SECRET, base64: true }))) as any;
    expect(response.statusCode).toBe(200);
    const { job } = handedJob() as { job: string };
    const sealed = JSON.parse(Buffer.from(job.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(sealed.job.actor).toEqual({ id: 'U0ALICE', name: 'アリス' });
  });
});

describe('refusals through handler(): nothing reaches IAM or Access Analyzer', () => {
  it('answers 401 to a forged signature and to a stale timestamp', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    const body = press(post, 'finding.isolate');
    const forged = (await handler(
      signedEvent(body, { secret: SIGNING_SECRET, signWith: 'not-the-secret' }),
    )) as any;
    expect(forged.statusCode).toBe(401);
    const stale = (await handler(
      signedEvent(body, { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }),
    )) as any;
    expect(stale.statusCode).toBe(401);
    const future = (await handler(
      signedEvent(body, { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }),
    )) as any;
    expect(future.statusCode).toBe(401);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    expect(awsCalls()).toEqual([]);
  });

  it('refuses a tampered token with an ephemeral explanation', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    const { value, blockId } = buttonIn(post, 'finding.isolate');
    const [v, payload, mac] = value.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    claims.r = 'arn:aws:iam::444455556666:role/SomethingElse';
    const tampered = [v, Buffer.from(JSON.stringify(claims)).toString('base64url'), mac].join('.');
    const body = press(post, 'finding.isolate', undefined, { value: tampered, blockId });
    const response = (await handler(signedEvent(body, { secret: SIGNING_SECRET }))) as any;
    expect(response.statusCode).toBe(200);
    expect(slack.responses).toEqual([
      {
        path: '/response/1',
        body: {
          response_type: 'ephemeral',
          replace_original: false,
          text: 'This button is not valid (it was altered or signed with another key); nothing was done.',
        },
      },
    ]);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    expect(awsCalls()).toEqual([]);
    const audit = JSON.parse(
      events.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '{}',
    );
    expect(audit).toMatchObject({
      result: 'refused',
      reason: 'token_invalid',
      actor: { slackUserId: 'U0ALICE' },
    });
  });

  it('refuses an unauthorized user, ephemerally, saying how to get access', async () => {
    const { handler, log } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    await handler(
      signedEvent(press(post, 'finding.isolate', { id: 'U0MALLORY', name: 'mallory' }), {
        secret: SIGNING_SECRET,
      }),
    );
    expect(slack.responses[0]?.body.text).toContain('You are not allowed to act on findings');
    expect(slack.responses[0]?.body.text).toContain('`U0MALLORY`');
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    expect(awsCalls()).toEqual([]);
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        message: 'action refused',
        fields: expect.objectContaining({ user: 'U0MALLORY' }),
      }),
    );
  });

  it('refuses everyone when no user or group is allowed', async () => {
    const { handler } = lambdaUnderTest(slack, { ALLOWED_SLACK_USER_IDS: '' });
    const post = await postFinding(handler);
    await handler(signedEvent(press(post, 'finding.archive'), { secret: SIGNING_SECRET }));
    expect(slack.responses[0]?.body.text).toContain('Nobody may act on findings yet');
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });

  it('refuses to isolate a protected role, in the thread, before any IAM or Access Analyzer call', async () => {
    const { handler } = lambdaUnderTest(slack);
    // Posted before the role became protected: the button exists, the job must still refuse.
    const unprotected = lambdaUnderTest(slack, { PROTECTED_ROLE_PATTERNS: '' }).handler;
    const event = structuredClone(EVENT);
    event.detail.resource = 'arn:aws:iam::444455556666:role/BreakGlassAdmin';
    const post = await postFinding(unprotected, event);
    await handler(signedEvent(press(post, 'finding.isolate'), { secret: SIGNING_SECRET }));
    await handler(handedJob());
    expect(iam.calls()).toEqual([]);
    expect(analyzer.calls()).toEqual([]);
    expect(slack.called('chat.postMessage').at(-1)?.args).toMatchObject({
      thread_ts: '1700000001.000100',
      text: ':no_entry: Isolate refused for `BreakGlassAdmin`: it matches the protected role pattern `BreakGlass*` (`PROTECTED_ROLE_PATTERNS`). Requested by <@U0ALICE>.',
    });
  });

  it('refuses a finding that is no longer ACTIVE when the job re-reads it', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    await handler(signedEvent(press(post, 'finding.isolate'), { secret: SIGNING_SECRET }));
    analyzer.on(GetFindingV2Command).rejects(
      new ResourceNotFoundException({
        message: 'gone',
        $metadata: {},
        resourceId: FINDING_ID,
        resourceType: 'Finding',
      }),
    );
    await handler(handedJob());
    expect(iam.commandCalls(PutRolePolicyCommand)).toEqual([]);
    expect(slack.called('chat.postMessage').at(-1)?.args.text).toContain(
      `Finding \`${FINDING_ID}\` no longer exists`,
    );
  });

  it('ignores a forged job event', async () => {
    const { handler, log } = lambdaUnderTest(slack);
    await handler({ 'access-findings': 'job', job: 'v1.eyJrIjoiYWJjIn0.forged' });
    expect(awsCalls()).toEqual([]);
    expect(slack.calls).toEqual([]);
    expect(log.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'job refused or failed before it could report' }),
    );
  });
});

describe('the HTTP edge', () => {
  it.each([
    ['another path', { path: '/admin' }, 404],
    ['GET', { method: 'GET' }, 405],
    ['a foreign content type', { contentType: 'text/plain' }, 415],
  ])('answers %s with a 4xx', async (_what, options, status) => {
    const { handler } = lambdaUnderTest(slack);
    const response = (await handler(
      signedEvent('payload=%7B%7D', { secret: SIGNING_SECRET, ...options }),
    )) as any;
    expect(response.statusCode).toBe(status);
  });

  it('answers a malformed body with 400', async () => {
    const { handler } = lambdaUnderTest(slack);
    const response = (await handler(signedEvent('payload=%7Bnot-json', { secret: SIGNING_SECRET }))) as any;
    expect(response.statusCode).toBe(400);
    const json = (await handler(
      signedEvent('{nope', { secret: SIGNING_SECRET, contentType: 'application/json' }),
    )) as any;
    expect(json.statusCode).toBe(400);
  });

  it('accepts a charset parameter on the content type', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    const response = (await handler(
      signedEvent(press(post, 'finding.archive'), {
        secret: SIGNING_SECRET,
        contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      }),
    )) as any;
    expect(response.statusCode).toBe(200);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
  });

  it('accepts a named stage prefix', async () => {
    const { handler } = lambdaUnderTest(slack);
    const post = await postFinding(handler);
    const event = signedEvent(press(post, 'finding.archive'), {
      secret: SIGNING_SECRET,
      path: '/prod/slack/events',
    });
    event.requestContext.stage = 'prod';
    const response = (await handler(event)) as any;
    expect(response.statusCode).toBe(200);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
  });
});

describe('SQS batches', () => {
  it('reports only the failed records, so only they are retried', async () => {
    const { handler } = lambdaUnderTest(slack);
    const record = (id: string, body: string) => ({
      messageId: id,
      receiptHandle: 'r',
      body,
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:findings',
      awsRegion: 'eu-west-1',
    });
    const result = await handler({
      Records: [
        record('ok-1', JSON.stringify(EVENT)),
        record('bad-json', '{'),
        record('bad-event', JSON.stringify({ ...EVENT, source: 'aws.s3' })),
        record('ok-2', JSON.stringify(fixture('s3-bucket.json'))),
      ],
    });
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: 'bad-json' }, { itemIdentifier: 'bad-event' }],
    });
    expect(slack.called('chat.postMessage')).toHaveLength(2);
  });

  it('fails a record whose post Slack refused, so it is retried', async () => {
    const { handler } = lambdaUnderTest(slack);
    slack.failures['chat.postMessage'] = 'channel_not_found';
    const result = await handler({
      Records: [{ messageId: 'm1', body: JSON.stringify(EVENT), eventSource: 'aws:sqs' }],
    });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });

  it('throws on a direct EventBridge event it cannot post, so EventBridge retries it', async () => {
    const { handler } = lambdaUnderTest(slack);
    slack.failures['chat.postMessage'] = 'not_in_channel';
    await expect(handler(EVENT)).rejects.toMatchObject({ code: 'slack_failed' });
  });

  it('refuses an unrecognised event', async () => {
    const { handler } = lambdaUnderTest(slack);
    await expect(handler({ hello: 'world' })).rejects.toThrow('unrecognised event');
  });
});
