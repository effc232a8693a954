import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { slackSignature } from '../src/adapters/sandbox/slack-signing.js';
import { signActionToken } from '../src/domain/action-token.js';
import { signingKeys } from '../src/domain/sealed.js';
import { slowServer } from './stubs.js';

const REPO = join(import.meta.dirname, '..');
const SECRET = 'bench-signing-secret';
const KEY = 'bench-action-key-bench-action-key-0001';
const CHANNEL = 'C0BENCH';
const ANALYZER = 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/bench';

/** Latencies the local stand-ins answer with. */
export const AWS_MS = 300;
export const SLACK_MS = 100;
/** Lambda's asynchronous Invoke only queues the event; it answers in tens of milliseconds. */
export const HANDOFF_MS = 20;

/** Measured rounds, alternating which side goes first; a p99 over 200 requests is one slow request, so one round alone is noise. */
export const ROUNDS = 5;
/** Requests in flight at once. */
const CONCURRENCY = 20;

export interface AckFigures {
  p50: number;
  p95: number;
  p99: number;
  /** The most outbound calls any measured request made before its answer. */
  maxCallsBeforeAck: number;
  statuses: Record<string, number>;
  /** CPU the handler's process spent per request. */
  cpuMsPerRequest?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A Slack-signed button press or slash command, as Slack would send it. */
function request(i: number): string {
  if (i % 2 === 0) {
    return new URLSearchParams({
      command: '/access-findings',
      text: 'list type=role',
      channel_id: CHANNEL,
      user_id: 'U0ALICE',
      user_name: 'alice',
      response_url: 'http://127.0.0.1:9/response/bench',
      team_id: 'T0BENCH',
      trigger_id: '1.2.3',
    }).toString();
  }
  const action = i % 4 === 1 ? 'finding.isolate' : 'finding.archive';
  const findingId = `bench-${i}`;
  const value = signActionToken(
    {
      action,
      analyzerArn: ANALYZER,
      findingId,
      resource: `arn:aws:iam::111122223333:role/Bench${i}`,
      channel: CHANNEL,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    },
    signingKeys([KEY]),
  );
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ALICE', username: 'alice', name: 'alice' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: CHANNEL, is_ephemeral: false },
    channel: { id: CHANNEL },
    response_url: 'http://127.0.0.1:9/response/bench',
    actions: [
      { type: 'button', action_id: action, block_id: `finding:${findingId}`, value, action_ts: '1.1' },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function startChild(
  which: 'app' | 'baseline',
  bundle: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(REPO, 'bench/ack-server.mjs')], {
    cwd: REPO,
    env: { ...env, BENCH_BUNDLE: bundle, PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      const m = /ready (\d+)/.exec(d.toString());
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`${which} server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/slack/events`, child };
}

/** One POST on a kept-alive connection; answers the status and the outbound-calls header. */
function post(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; calls: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, calls: Number(res.headers['x-outbound-calls']) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends `count` requests, `concurrency` at a time, and measures each until its answer. Bodies and
 * signatures are made before the clock starts, so the measure is the server's, not this process's.
 */
async function load(
  agent: Agent,
  url: string,
  count: number,
  concurrency: number,
  offset: number,
): Promise<Array<{ ms: number; calls: number; status: number }>> {
  const ts = Math.floor(Date.now() / 1000);
  const prepared = Array.from({ length: count }, (_, i) => {
    const body = request(offset + i);
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(SECRET, ts, body),
    };
    return { body, headers };
  });
  const target = new URL(url);
  const results: Array<{ ms: number; calls: number; status: number }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const { body, headers } = prepared[i] as { body: string; headers: Record<string, string> };
        const started = performance.now();
        const answer = await post(agent, target, headers, body);
        results.push({ ms: performance.now() - started, ...answer });
      }
    }),
  );
  return results;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

type Round = Array<{ ms: number; calls: number; status: number }>;

