import type { Answer, DigestCard, FindingSummary } from './domain/answer.js';
import type { FindingCard } from './domain/card.js';
import type { Finding } from './domain/finding.js';
import type { FindingFilters } from './domain/finding-query.js';
import type { SelfIdentity } from './domain/guardrails.js';
import type { Msg } from './domain/messages/index.js';

/** Where a message lives in the chat. */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** The chat the team works in (Slack). Rendering and button signing belong to the adapter. */
export interface Chat {
  postCard(channel: string, card: FindingCard): Promise<MessageRef>;
  updateCard(ref: MessageRef, card: FindingCard): Promise<void>;
  /** Replies in the message's thread; the lines form one reply. */
  reply(thread: MessageRef, lines: Msg[]): Promise<void>;
  /** Posts a burst's digest; its thread then lists every finding in it. */
  postDigest(channel: string, digest: DigestCard): Promise<MessageRef>;
  updateDigest(ref: MessageRef, digest: DigestCard): Promise<void>;
  /** Answers one person through a `response_url` (ephemeral), or replaces the message it came from. */
  respond(
    target: { responseUrl: string; channel: string },
    answer: Answer,
    replaceOriginal: boolean,
  ): Promise<void>;
}

/** Access Analyzer, for the finding's own analyzer (its account and Region). */
export interface Findings {
  /** Undefined when the analyzer no longer has the finding. */
  get(analyzerArn: string, findingId: string): Promise<Finding | undefined>;
  archive(analyzerArn: string, findingId: string): Promise<void>;
  /** One page of findings matching the filters, newest first where the analyzer can sort. */
  list(
    analyzerArn: string,
    filters: FindingFilters,
    page: { token?: string; limit: number },
  ): Promise<{ findings: FindingSummary[]; nextToken?: string }>;
  /** The ARNs of the account's active external-access analyzers in this Region. */
  analyzers(): Promise<string[]>;
}

/** An IAM role as the app needs to see it. */
export interface RoleInfo {
  arn: string;
  tags: Record<string, string>;
}

/** IAM, role-scoped. Errors are AppErrors (`role_not_found`, `iam_limit_exceeded`, `aws_*`). */
export interface Iam {
  /** Undefined when no role has that name. */
  getRole(roleName: string): Promise<RoleInfo | undefined>;
  /** The decoded policy document; undefined when the role has no inline policy of that name. */
  getRolePolicy(roleName: string, policyName: string): Promise<unknown | undefined>;
  putRolePolicy(roleName: string, policyName: string, document: object): Promise<void>;
  attachRolePolicy(roleName: string, policyArn: string): Promise<void>;
  tagRole(roleName: string, tags: Record<string, string>): Promise<void>;
}

/** Who the app runs as (account and role), to keep it from isolating itself. */
export interface Identity {
  whoAmI(): Promise<SelfIdentity>;
}

/** Slack user groups, for authorization. */
export interface Directory {
  groupMembers(groupId: string): Promise<readonly string[]>;
}

/** The hand-off from the fast Slack path to the slow job path. */
export interface Jobs {
  enqueue(sealedJob: string): Promise<void>;
}

/** Who did what, published for a SIEM or another rule to follow. */
export interface AuditEvent {
  actor: { slackUserId: string; name: string };
  action: string;
  findingId: string;
  analyzerArn: string;
  resource: string;
  account: string;
  result: 'succeeded' | 'already_done' | 'refused' | 'failed';
  /** Stable error code or outcome code. */
  reason: string;
  time: string;
}

/** Audit trail. Implementations never throw: a failure to publish must not undo or hide an action. */
export interface Audit {
  record(event: AuditEvent): Promise<void>;
}

/** What is mirrored to Amazon Q Developer in chat applications: new findings and action results. */
export type MirrorEvent =
  | { kind: 'finding'; finding: Finding }
  | {
      kind: 'outcome';
      action: string;
      /** The action's name for people ("Isolate"). */
      actionName: Msg | string;
      findingId: string;
      analyzerArn: string;
      resource: string;
      finding?: Finding;
      actor: { id: string; name: string };
      result: AuditEvent['result'];
      /** What the thread was told. */
      lines: Msg[];
    };

/** The Amazon Q Developer mirror. Implementations never throw: a failed mirror is logged, never blocks. */
export interface Mirror {
  publish(event: MirrorEvent): Promise<void>;
}

/** An item's address in the state store (one table: partition and sort key). */
export interface StoreKey {
  pk: string;
  sk: string;
}

/** A stored value and the version that conditional writes compare against. */
export interface Stored<T> {
  value: T;
  version: number;
}

/**
 * The state store: versioned items with conditional writes, counters, and expiry. Every claim and
 * lock in the app is a conditional write on it, so concurrent deliveries and presses act once.
 */
export interface StateStore {
  get<T>(key: StoreKey): Promise<Stored<T> | undefined>;
  /**
   * Writes the value if the item is absent (`expected` undefined) or still at `expected`; answers
   * false when another writer got there first. `ttlSeconds` lets the item expire.
   */
  put<T>(key: StoreKey, value: T, expected: number | undefined, ttlSeconds?: number): Promise<boolean>;
  /** Deletes the item (only at `expected`, when given); false when the condition failed. */
  delete(key: StoreKey, expected?: number): Promise<boolean>;
  /** Adds to a counter atomically and answers its new value. */
  increment(key: StoreKey, by: number, ttlSeconds?: number): Promise<number>;
  /** Every item whose partition key starts with the prefix (the hourly sweep's read). */
  scan<T>(pkPrefix: string): AsyncIterable<{ key: StoreKey; value: T; version: number }>;
}

export interface Clock {
  now(): Date;
}

/** Structured logs. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
