import { randomUUID } from 'node:crypto';
import { checkBlocks, MAX_TEXT } from './block-kit.js';
import type {
  ActionResult,
  Block,
  ChannelMessage,
  CommandRequest,
  EphemeralMessage,
  OpenModal,
  PressRequest,
  SandboxUser,
  ThreadedMessage,
  ViewCloseRequest,
  ViewSubmitRequest,
} from './contract.js';
import { ChannelRateLimit } from './rate-limit.js';
import { type AppAnswer, postSigned } from './slack-signing.js';

export const BOT_USER_ID = 'UBOT';
const BOT_NAME = 'access-findings';
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
const TRIGGER_TTL_MS = 3000;
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

export interface StandInOptions {
  botToken: string;
  signingSecret: string;
  channel: { id: string; name: string };
  users: SandboxUser[];
  usergroups?: Record<string, string[]>;
  /** Base URL of this stand-in as the app reaches it (response_url lives under it). */
  baseUrl: string;
  /** The app's request URL (`…/slack/events`). */
  appUrl: string;
  onChange: () => void;
  rateLimit?: ChannelRateLimit;
  now?: () => number;
}

/** A Web API answer: HTTP status, headers, JSON body. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

interface ResponseUrl {
  uses: number;
  expiresAt: number;
  user: string;
  channel: string;
  /** The message the interaction came from, if any. */
  source?: { ts: string; ephemeral: boolean };
  threadTs?: string;
}

/**
 * Slack, as far as this app uses it: the Web API (`/api/<method>`), `response_url`s, the channel's
 * messages, threads, ephemeral messages and modals, and the per-channel rate limit. Interactions from
 * the page reach the app as signed requests, exactly like Slack's.
 */
