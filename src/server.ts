import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { sendResult, toHttpApiEvent } from './adapters/http/node-http.js';
import { toJobEvent } from './adapters/job-event.js';
import { powertoolsLog } from './adapters/log.js';
import type { HttpResult } from './adapters/slack/http-api.js';
import { ConfigError, loadConfig } from './config.js';
import { makeHandler } from './lambda.js';
import type { Jobs, Log } from './ports.js';

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
  const pending = new Set<Promise<unknown>>();
  const jobs: Jobs = {
    async enqueue(sealedJob) {
      // Deferred like an asynchronous invoke: the Slack request is answered first.
      const run = new Promise((resolve) => setImmediate(resolve))
        .then(() => handler(toJobEvent(sealedJob)))
        .catch((error) => log.error('job failed', { error }))
        .finally(() => pending.delete(run));
      pending.add(run);
    },
  };
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
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    // Fail before listening: a server that cannot act is worse than one that does not start.
    await loadConfig(process.env, async () => {
      throw new Error('SECRETS_ARN is read on Lambda; set the values in .env for a local server');
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`access-findings cannot start.\n${error.message}\n`);
    console.error('Set them in .env (see .env.example for what each one is), then run `npm start` again.');
    process.exitCode = 1;
    return;
  }
  const running = await startServer(process.env, { port: Number(process.env.PORT ?? 3000) });
  console.log(`access-findings is listening on ${running.url}`);
  console.log(
    `Slack request URL (events, interactivity, commands): <public URL forwarding to ${running.url}>/slack/events`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
