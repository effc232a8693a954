import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackStandIn } from '../../src/adapters/sandbox/slack-standin.js';

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The sandbox's Slack stand-in served over HTTP on its own: Slack's Web API with its per-channel rate
 * limit (a burst of 3, then one message a second, then 429 with Retry-After), counting every call.
 */
export async function startRateLimitedSlack(botToken: string, channel: string) {
  const counts = { calls: 0, posts: 0, updates: 0, rateLimited: 0 };
  let standIn: SlackStandIn | undefined;
  const server: Server = createServer(async (req, res) => {
    const raw = await body(req);
    const method = (req.url ?? '').replace(/^\/api\//, '');
    counts.calls++;
    const answer = await standIn!.api(
      method,
      req.headers['content-type'] ?? '',
      raw,
      req.headers.authorization,
    );
    if (answer.status === 429) counts.rateLimited++;
    else if (method === 'chat.postMessage' && answer.body.ok) counts.posts++;
    else if (method === 'chat.update' && answer.body.ok) counts.updates++;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn = new SlackStandIn({
    botToken,
    signingSecret: 'unused',
    channel: { id: channel, name: 'security-findings' },
    users: [],
    baseUrl: url,
    appUrl: `${url}/slack/events`,
    onChange: () => {},
  });
  return {
    apiUrl: `${url}/api/`,
    standIn,
    counts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
