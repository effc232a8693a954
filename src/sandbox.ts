import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { DynamoDbStateStore, ensureStateTable } from './adapters/aws/dynamodb-store.js';
import type { HttpResult } from './adapters/http/http-api-event.js';
import { inProcessJobs } from './adapters/http/in-process-jobs.js';
import { sendResult, toHttpApiEvent } from './adapters/http/node-http.js';
import { powertoolsLog } from './adapters/log.js';
import type { SandboxState, SandboxUser } from './adapters/sandbox/contract.js';
import { type BatchResponse, DeliveryQueue } from './adapters/sandbox/delivery-queue.js';
import { SCENARIOS } from './adapters/sandbox/scenarios.js';
import { SimulatedAccount } from './adapters/sandbox/simulated-account.js';
import { SlackStandIn } from './adapters/sandbox/slack-standin.js';
import { makeHandler } from './lambda.js';
import type { AuditEvent, Log } from './ports.js';

type Env = Record<string, string | undefined>;

const CHANNEL = { id: 'C0SANDBOX', name: 'security-findings' };
const USERS: SandboxUser[] = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice Chen (security engineer)', authorized: true },
  { id: 'U0BOB', name: 'bob', realName: 'Bob Okafor (platform, in @secops)', authorized: true },
  { id: 'U0MALLORY', name: 'mallory', realName: 'Mallory (contractor)', authorized: false },
];
const SECOPS_GROUP = 'S0SECOPS';
const STATE_TABLE = 'access-findings-sandbox';
const PAGE_DIR = new URL('./adapters/sandbox/page/', import.meta.url);
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  log?: Log;
  /** Settings a person may still choose in the sandbox: `LOCALE`, `PROTECTED_ROLE_PATTERNS`, `DIGEST_THRESHOLD`. */
  env?: Env;
}

