import { type DigestCard, type FindingSummary, findingSummary } from '../domain/answer.js';
import { type Finding, resourceName } from '../domain/finding.js';
import { type FindingEvent, isNewlyOpen } from '../domain/finding-event.js';
import {
  applyTransition,
  type FindingGroup,
  memberKey,
  type Transition,
  transition,
} from '../domain/lifecycle.js';
import { type Msg, msg } from '../domain/messages/index.js';
import type { Chat, Clock, Log, Mirror, StateStore, StoreKey } from '../ports.js';
import type { CardBuilder } from './card.js';
import { busy, CLAIM_LEASE_MS, type FindingGroups, groupCard, groupStoreKey } from './finding-groups.js';

/** What happened to one event. */
export type AnnounceResult = 'posted' | 'digested' | 'updated' | 'duplicate' | 'ignored';

export interface AnnounceDeps {
  groups: FindingGroups;
  store: StateStore;
  chat: Chat;
  channel: string;
  buildCard: CardBuilder;
  mirror?: Mirror;
  clock: Clock;
  log: Log;
  /** New findings a minute per channel before they are announced as one digest. */
  digestThreshold: number;
}

/** A digest stays open this long after its last finding: a burst that spans minutes stays one digest. */
const DIGEST_IDLE_MS = 2 * 60_000;
/** Lines per thread message under a digest: few messages, each far below Slack's text limit. */
const DIGEST_LINES_PER_MESSAGE = 100;
const DIGEST_NEWEST = 5;

interface DigestRecord {
  ts?: string;
  claimedAt?: string;
  lastAddedAt: string;
  total: number;
  byAccount: Record<string, number>;
  byType: Record<string, number>;
  newest: FindingSummary[];
}

interface Digested {
  index: number;
  finding: Finding;
  group: FindingGroup;
  version: number;
}

/**
 * The findings path. Each event updates its resource's group: a new resource is announced (its own
 * message, or a line in a digest during a burst); a known one gets its message updated and a line in
 * its thread; a delivery seen before changes nothing. Answers one result or error per event, so only
 * failed events are delivered again.
 */
