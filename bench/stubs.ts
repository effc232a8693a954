import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local server that answers every request after a delay, counting them: a slow AWS or a slow Slack. */
export async function slowServer(
  delayMs: (path: string, headers: Record<string, string | string[] | undefined>) => number,
  answer: (path: string) => { status: number; body: string; headers?: Record<string, string> },
): Promise<{ url: string; calls: () => number; stop: () => Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    calls++;
    req.resume();
    req.on('end', () => {
      const reply = answer(req.url ?? '/');
      setTimeout(
        () => {
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(reply.body);
        },
        delayMs(req.url ?? '/', req.headers),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
