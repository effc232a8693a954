/** What isolating a role writes to IAM, and how to recognise it afterwards. */

export const DEFAULT_ISOLATION_POLICY_NAME = 'AccessFindingsDenyAll';
export const ISOLATION_SID = 'AccessFindingsDenyAll';

/** The AWS-managed fallback when the role's inline policies are at IAM's size limit. */
export function awsDenyAllArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/AWSDenyAll`;
}

/** The inline policy that denies every action to every session of the role, issued or not. */
export function denyAllPolicy(): { Version: string; Statement: Array<Record<string, string>> } {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: ISOLATION_SID, Effect: 'Deny', Action: '*', Resource: '*' }],
  };
}

/** True when a policy document is exactly the app's deny-all (so the app wrote it). */
export function isDenyAllPolicy(document: unknown): boolean {
  if (typeof document !== 'object' || document === null) return false;
  const statements = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  if (list.length !== 1) return false;
  const s = list[0] as Record<string, unknown> | undefined;
  const one = (v: unknown) => v === '*' || (Array.isArray(v) && v.length === 1 && v[0] === '*');
  return (
    s?.Sid === ISOLATION_SID && s.Effect === 'Deny' && one(s.Action) && one(s.Resource) && !('Condition' in s)
  );
}

/** How a role was isolated, as its tags record it. */
export interface IsolationRecord {
  method: 'inline' | 'managed';
  /** The inline policy's name, or `AWSDenyAll`. */
  policy: string;
  byUserId: string;
  byName: string;
  at: string;
  findingId: string;
}

const PREFIX = 'access-findings:';
export const ISOLATION_TAGS = {
  method: `${PREFIX}isolation`,
  byUserId: `${PREFIX}isolated-by`,
  byName: `${PREFIX}isolated-by-name`,
  at: `${PREFIX}isolated-at`,
  findingId: `${PREFIX}finding-id`,
} as const;

// IAM tag values allow letters, digits, spaces and `_.:/=+-@`, at most 256 characters.
function tagValue(value: string): string {
  return value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_').slice(0, 256);
}

/** The tags that say who isolated the role, when, for which finding and how. */
export function isolationTags(record: IsolationRecord): Record<string, string> {
  return {
    [ISOLATION_TAGS.method]: tagValue(`${record.method}:${record.policy}`),
    [ISOLATION_TAGS.byUserId]: tagValue(record.byUserId),
    [ISOLATION_TAGS.byName]: tagValue(record.byName),
    [ISOLATION_TAGS.at]: tagValue(record.at),
    [ISOLATION_TAGS.findingId]: tagValue(record.findingId),
  };
}

/** Reads the isolation record back from a role's tags; undefined when the tags hold none. */
export function isolationFromTags(tags: Readonly<Record<string, string>>): IsolationRecord | undefined {
  const method = tags[ISOLATION_TAGS.method];
  if (!method) return undefined;
  const [kind, policy = ''] = method.split(':', 2);
  if ((kind !== 'inline' && kind !== 'managed') || policy === '') return undefined;
  return {
    method: kind,
    policy,
    byUserId: tags[ISOLATION_TAGS.byUserId] ?? '',
    byName: tags[ISOLATION_TAGS.byName] ?? '',
    at: tags[ISOLATION_TAGS.at] ?? '',
    findingId: tags[ISOLATION_TAGS.findingId] ?? '',
  };
}
