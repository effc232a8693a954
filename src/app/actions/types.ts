import type { CardButton } from '../../domain/card.js';
import type { Finding } from '../../domain/finding.js';
import type { IsolationRecord } from '../../domain/isolation.js';
import type { Msg } from '../../domain/messages/index.js';
import type { Findings, Iam, Identity, Log } from '../../ports.js';

/** Settings an action needs; read once from the configuration. */
export interface ActionSettings {
  isolationPolicyName: string;
  protectedRolePatterns: readonly string[];
}

/** What the app knows about a finding beyond Access Analyzer's view of it. */
export interface CardFacts {
  isolation?: IsolationRecord;
  archivedBy?: { userId: string; at: string };
  working?: { action: string; userId: string };
}

/** Everything an action may use while it runs. */
export interface ActionContext {
  finding: Finding;
  actor: { id: string; name: string };
  now: Date;
  settings: ActionSettings;
  iam: Iam;
  findings: Findings;
  identity: Identity;
  log: Log;
}

/** What an action did, for the thread, the message and the audit trail. */
export interface ActionOutcome {
  result: 'succeeded' | 'already_done';
  /** A short machine-readable outcome for the audit trail, e.g. `isolated_inline`. */
  reason: string;
  /** Thread reply lines. */
  reply: Msg[];
  /** The finding as it stands after the action. */
  finding: Finding;
  facts: CardFacts;
}

/** A button offered on a finding, or the reason it is withheld. */
export type Offer = { button: CardButton } | { withheld: Msg } | undefined;

/**
 * One action on a finding. A new action is one file implementing this, plus its registration in
 * `registry.ts`; the Slack listeners, buttons and job routing follow from the registry.
 */
export interface FindingAction {
  id: string;
  /** The action's name in sentences ("Isolate"). */
  name: Msg;
  /**
   * Checks made from the signed resource alone, before the finding is even re-read: a refusal here
   * costs no IAM or Access Analyzer call.
   */
  precheck?(resource: string, context: Pick<ActionContext, 'settings' | 'identity'>): Promise<void>;
  /** The status Access Analyzer will echo back once this action succeeds; that echo is then not news. */
  echoes?: 'ARCHIVED';
  /** Whether to offer the button on this finding now. */
  offer(finding: Finding, facts: CardFacts, settings: ActionSettings): Offer;
  /** Does the work; throws an AppError to refuse or to report a failure. */
  run(context: ActionContext): Promise<ActionOutcome>;
}
