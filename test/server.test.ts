import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AccessAnalyzerClient,
  GetFindingV2Command,
  UpdateFindingsCommand,
} from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandler } from '../src/lambda.js';
import { type RunningServer, startServer } from '../src/server.js';
import { MemoryLog } from './support/fakes.js';
import { lambdaEnv, SIGNING_SECRET } from './support/lambda-env.js';
import { SlackApiStub } from './support/slack-api-stub.js';
import { blockActionsBody, buttonIn, slackSignature } from './support/slack-requests.js';

const EVENT = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/events/s3-bucket.json'), 'utf8'));
const analyzer = mockClient(AccessAnalyzerClient);
const slack = new SlackApiStub();
let server: RunningServer;

beforeAll(async () => {
  await slack.start();
  const env = { ...lambdaEnv(slack), AWS_LAMBDA_FUNCTION_NAME: '' };
  server = await startServer(env, { port: 0, log: new MemoryLog() });
});
afterAll(async () => {
  await server.close();
  await slack.stop();
  analyzer.restore();
});

async function post(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET) {
  return fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
    },
    body,
  });
}

/** Alice pressing Archive on the last finding the app posted to the stand-in, as a Slack form body. */
function alicePressesArchive(): string {
  const archive = buttonIn(slack.called('chat.postMessage').at(-1), 'finding.archive');
  return blockActionsBody({
    actionId: 'finding.archive',
    value: archive.value,
    blockId: archive.blockId,
    channel: 'C0FINDINGS',
    messageTs: '1700000001.000100',
    user: { id: 'U0ALICE', name: 'alice' },
    responseUrl: `${slack.url}/response/9`,
  });
}

describe('npm start: the handler over real HTTP, jobs in-process', () => {
  it('takes a Slack-signed button press over HTTP and runs the job in the same process', async () => {
    analyzer.on(GetFindingV2Command).resolves({
      id: EVENT.detail.id,
      status: 'ACTIVE',
      resourceType: 'AWS::S3::Bucket',
      resource: EVENT.detail.resource,
      resourceOwnerAccount: '444455556666',
      createdAt: new Date(),
      updatedAt: new Date(),
      analyzedAt: new Date(),
      findingDetails: [],
    });
    analyzer.on(UpdateFindingsCommand).resolves({});
    // The finding arrives through the same handler (EventBridge side) and is posted to the stand-in.
    await makeHandler(lambdaEnv(slack), { log: new MemoryLog() })(EVENT);
    const response = await post(alicePressesArchive());
    expect(response.status).toBe(200);
    await server.idle();
    expect(analyzer.commandCalls(UpdateFindingsCommand)).toHaveLength(1);
    expect(slack.called('chat.postMessage').at(-1)?.args.text).toContain('archived in analyzer');
  });

  it('answers 401 to an unsigned request and 404 elsewhere', async () => {
    expect((await post('payload=%7B%7D', Math.floor(Date.now() / 1000), 'wrong')).status).toBe(401);
    expect((await fetch(`${server.url}/nope`, { method: 'POST' })).status).toBe(404);
    expect(await (await fetch(`${server.url}/healthz`)).text()).toBe('ok');
  });
});

describe('Socket Mode (SLACK_APP_TOKEN): the same listeners on a Bolt app that is not the Lambda receiver', () => {
  it('handles a button press delivered the way Socket Mode delivers it', async () => {
    const { App } = await import('@slack/bolt');
    const { makeApp } = await import('../src/lambda.js');
    const jobs: string[] = [];
    const runtime = makeApp(lambdaEnv(slack), {
      log: new MemoryLog(),
      jobs: { enqueue: async (j) => void jobs.push(j) },
    });
    const app = new App({
      socketMode: true,
      appToken: 'xapp-test',
      authorize: async () => ({}),
      logLevel: 'error' as never,
    });
    await runtime.registerSlackListeners(app);

    slack.reset();
    await runtime.handler(EVENT);
    // Socket Mode hands Bolt the parsed payload instead of a signed form body.
    const body = JSON.parse(new URLSearchParams(alicePressesArchive()).get('payload') ?? '{}');
    let acked = false;
    await app.processEvent({
      body,
      ack: async () => {
        acked = true;
      },
    });
    expect(acked).toBe(true);
    expect(jobs).toHaveLength(1);
  });
});
