import { App, AwsLambdaReceiver } from '@slack/bolt';
import type { Log } from '../../ports.js';
import type { HttpApiEvent, HttpResult } from '../http/http-api-event.js';
import { slackLogger } from './slack-logger.js';

/** Slack's request URL for events, interactivity and commands. */
export const SLACK_PATH = '/slack/events';
const CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);
/** Slack's replay window; Bolt checks the past side, we also refuse timestamps from the future. */
const MAX_SKEW_SECONDS = 5 * 60;

const reply = (statusCode: number, body: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/** A Bolt app on the Lambda receiver; the caller registers listeners on `app`. */
export function createBoltApp(
  signingSecret: string,
  log: Log,
): {
  app: App;
  handle: (event: HttpApiEvent) => Promise<HttpResult>;
} {
  const logger = slackLogger(log);
  const receiver = new AwsLambdaReceiver({
    signingSecret,
    logger,
    invalidRequestSignatureHandler: ({ ts }) =>
      log.warn('refused a request with a bad Slack signature', { ts }),
  });
  // `authorize` instead of `token`: no `auth.test` at start, and listeners answer via response_url.
  const app = new App({ receiver, logger, authorize: async () => ({}) });
  // Bolt's default error handler rethrows, which turns an acked request into a 500.
  app.error(async (error) => {
    log.error('unhandled error in a Slack listener', { error });
  });
  const boltHandler = receiver.toHandler();
  return { app, handle: (event) => handleSlackRequest(event, (e) => boltHandler(e, {})) };
}

/**
 * The edge of the Slack path: only `POST /slack/events` with one of Slack's two content types and a
 * parseable body reaches Bolt; everything else gets a 4xx, never a 5xx. Base64 bodies are decoded as
 * UTF-8 here because Bolt decodes them as ASCII, which breaks signatures on non-ASCII text.
 */
export async function handleSlackRequest(
  event: HttpApiEvent,
  bolt: (
    event: HttpApiEvent,
  ) => Promise<{ statusCode: number; headers?: Record<string, unknown>; body: string }>,
  nowMs = Date.now(),
): Promise<HttpResult> {
  if (requestPath(event) !== SLACK_PATH) return reply(404, 'not found');
  if (event.requestContext.http.method.toUpperCase() !== 'POST') return reply(405, 'method not allowed');

  const headers = Object.fromEntries(Object.entries(event.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!CONTENT_TYPES.has(contentType)) return reply(415, 'unsupported content type');
  // Bolt compares the content type exactly; Slack's own requests carry no parameters, proxies may add some.
  headers['content-type'] = contentType;

  const body =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  if (!parses(body, contentType)) return reply(400, 'malformed body');

  const ts = Number(headers['x-slack-request-timestamp']);
  if (Number.isFinite(ts) && ts > nowMs / 1000 + MAX_SKEW_SECONDS) return reply(401, 'bad signature');

  const result = await bolt({ ...event, headers, body, isBase64Encoded: false });
  const outHeaders = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return { statusCode: result.statusCode, headers: outHeaders, body: result.body };
}

function requestPath(event: HttpApiEvent): string {
  const stage = event.requestContext.stage;
  const path = event.rawPath;
  // A named stage prefixes the path (`/prod/slack/events`); the `$default` stage does not.
  if (stage && stage !== '$default' && path.startsWith(`/${stage}/`)) return path.slice(stage.length + 1);
  return path;
}

function parses(body: string, contentType: string): boolean {
  try {
    if (contentType === 'application/json') {
      JSON.parse(body);
      return true;
    }
    const payload = new URLSearchParams(body).get('payload');
    if (payload !== null) JSON.parse(payload);
    return true;
  } catch {
    return false;
  }
}
