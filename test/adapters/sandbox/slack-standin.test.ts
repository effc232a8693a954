import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelRateLimit } from '../../../src/adapters/sandbox/rate-limit.js';
import { SlackStandIn } from '../../../src/adapters/sandbox/slack-standin.js';

const TOKEN = 'xoxb-standin-test';
const SECRET = 'standin-signing-secret';
const users = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice', authorized: true },
  { id: 'U0MALLORY', name: 'mallory', realName: 'Mallory', authorized: false },
];

/** A fake app: records each signed request and answers what the test says. */
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
let answer: { status: number; body: string; type?: string } = { status: 200, body: '' };
const app = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'text/plain' });
    res.end(answer.body);
  });
});
let appUrl = '';
beforeAll(async () => {
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`;
});
afterAll(() => app.close());

let clock = 1_800_000_000_000;
let slack: SlackStandIn;
beforeEach(() => {
  received.length = 0;
  answer = { status: 200, body: '' };
  slack = new SlackStandIn({
    botToken: TOKEN,
    signingSecret: SECRET,
    channel: { id: 'C0SANDBOX', name: 'security-findings' },
    users,
    usergroups: { S0SECOPS: ['U0ALICE'] },
    baseUrl: 'http://127.0.0.1:9',
    appUrl,
    onChange: () => {},
    now: () => clock,
    rateLimit: new ChannelRateLimit(1, 3, () => clock),
  });
});

const form = (args: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(args).map(([k, v]): [string, string] => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  ).toString();
const api = (method: string, args: Record<string, unknown>, token = TOKEN) =>
  slack.api(method, 'application/x-www-form-urlencoded', form(args), token ? `Bearer ${token}` : undefined);
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'actions',
  block_id: 'finding:f-1',
  elements: [
    {
      type: 'button',
      action_id: actionId,
      text: { type: 'plain_text', text: 'Go' },
      value: 'v1.x.y',
      ...extra,
    },
  ],
});

describe('Slack stand-in: Web API', () => {
  it('posts, threads and updates messages like chat.postMessage / chat.update', async () => {
    const posted = await api('chat.postMessage', {
      channel: 'C0SANDBOX',
      text: 'hello',
      blocks: [button('finding.archive')],
    });
    expect(posted.body).toMatchObject({ ok: true, channel: 'C0SANDBOX' });
    const ts = posted.body.ts as string;
    await api('chat.postMessage', { channel: 'C0SANDBOX', thread_ts: ts, text: 'in the thread' });
    const updated = await slack.api(
      'chat.update',
      'application/json; charset=utf-8',
      JSON.stringify({ channel: 'C0SANDBOX', ts, text: 'changed' }),
      `Bearer ${TOKEN}`,
    );
    expect(updated.body).toMatchObject({ ok: true, ts });
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]).toMatchObject({
      text: 'changed',
      edited: true,
      replies: [{ text: 'in the thread' }],
    });
  });

  it.each([
    ['no token', () => api('chat.postMessage', { channel: 'C0SANDBOX', text: 'x' }, ''), 'not_authed'],
    [
      'a wrong token',
      () => api('chat.postMessage', { channel: 'C0SANDBOX', text: 'x' }, 'xoxb-wrong'),
      'invalid_auth',
    ],
    [
      'an unknown channel',
      () => api('chat.postMessage', { channel: 'C0NOPE', text: 'x' }),
      'channel_not_found',
    ],
    ['no text and no blocks', () => api('chat.postMessage', { channel: 'C0SANDBOX' }), 'no_text'],
    [
      'text over 40,000 characters',
      () => api('chat.postMessage', { channel: 'C0SANDBOX', text: 'x'.repeat(40_001) }),
      'msg_too_long',
    ],
    [
      'a header over 150 characters',
      () =>
        api('chat.postMessage', {
          channel: 'C0SANDBOX',
          text: 'x',
          blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
        }),
      'invalid_blocks',
    ],
    [
      'an unknown block type',
      () => api('chat.postMessage', { channel: 'C0SANDBOX', text: 'x', blocks: [{ type: 'banner' }] }),
      'invalid_blocks',
    ],
    [
      'eleven section fields',
      () =>
        api('chat.postMessage', {
          channel: 'C0SANDBOX',
          text: 'x',
          blocks: [{ type: 'section', fields: Array(11).fill({ type: 'mrkdwn', text: 'f' }) }],
        }),
      'invalid_blocks',
    ],
    [
      'a confirm text over 300 characters',
      () =>
        api('chat.postMessage', {
          channel: 'C0SANDBOX',
          text: 'x',
          blocks: [
            button('a', {
              confirm: {
                title: { type: 'plain_text', text: 't' },
                text: { type: 'mrkdwn', text: 'y'.repeat(301) },
                confirm: { type: 'plain_text', text: 'ok' },
                deny: { type: 'plain_text', text: 'no' },
              },
            }),
          ],
        }),
      'invalid_blocks',
    ],
    [
      'blocks that are not JSON',
      () =>
        slack.api(
          'chat.postMessage',
          'application/x-www-form-urlencoded',
          'channel=C0SANDBOX&blocks=%5Bnope',
          `Bearer ${TOKEN}`,
        ),
      'invalid_json',
    ],
    [
      'an update of a missing message',
      () => api('chat.update', { channel: 'C0SANDBOX', ts: '1.2', text: 'x' }),
      'message_not_found',
    ],
    [
      'an ephemeral for a stranger',
      () => api('chat.postEphemeral', { channel: 'C0SANDBOX', user: 'U0NOBODY', text: 'x' }),
      'user_not_in_channel',
    ],
    ['an unknown user group', () => api('usergroups.users.list', { usergroup: 'S0NOPE' }), 'no_such_subteam'],
    ['an unknown user', () => api('users.info', { user: 'U0NOBODY' }), 'user_not_found'],
    [
      'a stale trigger_id',
      () =>
        api('views.open', {
          trigger_id: '1.x',
          view: { type: 'modal', title: { type: 'plain_text', text: 't' }, blocks: [] },
        }),
      'invalid_trigger_id',
    ],
    ['an unknown method', () => api('chat.delete', { channel: 'C0SANDBOX' }), 'unknown_method'],
  ])('answers %s with ok:false %s, and keeps nothing', async (_what, call, error) => {
    const result = await call();
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: false, error });
    expect(slack.messages).toEqual([]);
  });

  it('explains invalid blocks as Slack does', async () => {
    const result = await api('chat.postMessage', {
      channel: 'C0SANDBOX',
      text: 'x',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
    });
    expect(result.body.response_metadata).toEqual({
      messages: ['[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
    });
  });

  it('answers the rest of what the app calls', async () => {
    expect((await api('auth.test', {})).body).toMatchObject({ ok: true, user_id: 'UBOT' });
    expect((await api('usergroups.users.list', { usergroup: 'S0SECOPS' })).body).toEqual({
      ok: true,
      users: ['U0ALICE'],
    });
    expect((await api('users.info', { user: 'U0ALICE' })).body).toMatchObject({
      ok: true,
      user: { id: 'U0ALICE', name: 'alice' },
    });
    expect(
      (await api('chat.postEphemeral', { channel: 'C0SANDBOX', user: 'U0ALICE', text: 'psst' })).body,
    ).toMatchObject({ ok: true });
    expect(slack.ephemerals).toMatchObject([{ forUser: 'U0ALICE', text: 'psst', fromSlack: false }]);
  });

  it('rate-limits chat.postMessage per channel: a burst of 3, then 429 with Retry-After, then one a second', async () => {
    const post = () => api('chat.postMessage', { channel: 'C0SANDBOX', text: 'x' });
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    clock += 1000;
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(429);
    expect(slack.counters).toEqual({ posted: 4, rateLimited: 2 });
  });
});

describe('Slack stand-in: interactions reach the app signed as Slack signs them', () => {
  it('sends a block_actions payload whose signature verifies with Bolt', async () => {
    const ts = (
      await api('chat.postMessage', { channel: 'C0SANDBOX', text: 'f', blocks: [button('finding.isolate')] })
    ).body.ts as string;
    const result = await slack.press({
      user: 'U0ALICE',
      messageTs: ts,
      ephemeral: false,
      actionId: 'finding.isolate',
      blockId: 'finding:f-1',
      value: 'v1.x.y',
    });
    expect(result).toEqual({ ok: true });
    const request = received[0];
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(() =>
      verifySlackRequest({
        signingSecret: SECRET,
        body: request?.body ?? '',
        headers: {
          'x-slack-signature': String(request?.headers['x-slack-signature']),
          'x-slack-request-timestamp': Number(request?.headers['x-slack-request-timestamp']),
        },
      }),
    ).not.toThrow();
    const payload = JSON.parse(new URLSearchParams(request?.body).get('payload') ?? '{}');
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE', username: 'alice' },
      container: { type: 'message', message_ts: ts, channel_id: 'C0SANDBOX', is_ephemeral: false },
      channel: { id: 'C0SANDBOX' },
      actions: [{ action_id: 'finding.isolate', block_id: 'finding:f-1', value: 'v1.x.y', type: 'button' }],
    });
    expect(payload.response_url).toMatch(/^http:\/\/127\.0\.0\.1:9\/response\//);
  });

  it('refuses a press on a button the message does not have', async () => {
    const ts = (
      await api('chat.postMessage', { channel: 'C0SANDBOX', text: 'f', blocks: [button('finding.archive')] })
    ).body.ts as string;
    expect(
      await slack.press({
        user: 'U0ALICE',
        messageTs: ts,
        ephemeral: false,
        actionId: 'finding.isolate',
        blockId: 'finding:f-1',
        value: 'forged',
      }),
    ).toMatchObject({ ok: false });
    expect(received).toEqual([]);
  });

  it('sends slash commands as Slack form fields, and shows a failing command as Slack does', async () => {
    answer = { status: 200, body: 'Looking up findings…' };
    await slack.command({ user: 'U0MALLORY', text: 'list type=role' });
    const fields = Object.fromEntries(new URLSearchParams(received[0]?.body));
    expect(fields).toMatchObject({
      command: '/access-findings',
      text: 'list type=role',
      user_id: 'U0MALLORY',
      channel_id: 'C0SANDBOX',
    });
    expect(slack.ephemerals.at(-1)).toMatchObject({ forUser: 'U0MALLORY', text: 'Looking up findings…' });
    answer = { status: 404, body: '' };
    await slack.command({ user: 'U0ALICE', text: 'help' });
    expect(slack.ephemerals.at(-1)).toMatchObject({
      forUser: 'U0ALICE',
      fromSlack: true,
      text: expect.stringContaining('dispatch_failed'),
    });
  });

  it('honours response_url: ephemeral answers, replace_original, at most 5 uses, 30 minutes', async () => {
    const ts = (
      await api('chat.postMessage', { channel: 'C0SANDBOX', text: 'f', blocks: [button('finding.archive')] })
    ).body.ts as string;
    await slack.press({
      user: 'U0ALICE',
      messageTs: ts,
      ephemeral: false,
      actionId: 'finding.archive',
      blockId: 'finding:f-1',
      value: 'v1.x.y',
    });
    const id = JSON.parse(new URLSearchParams(received[0]?.body).get('payload') ?? '{}')
      .response_url.split('/')
      .pop();
    expect(
      slack.respond(
        id,
        JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: 'only you' }),
      ).status,
    ).toBe(200);
    expect(slack.ephemerals.at(-1)).toMatchObject({ forUser: 'U0ALICE', text: 'only you' });
    expect(slack.respond(id, JSON.stringify({ replace_original: true, text: 'replaced' })).status).toBe(200);
    expect(slack.messages[0]).toMatchObject({ text: 'replaced', edited: true });
    for (let i = 0; i < 3; i++)
      expect(slack.respond(id, JSON.stringify({ text: `use ${i + 3}` })).status).toBe(200);
    expect(slack.respond(id, JSON.stringify({ text: 'sixth' }))).toMatchObject({
      status: 404,
      body: { ok: false, error: 'expired_url' },
    });

    // The replaced message has no button left; a fresh one gives a fresh response_url.
    const ts2 = (
      await api('chat.postMessage', { channel: 'C0SANDBOX', text: 'g', blocks: [button('finding.archive')] })
    ).body.ts as string;
    await slack.press({
      user: 'U0ALICE',
      messageTs: ts2,
      ephemeral: false,
      actionId: 'finding.archive',
      blockId: 'finding:f-1',
      value: 'v1.x.y',
    });
    const late = JSON.parse(new URLSearchParams(received[1]?.body).get('payload') ?? '{}')
      .response_url.split('/')
      .pop();
    clock += 30 * 60 * 1000 + 1;
    expect(slack.respond(late, JSON.stringify({ text: 'too late' })).status).toBe(404);
    expect(slack.respond(late, JSON.stringify({ delete_original: true })).status).toBe(404);
  });

  it('opens a modal on a fresh trigger_id once, and applies the app’s view_submission answer', async () => {
    await slack.command({ user: 'U0ALICE', text: 'trust' });
    const trigger = Object.fromEntries(new URLSearchParams(received[0]?.body)).trigger_id;
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Expected access' },
      submit: { type: 'plain_text', text: 'Save' },
      blocks: [
        {
          type: 'input',
          block_id: 'reason',
          label: { type: 'plain_text', text: 'Reason' },
          element: { type: 'plain_text_input', action_id: 'value' },
        },
      ],
    };
    const opened = await api('views.open', { trigger_id: trigger, view });
    expect(opened.body).toMatchObject({ ok: true });
    expect((await api('views.open', { trigger_id: trigger, view })).body).toMatchObject({
      ok: false,
      error: 'expired_trigger_id',
    });
    const viewId = slack.modals[0]?.viewId ?? '';
    answer = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ response_action: 'errors', errors: { reason: 'Say why' } }),
    };
    await slack.submitView({
      user: 'U0ALICE',
      viewId,
      values: { reason: { value: { type: 'plain_text_input', value: '' } } },
    });
    expect(slack.modals[0]?.errors).toEqual({ reason: 'Say why' });
    const submitted = JSON.parse(new URLSearchParams(received.at(-1)?.body).get('payload') ?? '{}');
    expect(submitted).toMatchObject({
      type: 'view_submission',
      view: { id: viewId, state: { values: { reason: { value: { value: '' } } } } },
    });
    answer = { status: 200, body: '' };
    await slack.submitView({
      user: 'U0ALICE',
      viewId,
      values: { reason: { value: { type: 'plain_text_input', value: 'vendor' } } },
    });
    expect(slack.modals).toEqual([]);
  });
});
