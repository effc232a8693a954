import type { Finding } from './finding.js';
import type { IsolationRecord } from './isolation.js';

/** One finding of a group, as last heard of. */
export interface GroupMember {
  finding: Finding;
  /** Set when this app archived it, so that Access Analyzer's echo of that archive stays quiet. */
  archivedByUs?: { userId: string; at: string };
}

/** What a group's message shows beyond the findings themselves. */
export interface GroupFacts {
  isolation?: IsolationRecord;
  archivedBy?: { userId: string; at: string };
}

/**
 * Every finding about one resource (an IAM role is reported once per Region) shares one message and
 * one thread. The group remembers where that message is and what it last said.
 */
export interface FindingGroup {
  channel: string;
  /** The group's own message. */
  ts?: string;
  /** Announced in a burst: the digest whose thread lists it. */
  digestTs?: string;
  /** Someone is announcing the group right now (a claim that expires). */
  claimedAt?: string;
  /** The member whose card the message shows. */
  primary: string;
  members: Record<string, GroupMember>;
  facts: GroupFacts;
  /** A change already recorded whose Slack side has not been confirmed yet; it is redone first. */
  pending?: Transition & { member: string };
}

/** What an event means for a group. */
export type Transition =
  | { kind: 'joined' }
  | { kind: 'archived'; quiet: boolean }
  | { kind: 'resolved' }
  | { kind: 'deleted' }
  | { kind: 'reactivated' }
  | { kind: 'changed'; status: string }
  | { kind: 'duplicate' }
  | { kind: 'ignored' };

/** A finding's identity across analyzers. */
export function memberKey(finding: Pick<Finding, 'analyzerArn' | 'id'>): string {
  return `${finding.analyzerArn}#${finding.id}`;
}

/** The resource a group is about: the same role reported from several Regions shares one key. */
export function groupKey(finding: Pick<Finding, 'kind' | 'resource' | 'analyzerArn' | 'id'>): string {
  return `${finding.kind}#${finding.resource ?? memberKey(finding)}`;
}

/** Decides what an event changes. Older events than what the group knows are duplicates: delivery is unordered. */
export function transition(group: FindingGroup, finding: Finding): Transition {
  const member = group.members[memberKey(finding)];
  if (!member)
    return finding.status === 'ACTIVE' && !finding.isDeleted ? { kind: 'joined' } : { kind: 'ignored' };
  const known = member.finding;
  if (known.status === finding.status && known.isDeleted === finding.isDeleted) return { kind: 'duplicate' };
  if (finding.updatedAt && known.updatedAt && Date.parse(finding.updatedAt) < Date.parse(known.updatedAt)) {
    return { kind: 'duplicate' };
  }
  if (known.isDeleted) return { kind: 'duplicate' };
  if (finding.isDeleted) return { kind: 'deleted' };
  if (finding.status === 'ARCHIVED') return { kind: 'archived', quiet: member.archivedByUs !== undefined };
  if (finding.status === 'RESOLVED') return { kind: 'resolved' };
  if (finding.status === 'ACTIVE') return { kind: 'reactivated' };
  return { kind: 'changed', status: finding.status };
}

/**
 * The group after the event: the member updated (or added), marked as pending until Slack shows it.
 * Our own archive is echoed once; any change after that is news again, so the mark is dropped.
 */
export function applyTransition(group: FindingGroup, finding: Finding, change: Transition): FindingGroup {
  const key = memberKey(finding);
  const facts = change.kind === 'reactivated' ? { ...group.facts, archivedBy: undefined } : group.facts;
  return {
    ...group,
    members: { ...group.members, [key]: { finding } },
    facts,
    pending: { ...change, member: key },
  };
}
