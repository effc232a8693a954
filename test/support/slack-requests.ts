import type { HttpApiEvent } from '../../src/adapters/http/http-api-event.js';
import { slackSignature } from '../../src/adapters/sandbox/slack-signing.js';

export { slackSignature };

export interface SignOptions {
  secret: string;
  timestamp?: number;
  contentType?: string;
  path?: string;
  method?: string;
  base64?: boolean;
  /** Signs this instead of the body (a forged signature). */
  signWith?: string;
}

/** An API Gateway HTTP API (2.0) event carrying a Slack-signed request. */
export function signedEvent(body: string, options: SignOptions): HttpApiEvent {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const path = options.path ?? '/slack/events';
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.signWith ?? options.secret, timestamp, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    },
    body: options.base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: options.base64 ?? false,
    requestContext: { stage: '$default', http: { method: options.method ?? 'POST', path } },
  };
}

/** The form body Slack posts for a button press. */
export function blockActionsBody(input: {
  actionId: string;
  value: string;
  blockId: string;
  channel: string;
  messageTs: string;
  user: { id: string; name: string };
  responseUrl: string;
}): string {
  const payload = {
    type: 'block_actions',
    user: { id: input.user.id, username: input.user.name, name: input.user.name, team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated',
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channel,
      is_ephemeral: false,
    },
    trigger_id: '123.456.abc',
    team: { id: 'T0TEAM', domain: 'acme' },
    channel: { id: input.channel, name: 'security-findings' },
    message: { type: 'message', ts: input.messageTs, text: 'finding' },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId,
        value: input.value,
        action_ts: '1700000001.000200',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The signed value and block of a button in a message the app posted (as the stub recorded it). */
export function buttonIn(post: { args: Record<string, any> } | undefined, actionId: string) {
  const actions = post?.args.blocks.find((b: any) => b.type === 'actions');
  const element = actions?.elements.find((e: any) => e.action_id === actionId);
  if (!element) throw new Error(`no ${actionId} button in the message`);
  return { blockId: actions.block_id as string, value: element.value as string, element };
}

/** The form body Slack posts for `/access-findings <text>`. */
export function slashCommandBody(input: {
  text: string;
  user: { id: string; name: string };
  channel: string;
  responseUrl: string;
}): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0TEAM',
    team_domain: 'acme',
    channel_id: input.channel,
    channel_name: 'security-findings',
    user_id: input.user.id,
    user_name: input.user.name,
    command: '/access-findings',
    text: input.text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: '123.456.abc',
  }).toString();
}
