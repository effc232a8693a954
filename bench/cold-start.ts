import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RUNTIME_NODE_OPTIONS } from '../infra/bundling.js';

export interface ColdStartFigures {
  /** Median, over fresh processes, from process start to the first answer. */
  medianReadyMs: number;
  /** Highest resident set size any of them reached. */
  peakMemoryMb: number;
}

const RUNS = 10;
/** A Slack request with a bad signature: it makes the handler initialise the Slack path, and needs no network. */
const EVENT = {
  version: '2.0',
  rawPath: '/slack/events',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-signature': 'v0=bad',
    'x-slack-request-timestamp': '0',
  },
  body: 'payload=%7B%7D',
  isBase64Encoded: false,
  requestContext: { http: { method: 'POST' } },
};

/**
 * Cold start: ten fresh Node.js processes per bundle each load it and answer one request that needs
 * the handler's initialisation (settings, keys, Bolt) but no network; reports the median time from
 * process start to the answer and the peak memory. The app's and the baseline's processes alternate,
 * so a noisy moment of the machine falls on both; both run with the function's `NODE_OPTIONS`.
 */
export function coldStarts(bundles: { app: string; baseline: string }): {
  app: ColdStartFigures;
  baseline: ColdStartFigures;
} {
  const app: ReadyRun[] = [];
  const baseline: ReadyRun[] = [];
  const appScript = readyScript(bundles.app);
  const baselineScript = readyScript(bundles.baseline);
  for (let i = 0; i < RUNS; i++) {
    app.push(runOnce(appScript));
    baseline.push(runOnce(baselineScript));
  }
  return { app: figures(app), baseline: figures(baseline) };
}

interface ReadyRun {
  ms: number;
  rssKb: number;
}

function readyScript(bundle: string): string {
  const script = join(dirname(bundle), 'cold-start.cjs');
  writeFileSync(
    script,
    `const { handler } = require('./index.js');
handler(${JSON.stringify(EVENT)}, {}).then((r) => {
  process.stdout.write(JSON.stringify({ status: r.statusCode, ms: performance.now(), rssKb: process.resourceUsage().maxRSS }));
});`,
  );
  return script;
}

function runOnce(script: string): ReadyRun {
  const out = execFileSync(process.execPath, [script], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: RUNTIME_NODE_OPTIONS,
      SLACK_BOT_TOKEN: 'xoxb-cold',
      SLACK_SIGNING_SECRET: 'cold-secret',
      SLACK_CHANNEL_ID: 'C0COLD',
      ACTION_SIGNING_KEY: 'k'.repeat(40),
      ALLOWED_SLACK_USER_IDS: 'U0ALICE',
      AWS_LAMBDA_FUNCTION_NAME: 'access-findings',
      AWS_REGION: 'eu-west-1',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  });
  const r = JSON.parse(out.toString()) as { status: number } & ReadyRun;
  if (r.status !== 401) throw new Error(`cold start answered ${r.status}, expected 401`);
  return r;
}

function figures(runs: ReadyRun[]): ColdStartFigures {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  return {
    medianReadyMs: ((ms[RUNS / 2 - 1] ?? 0) + (ms[RUNS / 2] ?? 0)) / 2,
    peakMemoryMb: Math.max(...runs.map((r) => r.rssKb)) / 1024,
  };
}
