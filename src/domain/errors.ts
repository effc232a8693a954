import { type Msg, msg } from './messages/index.js';

/** Stable error codes: logs, audit events and tests key on these, never on message text. */
export type ErrorCode =
  | 'config_invalid'
  | 'event_invalid'
  | 'request_invalid'
  | 'token_invalid'
  | 'token_expired'
  | 'token_misplaced'
  | 'not_authorized'
  | 'authorization_not_configured'
  | 'finding_not_found'
  | 'finding_not_active'
  | 'finding_resource_mismatch'
  | 'action_not_applicable'
  | 'role_protected'
  | 'role_other_account'
  | 'role_not_found'
  | 'role_replaced'
  | 'policy_name_taken'
  | 'iam_limit_exceeded'
  | 'aws_access_denied'
  | 'aws_throttled'
  | 'aws_unavailable'
  | 'aws_failed'
  | 'no_analyzer'
  | 'action_in_progress'
  | 'busy'
  | 'slack_failed'
  | 'unexpected';

/** An error the app expects and can explain: a stable code, a message for the Slack user, and the cause. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: Msg,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage.key}`, options);
  }
}

/** The one mapping from any error to what the Slack user reads. */
export function userMessageOf(error: unknown): Msg {
  return error instanceof AppError ? error.userMessage : msg('error.unexpected');
}

/** The stable code of any error (`unexpected` for errors the app did not raise itself). */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof AppError ? error.code : 'unexpected';
}

const REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'request_invalid',
  'token_invalid',
  'token_expired',
  'token_misplaced',
  'not_authorized',
  'authorization_not_configured',
  'finding_not_found',
  'finding_not_active',
  'finding_resource_mismatch',
  'action_not_applicable',
  'role_protected',
  'role_other_account',
  'role_not_found',
  'role_replaced',
  'policy_name_taken',
  'action_in_progress',
]);

/** True when the app declined on purpose (a rule said no), as opposed to failing. */
export function isRefusal(error: unknown): boolean {
  return REFUSALS.has(errorCodeOf(error));
}
