import type { FindingCard } from '../domain/card.js';
import { AppError } from '../domain/errors.js';
import type { Finding } from '../domain/finding.js';
import { type FindingGroup, groupKey } from '../domain/lifecycle.js';
import { msg } from '../domain/messages/index.js';
import type { Clock, StateStore, Stored, StoreKey } from '../ports.js';
import type { CardFacts } from './actions/types.js';
import type { CardBuilder } from './card.js';

/** How long a group is remembered after its last change: long past any finding's life. */
export const GROUP_TTL_SECONDS = 400 * 24 * 3600;
/** A claim to announce a group that is older than this was abandoned (its process died); it may be taken over. */
export const CLAIM_LEASE_MS = 60_000;
const MAX_ATTEMPTS = 40;
const WAIT_MS = 250;

/** Where a group lives in the store. */
export function groupStoreKey(finding: Pick<Finding, 'kind' | 'resource' | 'analyzerArn' | 'id'>): StoreKey {
  return { pk: `group#${groupKey(finding)}`, sk: 'group' };
}

/** The card a group's message shows: its primary finding, the facts, and where else it was reported. */
export function groupCard(group: FindingGroup, buildCard: CardBuilder, extra: CardFacts = {}): FindingCard {
  const primary = group.members[group.primary];
  if (!primary) throw new Error(`group has no primary member ${group.primary}`);
  const card = buildCard(primary.finding, { ...group.facts, ...extra });
  const others = Object.entries(group.members)
    .filter(([key]) => key !== group.primary)
    .map(([, m]) =>
      msg('card.note.alsoIn', {
        region: m.finding.region,
        status: m.finding.isDeleted ? 'DELETED' : m.finding.status,
        id: m.finding.id,
      }),
    );
  return { ...card, notes: [...card.notes, ...others] };
}

/** Reads and updates groups with optimistic concurrency: every change is a conditional write. */
export class FindingGroups {
  constructor(
    readonly store: StateStore,
    private readonly clock: Clock,
  ) {}

  get(
    finding: Pick<Finding, 'kind' | 'resource' | 'analyzerArn' | 'id'>,
  ): Promise<Stored<FindingGroup> | undefined> {
    return this.store.get<FindingGroup>(groupStoreKey(finding));
  }

  put(finding: Finding, group: FindingGroup, expected: number | undefined): Promise<boolean> {
    return this.store.put(groupStoreKey(finding), group, expected, GROUP_TTL_SECONDS);
  }

  /**
   * Applies a change to the group, re-reading and retrying when another writer got there first.
   * Answers the group as written, or undefined when there is no group (nothing to change).
   */
  async update(
    finding: Finding,
    change: (group: FindingGroup) => FindingGroup,
  ): Promise<FindingGroup | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.get(finding);
      if (!current) return undefined;
      const next = change(current.value);
      if (await this.put(finding, next, current.version)) return next;
    }
    throw busy();
  }

  /** True while someone else's claim to announce the group is fresh. */
  claimedByOther(group: FindingGroup): boolean {
    return (
      !group.ts &&
      !group.digestTs &&
      group.claimedAt !== undefined &&
      this.clock.now().getTime() - Date.parse(group.claimedAt) < CLAIM_LEASE_MS
    );
  }

  /** Waits a moment before re-reading a contended group. */
  async pause(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }

  readonly maxAttempts = MAX_ATTEMPTS;
}

/** The group stayed contended: the delivery is retried later (SQS), nothing is lost. */
export function busy(): AppError {
  return new AppError('busy', msg('error.unexpected'), { cause: new Error('state contended; retry later') });
}