/** Each percentile is the median of that percentile over the rounds. */
function figures(rounds: Round[], counted: Array<{ calls: number }>): AckFigures {
  const at = (p: number) =>
    median(
      rounds.map((round) =>
        percentile(
          round.map((r) => r.ms).sort((a, b) => a - b),
          p,
        ),
      ),
    );
  const statuses: Record<string, number> = {};
  for (const r of rounds.flat()) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    maxCallsBeforeAck: Math.max(...counted.map((r) => r.calls)),
    statuses,
  };
}

/**
 * Ack latency: 200 Slack-signed presses and commands at concurrency 20, into the app's handler and
 * into the baseline, each in its own process, against a Slack that answers in 100 ms and an AWS that
 * answers in 300 ms (its asynchronous Invoke, the hand-off, in 20 ms).
 */
export async function ackBenchmark(bundles: {
  app: string;
  baseline: string;
}): Promise<{ app: AckFigures; baseline: AckFigures; handoffs: number; p99Ratio: number }> {
  const slack = await slowServer(
    () => SLACK_MS,
    () => ({ status: 200, body: JSON.stringify({ ok: true, users: [], ts: '1.1', channel: CHANNEL }) }),
  );
  let handoffs = 0;
  const aws = await slowServer(
    (path) => (path.includes('/functions/') && path.endsWith('/invocations') ? HANDOFF_MS : AWS_MS),
    (path) => {
      if (path.includes('/invocations')) {
        handoffs++;
        return { status: 202, body: '' };
      }
      return { status: 200, body: '{}' };
    },
  );
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: `${slack.url}/api/`,
    ACTION_SIGNING_KEY: KEY,
    ALLOWED_SLACK_USER_IDS: 'U0ALICE',
    AWS_LAMBDA_FUNCTION_NAME: 'access-findings-bench',
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  const app = await startChild('app', bundles.app, env);
  const baseline = await startChild('baseline', bundles.baseline, env);
  // One pool of kept-alive connections per side for the whole run: opening 20 connections at the start
  // of every round would measure TCP set-up, which was most of the baseline's p99.
  const agents = {
    app: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
    baseline: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
  };
  try {
    // Warm both: modules loaded, clients built, caches filled (Lambda keeps them between invocations).
    await load(agents.app, app.url, 200, CONCURRENCY, 10_000);
    await load(agents.baseline, baseline.url, 200, CONCURRENCY, 10_000);
    // Counting pass, one request at a time so that every outbound call belongs to the request in flight.
    const countedApp = await load(agents.app, app.url, 40, 1, 20_000);
    const countedBaseline = await load(agents.baseline, baseline.url, 40, 1, 20_000);
    const before = handoffs;
    const cpu = async (url: string) =>
      ((await (await fetch(url.replace('/slack/events', '/cpu'))).json()) as { cpuMs: number }).cpuMs;
    const sides = {
      app: { url: app.url, agent: agents.app, rounds: [] as Round[], cpuMs: 0 },
      baseline: { url: baseline.url, agent: agents.baseline, rounds: [] as Round[], cpuMs: 0 },
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 ? [sides.app, sides.baseline] : [sides.baseline, sides.app]) {
        const cpuBefore = await cpu(side.url);
        side.rounds.push(await load(side.agent, side.url, 200, CONCURRENCY, 0));
        side.cpuMs += (await cpu(side.url)) - cpuBefore;
      }
    }
    const p99s = (rounds: Round[]) =>
      rounds.map((r) =>
        percentile(
          r.map((x) => x.ms).sort((a, b) => a - b),
          99,
        ),
      );
    const appP99s = p99s(sides.app.rounds);
    const baselineP99s = p99s(sides.baseline.rounds);
    return {
      app: { ...figures(sides.app.rounds, countedApp), cpuMsPerRequest: sides.app.cpuMs / (200 * ROUNDS) },
      baseline: {
        ...figures(sides.baseline.rounds, countedBaseline),
        cpuMsPerRequest: sides.baseline.cpuMs / (200 * ROUNDS),
      },
      handoffs: handoffs - before,
      p99Ratio: median(appP99s.map((p, i) => p / (baselineP99s[i] ?? Number.NaN))),
    };
  } finally {
    agents.app.destroy();
    agents.baseline.destroy();
    app.child.kill();
    baseline.child.kill();
    await slack.stop();
    await aws.stop();
  }
}
