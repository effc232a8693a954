/**
 * The sandbox page's API: what `GET /sandbox/state` returns and what the page POSTs back. The page
 * (page/*.js, plain browser JavaScript modules) and the stand-in server both follow these types.
 */

import type { AuditEvent } from '../../ports.js';

/** A Block Kit block, as the app sent it (plain JSON). */
export type Block = Record<string, unknown>;

export interface SandboxUser {
  id: string;
  name: string;
  realName: string;
  /** Listed in ALLOWED_SLACK_USER_IDS (the page shows it next to the name). */
  authorized: boolean;
}

/** A message in the channel or in a thread. */
export interface ChannelMessage {
  ts: string;
  /** Slack user id of the author (the bot is `UBOT`). */
  user: string;
  /** Display name of the author ("access-findings" for the bot). */
  author: string;
  isBot: boolean;
  text: string;
  blocks: Block[];
  /** Set when chat.update or a response_url replaced the message. */
  edited: boolean;
}

/** A top-level channel message with its thread replies, oldest first. */
export interface ThreadedMessage extends ChannelMessage {
  replies: ChannelMessage[];
}

/** A message only one user sees ("Only visible to you"). */
export interface EphemeralMessage extends ChannelMessage {
  /** Who sees it. */
  forUser: string;
  /** Shown inside this thread when set, else at the bottom of the channel. */
  threadTs?: string;
  /** A message from Slack itself (e.g. a failed slash command), not from the app. */
  fromSlack: boolean;
}

/** An open modal (views.open), one stack per user; the page shows the top one for the current user. */
export interface OpenModal {
  forUser: string;
  viewId: string;
  /** The view as the app sent it: type "modal", title, submit, close, blocks (input blocks included). */
  view: Block;
  /** Errors the app answered a submission with: block_id → message. */
  errors: Record<string, string>;
}

export interface SimulatedRole {
  name: string;
  arn: string;
  path: string;
  trustPolicy: unknown;
  inlinePolicies: Record<string, unknown>;
  attachedPolicies: string[];
  tags: Record<string, string>;
  serviceLinked: boolean;
}

export interface SimulatedBucket {
  name: string;
  arn: string;
  policy: unknown;
}

export interface SimulatedFinding {
  id: string;
  analyzerArn: string;
  kind: 'external' | 'unused';
  status: string;
  resourceType: string;
  resource: string;
  principal?: Record<string, string>;
  isPublic?: boolean;
  findingType?: string;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxState {
  /** Increases on every change; the event stream sends it. */
  version: number;
  channel: { id: string; name: string };
  users: SandboxUser[];
  messages: ThreadedMessage[];
  ephemerals: EphemeralMessage[];
  modals: OpenModal[];
  account: {
    id: string;
    region: string;
    analyzers: Array<{ arn: string; name: string; type: string }>;
    roles: SimulatedRole[];
    buckets: SimulatedBucket[];
    findings: SimulatedFinding[];
  };
  scenarios: Array<{ id: string; label: string }>;
  /** The simulated EventBridge → SQS delivery and Slack's rate limit, as counters. */
  delivery: { waiting: number; inFlight: number; deadLetters: number; posted: number; rateLimited: number };
  /** Audit events the app published, newest last. */
  audit: AuditEvent[];
}

/** POST /sandbox/press: a button press (after the page showed any confirm dialog). */
export interface PressRequest {
  user: string;
  /** The message holding the button: a channel/thread message ts, or an ephemeral's ts. */
  messageTs: string;
  ephemeral: boolean;
  actionId: string;
  blockId: string;
  value: string;
}

/** POST /sandbox/command: the text typed after `/access-findings`. */
export interface CommandRequest {
  user: string;
  text: string;
}

/** POST /sandbox/view-submit: values by block_id then action_id, as Slack's `view.state.values`. */
export interface ViewSubmitRequest {
  user: string;
  viewId: string;
  values: Record<
    string,
    Record<
      string,
      {
        type: string;
        value?: string | null;
        selected_date?: string | null;
        selected_option?: { value: string } | null;
      }
    >
  >;
}

/** POST /sandbox/view-close */
export interface ViewCloseRequest {
  user: string;
  viewId: string;
}

/** POST /sandbox/raise: raise a finding from a scenario. POST /sandbox/burst: `{ count }`. */
export interface RaiseRequest {
  scenario: string;
}

/** Every POST answers this: `ok`, and on failure what went wrong, for the page to show. */
export interface ActionResult {
  ok: boolean;
  error?: string;
}
