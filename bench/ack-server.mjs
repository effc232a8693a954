// A child process for the ack benchmark, in plain JavaScript so that nothing but the bundle runs:
// it serves one Lambda bundle over HTTP as API Gateway would call it (payload format 2.0), and
// tells, in a response header, how many outbound calls were made while it answered. The count is
// exact when requests come one at a time (the benchmark's counting pass).
import dc from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

let outbound = 0;
// Every HTTP request made counts: node:http (the AWS SDK) and fetch (Slack's Web API client).
for (const channel of ['http.client.request.start', 'undici:request:create']) {
  dc.subscribe(channel, () => {
    outbound++;
  });
}

const { handler } = createRequire(import.meta.url)(process.env.BENCH_BUNDLE ?? '');

/** The API Gateway HTTP API event for a Node request, as `src/adapters/http/node-http.ts` builds it. */
async function toEvent(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const url = new URL(req.url ?? '/', 'http://localhost');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: '',
    headers: Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
    ),
    body: Buffer.concat(chunks).toString('base64'),
    isBase64Encoded: true,
    requestContext: { stage: '$default', http: { method: req.method, path: url.pathname } },
  };
}

const server = createServer(async (req, res) => {
  if (req.url === '/cpu') {
    const { user, system } = process.cpuUsage();
    res.end(JSON.stringify({ cpuMs: (user + system) / 1000 }));
    return;
  }
  const before = outbound;
  const result = await handler(await toEvent(req), {});
  res.writeHead(result.statusCode, { ...result.headers, 'x-outbound-calls': String(outbound - before) });
  res.end(result.body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});
