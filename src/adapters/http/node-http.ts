import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpApiEvent, HttpResult } from './http-api-event.js';

/** Largest request body accepted; Slack's payloads are far smaller. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a Node request into the API Gateway HTTP API (2.0) shape the Lambda handler takes. */
export async function toHttpApiEvent(req: IncomingMessage): Promise<HttpApiEvent | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const method = req.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    // Like API Gateway for binary bodies: base64, so the handler's UTF-8 decoding is exercised locally too.
    body: Buffer.concat(chunks).toString('base64'),
    isBase64Encoded: true,
    requestContext: { stage: '$default', http: { method, path: url.pathname } },
  };
}

/** Writes a handler result as the HTTP response. */
export function sendResult(res: ServerResponse, result: HttpResult): void {
  res.writeHead(result.statusCode, result.headers ?? {});
  res.end(result.body);
}