/** A running sandbox: the page, the Slack stand-in, the simulated account and the app, on one port. */
export interface RunningSandbox {
  url: string;
  standIn: SlackStandIn;
  account: SimulatedAccount;
  queue: DeliveryQueue;
  /** Resolves when no event is queued and no job is running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The sandbox (`npm start` with no Slack settings): the app's real handler, with Slack replaced by a
 * local stand-in (Web API, response_url, a channel page) and AWS by a simulated account, wired through
 * the same ports and the same HTTP paths as production: the app calls the stand-in's Web API over
 * HTTP, and every press on the page reaches `/slack/events` as a request signed as Slack signs it.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = options.log ?? powertoolsLog();
  const env = options.env ?? {};
  let version = 0;
  const streams = new Set<ServerResponse>();
  const changed = () => {
    version++;
    for (const res of streams) res.write(`data: ${JSON.stringify({ version })}\n\n`);
  };
  const audit: AuditEvent[] = [];
  // Only the page's own files are served, by exact name.
  const pageFiles = new Set((await readdir(PAGE_DIR)).filter((f) => /^[\w-]+\.(html|js|css)$/.test(f)));

  const server = createServer((req, res) => {
    route(req, res).catch((error) => {
      log.error('sandbox request failed', { url: req.url, error });
      if (!res.headersSent) json(res, 500, { ok: false, error: 'internal_error' });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const secrets = {
    botToken: `xoxb-sandbox-${randomBytes(12).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
    actionKey: randomBytes(32).toString('hex'),
  };
  const standIn = new SlackStandIn({
    botToken: secrets.botToken,
    signingSecret: secrets.signingSecret,
    channel: CHANNEL,
    users: USERS,
    usergroups: { [SECOPS_GROUP]: ['U0BOB'] },
    baseUrl: base,
    appUrl: `${base}/slack/events`,
    onChange: changed,
  });
  // The real DynamoDB adapter, against a DynamoDB-compatible server in this process.
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', () => resolve()));
  const dynamoClient = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  });
  await ensureStateTable(dynamoClient, STATE_TABLE);
  const store = new DynamoDbStateStore(dynamoClient, STATE_TABLE, { now: () => new Date() });

  // Batches of up to 100, as the CDK stack's event source delivers them.
  const queue = new DeliveryQueue((batch) => handler(batch) as Promise<BatchResponse | undefined>, changed, {
    batchSize: 100,
  });
  const account = new SimulatedAccount((event) => queue.send(event), changed);
  const jobs = inProcessJobs((event) => handler(event), log);
  const handler = makeHandler(
    {
      SLACK_BOT_TOKEN: secrets.botToken,
      SLACK_SIGNING_SECRET: secrets.signingSecret,
      SLACK_CHANNEL_ID: CHANNEL.id,
      SLACK_API_URL: `${base}/api/`,
      ACTION_SIGNING_KEY: secrets.actionKey,
      ALLOWED_SLACK_USER_IDS: 'U0ALICE',
      ALLOWED_SLACK_USERGROUP_IDS: SECOPS_GROUP,
      PROTECTED_ROLE_PATTERNS: env.PROTECTED_ROLE_PATTERNS ?? 'BreakGlass*',
      LOCALE: env.LOCALE,
      DIGEST_THRESHOLD: env.DIGEST_THRESHOLD,
    },
    {
      jobs,
      log,
      aws: { findings: account.findingsPort, iam: account.iamPort, identity: account.identityPort },
      store,
      audit: {
        async record(event) {
          audit.push(event);
          changed();
        },
      },
    },
  );

  const state = (): SandboxState => ({
    version,
    channel: CHANNEL,
    users: USERS,
    messages: standIn.messages,
    ephemerals: standIn.ephemerals,
    modals: standIn.modals,
    account: {
      id: account.id,
      region: account.region,
      analyzers: [
        { arn: account.externalAnalyzer, name: 'sandbox-external', type: 'ACCOUNT' },
        { arn: account.unusedAnalyzer, name: 'sandbox-unused', type: 'ACCOUNT_UNUSED_ACCESS' },
      ],
      ...account.snapshot(),
    },
    scenarios: SCENARIOS.map(({ id, label }) => ({ id, label })),
    delivery: { ...queue.counts(), ...standIn.counters },
    audit,
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    const file = path === '/' ? 'index.html' : path.slice(1);
    if (req.method === 'GET' && pageFiles.has(file)) {
      const body = await readFile(new URL(file, PAGE_DIR));
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'text/plain',
        'cache-control': 'no-store',
      });
      res.end(body);
      return;
    }
    if (req.method === 'GET' && path === '/healthz') return json(res, 200, { ok: true });
    if (req.method === 'GET' && path === '/sandbox/state') return json(res, 200, state());
    if (req.method === 'GET' && path === '/sandbox/stream') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`data: ${JSON.stringify({ version })}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method === 'GET') return json(res, 404, { ok: false, error: 'not_found' });
    if (req.method !== 'POST') return json(res, 405, { ok: false, error: 'method_not_allowed' });
    if (path === '/slack/events') {
      const event = await toHttpApiEvent(req);
      if (!event) return sendResult(res, { statusCode: 413, body: 'request too large' });
      return sendResult(res, (await handler(event)) as HttpResult);
    }
    const raw = await readBody(req);
    if (path.startsWith('/api/')) {
      const answer = await standIn.api(
        path.slice('/api/'.length),
        req.headers['content-type'] ?? '',
        raw,
        req.headers.authorization,
      );
      return json(res, answer.status, answer.body, answer.headers);
    }
    if (path.startsWith('/response/')) {
      const answer = standIn.respond(path.slice('/response/'.length), raw);
      return json(res, answer.status, answer.body);
    }
    if (path.startsWith('/sandbox/'))
      return json(res, 200, await control(path.slice('/sandbox/'.length), raw));
    json(res, 404, { ok: false, error: 'not_found' });
  }

  async function control(action: string, raw: string): Promise<{ ok: boolean; error?: string }> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw || '{}');
    } catch {
      return { ok: false, error: 'the request body is not JSON' };
    }
    switch (action) {
      case 'press':
        return standIn.press(body as never);
      case 'command':
        return standIn.command(body as never);
      case 'view-submit':
        return standIn.submitView(body as never);
      case 'view-close':
        return standIn.closeView(body as never);
      case 'raise': {
        if (!SCENARIOS.some((s) => s.id === body.scenario))
          return { ok: false, error: `unknown scenario ${String(body.scenario)}` };
        account.raise(String(body.scenario));
        return { ok: true };
      }
      case 'burst': {
        const count = Number(body.count);
        if (!Number.isInteger(count) || count < 1 || count > 1000)
          return { ok: false, error: 'count must be 1 to 1000' };
        account.burst(count);
        return { ok: true };
      }
      default:
        return { ok: false, error: `unknown control ${action}` };
    }
  }

  return {
    url: base,
    standIn,
    account,
    queue,
    async idle() {
      for (let i = 0; i < 100; i++) {
        await queue.idle();
        await jobs.idle();
        if (queue.counts().waiting === 0 && queue.counts().inFlight === 0) return;
      }
    },
    close: async () => {
      for (const res of streams) res.end();
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
    },
  };
}
