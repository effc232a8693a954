import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { HttpResult } from './adapters/http/http-api-event.js';
import { inProcessJobs } from './adapters/http/in-process-jobs.js';
import { sendResult, toHttpApiEvent } from './adapters/http/node-http.js';
import { powertoolsLog } from './adapters/log.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { makeApp, makeHandler } from './lambda.js';
import type { Log } from './ports.js';

type Env = Record<string, string | undefined>;

/** A running local server. */
export interface RunningServer {
  url: string;
  server: Server;
  /** Resolves when every job handed off so far has finished (tests wait on it). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves the Lambda handler over plain HTTP: Slack's request URL at `/slack/events` (signed requests,
 * exactly as on API Gateway), with jobs run in this process instead of an asynchronous Lambda invoke.
 */
export async function startServer(
  env: Env,
  options: { port?: number; log?: Log } = {},
): Promise<RunningServer> {
  const log = options.log ?? powertoolsLog();
  const jobs = inProcessJobs((event) => handler(event), log);
  const handler = makeHandler(env, { jobs, log });

  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const event = await toHttpApiEvent(req);
    if (!event) return sendResult(res, { statusCode: 413, body: 'request too large' });
    sendResult(res, (await handler(event)) as HttpResult);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    idle: () => jobs.idle(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Socket Mode, for development against the real Slack without a public URL: the same listeners on a
 * Bolt app that receives over a WebSocket; jobs run in this process. Returns the stop function.
 */
export async function startSocketMode(
  env: Env,
  appToken: string,
  log: Log = powertoolsLog(),
): Promise<() => Promise<void>> {
  const { App } = await import('@slack/bolt');
  const { slackLogger } = await import('./adapters/slack/slack-logger.js');
  const jobs = inProcessJobs((event) => runtime.handler(event), log);
  const runtime = makeApp(env, { jobs, log });
  const app = new App({ socketMode: true, appToken, authorize: async () => ({}), logger: slackLogger(log) });
  app.error(async (error) => log.error('unhandled error in a Slack listener', { error }));
  await runtime.registerSlackListeners(app);
  await app.start();
  return async () => {
    await app.stop();
  };
}

/** The settings that mean "talk to the real Slack"; with none of them, `npm start` runs the sandbox. */
const REAL_SLACK_SETTINGS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CHANNEL_ID',
  'SLACK_APP_TOKEN',
];

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const port = Number(process.env.PORT ?? 3000);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    await Promise.allSettled(stops.map((s) => s()));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (!REAL_SLACK_SETTINGS.some((name) => process.env[name]?.trim())) {
    // The page shows what happens; the terminal only needs warnings.
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    // The AWS SDK warns about Node.js 20's end of support on every start; the sandbox calls no AWS.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const { startSandbox } = await import('./sandbox.js');
    const sandbox = await startSandbox({ port, env: process.env });
    stops.push(sandbox.close);
    console.log(`access-findings sandbox: open http://localhost:${new URL(sandbox.url).port}`);
    console.log(
      'A Slack stand-in, a simulated AWS account and the app, all on this machine. Ctrl-C stops it.',
    );
    return;
  }
  let config: Config;
  try {
    // Fail before listening: a server that cannot act is worse than one that does not start.
    config = await loadConfig(process.env, async () => {
      throw new Error('SECRETS_ARN is read on Lambda; set the values in .env for a local server');
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`access-findings cannot start.\n${error.message}\n`);
    console.error('Set them in .env (see .env.example for what each one is), or remove the Slack settings');
    console.error('from .env to run the sandbox instead. Then run `npm start` again.');
    process.exitCode = 1;
    return;
  }
  if (config.slack.appToken) {
    stops.push(await startSocketMode(process.env, config.slack.appToken));
    console.log('access-findings is connected to Slack over Socket Mode (no public URL needed).');
    return;
  }
  const running = await startServer(process.env, { port });
  stops.push(running.close);
  console.log(`access-findings is listening on ${running.url}`);
  console.log(
    `Slack request URL (interactivity, commands): <public URL forwarding to ${running.url}>/slack/events`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
