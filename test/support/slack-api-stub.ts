import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the stub received it; JSON-valued form fields (blocks) are parsed. */
export interface SlackCall {
  method: string;
  token: string | undefined;
  args: Record<string, any>;
}

/** A response_url POST. */
export interface ResponseCall {
  path: string;
  body: Record<string, any>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local stand-in for Slack's Web API (`SLACK_API_URL`) and for `response_url`s: it records every
 * call and answers as Slack does (`ok`, `ts`, `ok:false` errors, 429 with Retry-After on demand).
 */
export class SlackApiStub {
  calls: SlackCall[] = [];
  responses: ResponseCall[] = [];
  groups: Record<string, string[]> = {};
  /** Methods that answer `ok:false` with this error. */
  failures: Record<string, string> = {};
  private server?: Server;
  private tsCounter = 0;

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://stub');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname.startsWith('/response/')) {
        this.responses.push({ path: url.pathname, body: JSON.parse(raw || '{}') });
        return send(200, { ok: true });
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const isJson = (req.headers['content-type'] ?? '').startsWith('application/json');
      const args: Record<string, any> = isJson
        ? JSON.parse(raw || '{}')
        : Object.fromEntries(new URLSearchParams(raw));
      for (const key of Object.keys(args)) {
        if (JSON_FIELDS.has(key) && typeof args[key] === 'string') args[key] = JSON.parse(args[key]);
      }
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || args.token;
      this.calls.push({ method, token, args });
      if (this.failures[method]) return send(200, { ok: false, error: this.failures[method] });
      switch (method) {
        case 'chat.postMessage': {
          const ts = `1700000${String(++this.tsCounter).padStart(3, '0')}.000100`;
          return send(200, { ok: true, channel: args.channel, ts, message: { ts, text: args.text } });
        }
        case 'chat.update':
          return send(200, { ok: true, channel: args.channel, ts: args.ts });
        case 'usergroups.users.list':
          return send(200, { ok: true, users: this.groups[args.usergroup] ?? [] });
        case 'auth.test':
          return send(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0TEAM' });
        default:
          return send(200, { ok: false, error: 'unknown_method' });
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The value for `SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  called(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls = [];
    this.responses = [];
    this.failures = {};
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