export class SlackStandIn {
  readonly messages: ThreadedMessage[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  readonly modals: OpenModal[] = [];
  readonly counters = { posted: 0, rateLimited: 0 };
  private readonly responseUrls = new Map<string, ResponseUrl>();
  private readonly triggers = new Map<string, { user: string; expiresAt: number; used: boolean }>();
  private readonly rateLimit: ChannelRateLimit;
  private readonly now: () => number;
  private seq = 0;

  constructor(private readonly options: StandInOptions) {
    this.now = options.now ?? Date.now;
    this.rateLimit = options.rateLimit ?? new ChannelRateLimit(1, 3, this.now);
  }

  get users(): SandboxUser[] {
    return this.options.users;
  }

  // ---- Web API ---------------------------------------------------------------------------------

  /** Answers one Web API call, from its raw HTTP parts. */
  async api(
    method: string,
    contentType: string,
    rawBody: string,
    authorization: string | undefined,
  ): Promise<ApiAnswer> {
    let args: Record<string, unknown>;
    try {
      args = parseArgs(contentType, rawBody);
    } catch {
      return fail('invalid_json');
    }
    const token =
      authorization?.replace(/^Bearer\s+/i, '') || (typeof args.token === 'string' ? args.token : '');
    if (!token) return fail('not_authed');
    if (token !== this.options.botToken) return fail('invalid_auth');
    try {
      const answer = this.call(method, args);
      if (answer.status === 200 && answer.body.ok !== false) this.options.onChange();
      return answer;
    } catch (error) {
      return fail('internal_error', { detail: String(error) });
    }
  }

  private call(method: string, a: Record<string, unknown>): ApiAnswer {
    switch (method) {
      case 'auth.test':
        return ok({
          url: 'https://sandbox.slack.local/',
          team: 'Sandbox',
          user: BOT_NAME,
          team_id: 'T0SANDBOX',
          user_id: BOT_USER_ID,
          bot_id: 'B0SANDBOX',
        });
      case 'chat.postMessage':
        return this.postMessage(a);
      case 'chat.update':
        return this.update(a);
      case 'chat.postEphemeral':
        return this.postEphemeral(a);
      case 'views.open':
        return this.viewsOpen(a);
      case 'views.update':
        return this.viewsUpdate(a);
      case 'usergroups.users.list': {
        const users = this.options.usergroups?.[String(a.usergroup ?? '')];
        return users ? ok({ users }) : fail('no_such_subteam');
      }
      case 'users.info': {
        const user = this.user(String(a.user ?? ''));
        if (!user) return fail('user_not_found');
        return ok({
          user: {
            id: user.id,
            name: user.name,
            real_name: user.realName,
            profile: { real_name: user.realName, display_name: user.name },
          },
        });
      }
      default:
        return fail('unknown_method');
    }
  }

  private content(a: Record<string, unknown>, maxBlocks = 50): { text: string; blocks: Block[] } | ApiAnswer {
    const text = typeof a.text === 'string' ? a.text : '';
    const blocks = a.blocks;
    if (blocks !== undefined) {
      const problem = checkBlocks(blocks, maxBlocks);
      if (problem) return fail(problem.error, { response_metadata: { messages: problem.messages } });
    }
    if (text.length > MAX_TEXT) return fail('msg_too_long');
    if (!text && (!Array.isArray(blocks) || blocks.length === 0)) return fail('no_text');
    return { text, blocks: (blocks as Block[] | undefined) ?? [] };
  }

  private postMessage(a: Record<string, unknown>): ApiAnswer {
    if (a.channel !== this.options.channel.id) return fail('channel_not_found');
    const content = this.content(a);
    if ('status' in content) return content;
    const threadTs = typeof a.thread_ts === 'string' && a.thread_ts ? a.thread_ts : undefined;
    const parent = threadTs ? this.messages.find((m) => m.ts === threadTs) : undefined;
    if (threadTs && !parent) return fail('thread_not_found');
    const limit = this.rateLimit.take(this.options.channel.id);
    if (!limit.ok) {
      this.counters.rateLimited++;
      return {
        status: 429,
        headers: { 'retry-after': String(limit.retryAfterSeconds) },
        body: { ok: false, error: 'ratelimited' },
      };
    }
    const message = this.message(BOT_USER_ID, content.text, content.blocks);
    if (parent) parent.replies.push(message);
    else this.messages.push({ ...message, replies: [] });
    this.counters.posted++;
    return ok({
      channel: this.options.channel.id,
      ts: message.ts,
      message: { ...message, ...(threadTs ? { thread_ts: threadTs } : {}) },
    });
  }

  private update(a: Record<string, unknown>): ApiAnswer {
    if (a.channel !== this.options.channel.id) return fail('channel_not_found');
    const target = this.findMessage(String(a.ts ?? ''));
    if (!target) return fail('message_not_found');
    if (target.user !== BOT_USER_ID) return fail('cant_update_message');
    const content = this.content(a);
    if ('status' in content) return content;
    Object.assign(target, { text: content.text, blocks: content.blocks, edited: true });
    return ok({ channel: this.options.channel.id, ts: target.ts, text: content.text });
  }

  private postEphemeral(a: Record<string, unknown>): ApiAnswer {
    if (a.channel !== this.options.channel.id) return fail('channel_not_found');
    if (!this.user(String(a.user ?? ''))) return fail('user_not_in_channel');
    const content = this.content(a);
    if ('status' in content) return content;
    const threadTs = typeof a.thread_ts === 'string' && a.thread_ts ? a.thread_ts : undefined;
    const message = this.ephemeral(String(a.user), content.text, content.blocks, threadTs, false);
    return ok({ message_ts: message.ts });
  }

  private viewsOpen(a: Record<string, unknown>): ApiAnswer {
    const trigger = this.triggers.get(String(a.trigger_id ?? ''));
    if (!trigger) return fail('invalid_trigger_id');
    if (trigger.used || trigger.expiresAt < this.now()) return fail('expired_trigger_id');
    trigger.used = true;
    const view = a.view as Block | undefined;
    const problem = this.checkView(view);
    if (problem) return problem;
    const modal: OpenModal = {
      forUser: trigger.user,
      viewId: `V${randomUUID().slice(0, 8).toUpperCase()}`,
      view: view as Block,
      errors: {},
    };
    this.modals.push(modal);
    return ok({ view: { id: modal.viewId, ...modal.view } });
  }

  private viewsUpdate(a: Record<string, unknown>): ApiAnswer {
    const modal = this.modals.find((m) => m.viewId === a.view_id);
    if (!modal) return fail('not_found');
    const problem = this.checkView(a.view as Block | undefined);
    if (problem) return problem;
    modal.view = a.view as Block;
    modal.errors = {};
    return ok({ view: { id: modal.viewId, ...modal.view } });
  }

  private checkView(view: Block | undefined): ApiAnswer | undefined {
    if (view?.type !== 'modal' || typeof view.title !== 'object') return fail('invalid_arguments');
    const problem = checkBlocks(view.blocks ?? [], 100);
    return problem ? fail(problem.error, { response_metadata: { messages: problem.messages } }) : undefined;
  }

  // ---- response_url ----------------------------------------------------------------------------

  /** Answers a POST to a `response_url`: at most 5 uses within 30 minutes. */
  respond(id: string, rawBody: string): ApiAnswer {
    const url = this.responseUrls.get(id);
    if (!url || url.expiresAt < this.now() || url.uses >= RESPONSE_URL_USES) {
      return { status: 404, headers: {}, body: { ok: false, error: 'expired_url' } };
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { status: 400, headers: {}, body: { ok: false, error: 'invalid_payload' } };
    }
    url.uses++;
    const source = url.source;
    if (body.delete_original === true && source) {
      this.remove(source);
    } else if (body.replace_original === true && source) {
      const content = this.content(body);
      if ('status' in content) return content;
      const target = source.ephemeral
        ? this.ephemerals.find((e) => e.ts === source.ts)
        : this.findMessage(source.ts);
      if (target) Object.assign(target, { text: content.text, blocks: content.blocks, edited: true });
    } else {
      const content = this.content(body);
      if ('status' in content) return content;
      const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : url.threadTs;
      if (body.response_type === 'in_channel') {
        const message = this.message(BOT_USER_ID, content.text, content.blocks);
        const parent = threadTs ? this.messages.find((m) => m.ts === threadTs) : undefined;
        if (parent) parent.replies.push(message);
        else this.messages.push({ ...message, replies: [] });
      } else {
        this.ephemeral(url.user, content.text, content.blocks, threadTs, false);
      }
    }
    this.options.onChange();
    return { status: 200, headers: {}, body: { ok: true } };
  }

  // ---- interactions from the page --------------------------------------------------------------

  /** A button press, sent to the app as Slack's `block_actions` payload. */
  async press(req: PressRequest): Promise<ActionResult> {
    const user = this.user(req.user);
    if (!user) return { ok: false, error: 'unknown user' };
    const source = req.ephemeral
      ? this.ephemerals.find((e) => e.ts === req.messageTs && e.forUser === req.user)
      : this.findMessage(req.messageTs);
    if (!source) return { ok: false, error: 'that message is gone' };
    const parentTs = this.messages.find((m) => m.replies.some((r) => r.ts === source.ts))?.ts;
    const button = findButton(source.blocks, req.blockId, req.actionId);
    if (!button) return { ok: false, error: 'that button is not on the message' };
    const threadTs = parentTs ?? (req.ephemeral ? (source as EphemeralMessage).threadTs : undefined);
    const responseUrl = this.responseUrl(req.user, { ts: source.ts, ephemeral: req.ephemeral }, threadTs);
    const payload = {
      type: 'block_actions',
      user: { id: user.id, username: user.name, name: user.name, team_id: 'T0SANDBOX' },
      api_app_id: 'A0SANDBOX',
      token: 'deprecated-verification-token',
      container: {
        type: 'message',
        message_ts: source.ts,
        channel_id: this.options.channel.id,
        is_ephemeral: req.ephemeral,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      },
      trigger_id: this.trigger(req.user),
      team: { id: 'T0SANDBOX', domain: 'sandbox' },
      channel: { id: this.options.channel.id, name: this.options.channel.name },
      ...(req.ephemeral
        ? {}
        : {
            message: {
              type: 'message',
              user: source.user,
              ts: source.ts,
              text: source.text,
              blocks: source.blocks,
              ...(threadTs ? { thread_ts: threadTs } : {}),
            },
          }),
      state: { values: {} },
      response_url: responseUrl,
      actions: [
        {
          type: 'button',
          action_id: req.actionId,
          block_id: req.blockId,
          value: req.value,
          text: button.text,
          ...(button.style ? { style: button.style } : {}),
          action_ts: this.nextTs(),
        },
      ],
    };
    const answer = await postSigned(this.options.appUrl, this.options.signingSecret, {
      payload: JSON.stringify(payload),
    });
    if (answer.status !== 200) this.slackSays(req.user, failure('This action', answer), threadTs);
    return {
      ok: answer.status === 200,
      ...(answer.status === 200 ? {} : { error: `the app answered HTTP ${answer.status || 'timeout'}` }),
    };
  }

  /** A slash command, sent to the app as Slack's form; the ack's text becomes an ephemeral answer. */
  async command(req: CommandRequest): Promise<ActionResult> {
    const user = this.user(req.user);
    if (!user) return { ok: false, error: 'unknown user' };
    const answer = await postSigned(this.options.appUrl, this.options.signingSecret, {
      token: 'deprecated-verification-token',
      team_id: 'T0SANDBOX',
      team_domain: 'sandbox',
      channel_id: this.options.channel.id,
      channel_name: this.options.channel.name,
      user_id: user.id,
      user_name: user.name,
      command: '/access-findings',
      text: req.text,
      api_app_id: 'A0SANDBOX',
      is_enterprise_install: 'false',
      response_url: this.responseUrl(req.user),
      trigger_id: this.trigger(req.user),
    });
    if (answer.status !== 200) {
      this.slackSays(req.user, failure('/access-findings', answer));
      return { ok: false, error: `the app answered HTTP ${answer.status || 'timeout'}` };
    }
    this.showAck(req.user, answer);
    return { ok: true };
  }

  /** A modal submission (`view_submission`); the app's `response_action` is applied. */
  async submitView(req: ViewSubmitRequest): Promise<ActionResult> {
    const user = this.user(req.user);
    const modal = this.modals.find((m) => m.viewId === req.viewId && m.forUser === req.user);
    if (!user || !modal) return { ok: false, error: 'no such modal' };
    const payload = {
      type: 'view_submission',
      team: { id: 'T0SANDBOX', domain: 'sandbox' },
      user: { id: user.id, username: user.name, name: user.name, team_id: 'T0SANDBOX' },
      api_app_id: 'A0SANDBOX',
      token: 'deprecated-verification-token',
      trigger_id: this.trigger(req.user),
      view: {
        id: modal.viewId,
        ...modal.view,
        state: { values: req.values },
        hash: `${Date.now()}.x`,
        root_view_id: modal.viewId,
        previous_view_id: null,
      },
      response_urls: [],
    };
    const answer = await postSigned(this.options.appUrl, this.options.signingSecret, {
      payload: JSON.stringify(payload),
    });
    if (answer.status !== 200) {
      this.slackSays(req.user, failure('This form', answer));
      this.options.onChange();
      return { ok: false, error: `the app answered HTTP ${answer.status || 'timeout'}` };
    }
    const ack = answer.body ? safeJson(answer.body) : {};
    if (ack.response_action === 'errors' && typeof ack.errors === 'object' && ack.errors) {
      modal.errors = ack.errors as Record<string, string>;
    } else if (ack.response_action === 'update' && typeof ack.view === 'object' && ack.view) {
      modal.view = ack.view as Block;
      modal.errors = {};
    } else if (ack.response_action === 'push' && typeof ack.view === 'object' && ack.view) {
      this.modals.push({
        forUser: req.user,
        viewId: `V${randomUUID().slice(0, 8).toUpperCase()}`,
        view: ack.view as Block,
        errors: {},
      });
    } else if (ack.response_action === 'clear') {
      this.closeModals(req.user);
    } else {
      this.modals.splice(this.modals.indexOf(modal), 1);
    }
    this.options.onChange();
    return { ok: true };
  }

  /** Closes a modal without submitting (`notify_on_close` is not used by this app). */
  closeView(req: ViewCloseRequest): ActionResult {
    const index = this.modals.findIndex((m) => m.viewId === req.viewId && m.forUser === req.user);
    if (index < 0) return { ok: false, error: 'no such modal' };
    this.modals.splice(index, 1);
    this.options.onChange();
    return { ok: true };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private closeModals(user: string): void {
    for (let i = this.modals.length - 1; i >= 0; i--)
      if (this.modals[i]?.forUser === user) this.modals.splice(i, 1);
  }

  private showAck(user: string, answer: AppAnswer): void {
    if (!answer.body) return;
    const ack = answer.contentType.includes('json') ? safeJson(answer.body) : { text: answer.body };
    const text = typeof ack.text === 'string' ? ack.text : '';
    const blocks = Array.isArray(ack.blocks) ? (ack.blocks as Block[]) : [];
    if (!text && blocks.length === 0) return;
    if (ack.response_type === 'in_channel')
      this.messages.push({ ...this.message(BOT_USER_ID, text, blocks), replies: [] });
    else this.ephemeral(user, text, blocks, undefined, false);
    this.options.onChange();
  }

  private slackSays(user: string, text: string, threadTs?: string): void {
    this.ephemeral(user, text, [], threadTs, true);
    this.options.onChange();
  }

  private responseUrl(user: string, source?: ResponseUrl['source'], threadTs?: string): string {
    const id = randomUUID();
    this.responseUrls.set(id, {
      uses: 0,
      expiresAt: this.now() + RESPONSE_URL_TTL_MS,
      user,
      channel: this.options.channel.id,
      source,
      threadTs,
    });
    return `${this.options.baseUrl}/response/${id}`;
  }

  private trigger(user: string): string {
    const id = `${Date.now()}.${randomUUID().slice(0, 8)}`;
    this.triggers.set(id, { user, expiresAt: this.now() + TRIGGER_TTL_MS, used: false });
    return id;
  }

  private user(id: string): SandboxUser | undefined {
    return this.options.users.find((u) => u.id === id);
  }

  private nextTs(): string {
    this.seq++;
    return `${Math.floor(this.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  private message(user: string, text: string, blocks: Block[]): ChannelMessage {
    const author = user === BOT_USER_ID ? BOT_NAME : (this.user(user)?.name ?? user);
    return { ts: this.nextTs(), user, author, isBot: user === BOT_USER_ID, text, blocks, edited: false };
  }

  private ephemeral(
    forUser: string,
    text: string,
    blocks: Block[],
    threadTs: string | undefined,
    fromSlack: boolean,
  ): EphemeralMessage {
    const base = this.message(fromSlack ? 'USLACKBOT' : BOT_USER_ID, text, blocks);
    const message: EphemeralMessage = {
      ...base,
      author: fromSlack ? 'Slackbot' : base.author,
      forUser,
      fromSlack,
      ...(threadTs ? { threadTs } : {}),
    };
    this.ephemerals.push(message);
    return message;
  }

  private findMessage(ts: string): ChannelMessage | undefined {
    for (const m of this.messages) {
      if (m.ts === ts) return m;
      const reply = m.replies.find((r) => r.ts === ts);
      if (reply) return reply;
    }
    return undefined;
  }

  private remove(source: NonNullable<ResponseUrl['source']>): void {
    if (source.ephemeral) {
      const i = this.ephemerals.findIndex((e) => e.ts === source.ts);
      if (i >= 0) this.ephemerals.splice(i, 1);
      return;
    }
    const top = this.messages.findIndex((m) => m.ts === source.ts);
    if (top >= 0) this.messages.splice(top, 1);
    for (const m of this.messages) {
      const i = m.replies.findIndex((r) => r.ts === source.ts);
      if (i >= 0) m.replies.splice(i, 1);
    }
  }
}

function ok(body: Record<string, unknown>): ApiAnswer {
  return { status: 200, headers: {}, body: { ok: true, ...body } };
}

function fail(error: string, extra: Record<string, unknown> = {}): ApiAnswer {
  return { status: 200, headers: {}, body: { ok: false, error, ...extra } };
}

function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of Object.keys(args)) {
    if (JSON_FIELDS.has(key) && typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
  }
  return args;
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

function findButton(blocks: Block[], blockId: string, actionId: string): Record<string, unknown> | undefined {
  for (const block of blocks) {
    if (block.block_id !== blockId) continue;
    const elements = [
      ...((block.elements as Block[] | undefined) ?? []),
      ...(block.accessory ? [block.accessory as Block] : []),
    ];
    const found = elements.find((e) => e.action_id === actionId);
    if (found) return found;
  }
  return undefined;
}

function failure(what: string, answer: AppAnswer): string {
  if (answer.status === 0)
    return `${what} failed: the app did not respond within 3 seconds (operation_timeout).`;
  if (answer.status === 404)
    return `${what} failed with the error "dispatch_failed" (the app has no handler for it).`;
  return `${what} failed: the app answered HTTP ${answer.status}.`;
}