export function makeAnnounce(
  deps: AnnounceDeps,
): (events: FindingEvent[]) => Promise<Array<AnnounceResult | Error>> {
  const { groups, store, chat, channel, buildCard, mirror, clock, log, digestThreshold } = deps;
  const now = () => clock.now();

  async function announceNew(
    finding: Finding,
    group: FindingGroup,
    version: number,
    digest: (d: Omit<Digested, 'index'>) => void,
  ): Promise<AnnounceResult> {
    if (await inBurst()) {
      digest({ finding, group, version });
      return 'digested';
    }
    let ts: string;
    try {
      ts = (await chat.postCard(channel, groupCard(group, buildCard))).ts;
    } catch (error) {
      // Let the retry (or a waiting duplicate) announce it afresh.
      await store.delete(groupStoreKey(finding), version);
      throw error;
    }
    if (!(await groups.put(finding, { ...group, ts, claimedAt: undefined }, version))) {
      log.warn('group changed while it was being announced', { findingId: finding.id });
    }
    await mirror?.publish({ kind: 'finding', finding });
    return 'posted';
  }

  /**
   * Counts this announcement. A burst is more than the threshold in this minute or the last one (a
   * burst does not stop at a minute's boundary), or a digest that is still open.
   */
  async function inBurst(): Promise<boolean> {
    const minute = Math.floor(now().getTime() / 60_000);
    const count = await store.increment({ pk: `rate#${channel}`, sk: String(minute) }, 1, 180);
    if (count > digestThreshold) return true;
    const previous = await store.get<number>({ pk: `rate#${channel}`, sk: String(minute - 1) });
    if ((previous?.value ?? 0) > digestThreshold) return true;
    const open = await store.get<DigestRecord>(digestKey());
    return open !== undefined && now().getTime() - Date.parse(open.value.lastAddedAt) < DIGEST_IDLE_MS;
  }

  function digestKey(): StoreKey {
    return { pk: `digest#${channel}`, sk: 'current' };
  }

  async function effects(group: FindingGroup): Promise<void> {
    const pending = group.pending;
    const member = pending ? group.members[pending.member] : undefined;
    if (!pending || !member) return;
    const line = threadLine(pending, member.finding);
    const thread = group.ts ?? group.digestTs;
    if (line && thread) await chat.reply({ channel: group.channel, ts: thread }, [line]);
    if (group.ts)
      await chat.updateCard({ channel: group.channel, ts: group.ts }, groupCard(group, buildCard));
  }

  async function settle(finding: Finding): Promise<void> {
    await groups.update(finding, ({ pending: _done, ...rest }) => rest);
  }

  async function handle(
    event: FindingEvent,
    digest: (d: Omit<Digested, 'index'>) => void,
  ): Promise<AnnounceResult> {
    const finding = event.finding;
    for (let attempt = 0; attempt < groups.maxAttempts; attempt++) {
      const current = await groups.get(finding);
      if (!current) {
        if (!isNewlyOpen(event)) return 'ignored';
        const group: FindingGroup = {
          channel,
          claimedAt: now().toISOString(),
          primary: memberKey(finding),
          members: { [memberKey(finding)]: { finding } },
          facts: {},
        };
        if (!(await groups.put(finding, group, undefined))) continue;
        return announceNew(finding, group, 1, digest);
      }
      const { value: group, version } = current;
      if (groups.claimedByOther(group)) {
        await groups.pause();
        continue;
      }
      if (!group.ts && !group.digestTs) {
        // An abandoned announcement: take it over and announce the group as it stands.
        const mine = { ...group, claimedAt: now().toISOString() };
        if (!(await groups.put(finding, mine, version))) continue;
        const primary = mine.members[mine.primary]?.finding ?? finding;
        const result = await announceNew(primary, mine, version + 1, digest);
        if (result === 'digested' || memberKey(primary) === memberKey(finding)) return result;
        continue;
      }
      if (group.pending) {
        // A change recorded before but not confirmed in Slack: show it now, then look at this event.
        await effects(group);
        await settle(finding);
        continue;
      }
      const change = transition(group, finding);
      if (change.kind === 'duplicate' || change.kind === 'ignored') return change.kind;
      const next = applyTransition(group, finding, change);
      if (!(await groups.put(finding, next, version))) continue;
      await effects(next);
      await settle(finding);
      return 'updated';
    }
    throw busy();
  }

  async function flushDigest(items: Digested[]): Promise<void> {
    const key = digestKey();
    let record: DigestRecord | undefined;
    let version = 0;
    for (let attempt = 0; ; attempt++) {
      if (attempt >= groups.maxAttempts) throw busy();
      const current = await store.get<DigestRecord>(key);
      const idle = current && now().getTime() - Date.parse(current.value.lastAddedAt) >= DIGEST_IDLE_MS;
      const base: DigestRecord =
        current && !idle
          ? current.value
          : {
              total: 0,
              byAccount: {},
              byType: {},
              newest: [],
              lastAddedAt: now().toISOString(),
              claimedAt: now().toISOString(),
            };
      const claimed = current?.value.claimedAt;
      if (
        current &&
        !idle &&
        !current.value.ts &&
        claimed &&
        now().getTime() - Date.parse(claimed) < CLAIM_LEASE_MS
      ) {
        // Another process is posting this digest's summary; add to it once it has a message.
        await groups.pause();
        continue;
      }
      record = added(
        base,
        items.map((i) => i.finding),
        now(),
      );
      if (await store.put(key, record, current?.version, 24 * 3600)) {
        version = (current?.version ?? 0) + 1;
        break;
      }
    }
    let ts = record.ts;
    const card = digestCard(record);
    if (ts) await chat.updateDigest({ channel, ts }, card);
    else {
      try {
        ts = (await chat.postDigest(channel, card)).ts;
      } catch (error) {
        await store.delete(key, version);
        throw error;
      }
      const posted = ts;
      for (let attempt = 0; attempt < groups.maxAttempts; attempt++) {
        const current = await store.get<DigestRecord>(key);
        if (
          !current ||
          (await store.put(
            key,
            { ...current.value, ts: posted, claimedAt: undefined },
            current.version,
            24 * 3600,
          ))
        )
          break;
      }
    }
    const lines = items.map((i) => digestLine(i.finding));
    for (let start = 0; start < lines.length; start += DIGEST_LINES_PER_MESSAGE) {
      await chat.reply({ channel, ts }, lines.slice(start, start + DIGEST_LINES_PER_MESSAGE));
    }
    for (const item of items) {
      if (
        !(await groups.put(item.finding, { ...item.group, digestTs: ts, claimedAt: undefined }, item.version))
      ) {
        log.warn('group changed while it was digested', { findingId: item.finding.id });
      }
      await mirror?.publish({ kind: 'finding', finding: item.finding });
    }
  }

  return async (events) => {
    const results: Array<AnnounceResult | Error> = [];
    const digested: Digested[] = [];
    for (const [index, event] of events.entries()) {
      try {
        results[index] = await handle(event, (d) => digested.push({ ...d, index }));
      } catch (error) {
        log.error('finding event not handled; it will be delivered again', {
          eventId: event.eventId,
          findingId: event.finding.id,
          error,
        });
        results[index] = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (digested.length > 0) {
      try {
        await flushDigest(digested);
      } catch (error) {
        log.error('digest not posted; its findings will be delivered again', {
          count: digested.length,
          error,
        });
        for (const d of digested) {
          await store.delete(groupStoreKey(d.finding), d.version).catch(() => false);
          results[d.index] = error instanceof Error ? error : new Error(String(error));
        }
      }
    }
    return results;
  };
}

function threadLine(change: Transition, finding: Finding): Msg | undefined {
  const id = finding.id;
  switch (change.kind) {
    case 'joined':
      return msg('thread.joined', { region: finding.region, id, analyzer: finding.analyzerArn });
    case 'archived':
      return change.quiet ? undefined : msg('thread.archivedElsewhere', { id });
    case 'resolved':
      return msg('thread.resolved', { id });
    case 'deleted':
      return msg('thread.deleted', { id });
    case 'reactivated':
      return msg('thread.reactivated', { id });
    case 'changed':
      return msg('thread.changed', { id, status: change.status });
    default:
      return undefined;
  }
}

function added(record: DigestRecord, findings: Finding[], at: Date): DigestRecord {
  const byAccount = { ...record.byAccount };
  const byType = { ...record.byType };
  for (const f of findings) {
    byAccount[f.ownerAccount] = (byAccount[f.ownerAccount] ?? 0) + 1;
    byType[f.resourceType] = (byType[f.resourceType] ?? 0) + 1;
  }
  const newest = [...record.newest, ...findings.map(findingSummary)]
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))
    .slice(0, DIGEST_NEWEST);
  return {
    ...record,
    total: record.total + findings.length,
    byAccount,
    byType,
    newest,
    lastAddedAt: at.toISOString(),
  };
}

function digestCard(record: DigestRecord): DigestCard {
  const sorted = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return {
    total: record.total,
    byAccount: sorted(record.byAccount),
    byType: sorted(record.byType),
    newest: record.newest,
  };
}

function digestLine(f: Finding): Msg {
  const principal =
    Object.values(f.principal ?? {}).join(', ') || (f.kind === 'unused' ? (f.findingType ?? '') : '-');
  return msg('digest.line', {
    type: msg('resourceType.label', { type: f.resourceType }),
    name: resourceName(f),
    account: f.ownerAccount,
    region: f.region,
    principal,
    id: f.id,
  });
}
