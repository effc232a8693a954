import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/adapters/memory-store.js';
import { actionRegistry } from '../../src/app/actions/registry.js';
import { makeAnnounce } from '../../src/app/announce.js';
import { makeCardBuilder } from '../../src/app/card.js';
import { FindingGroups } from '../../src/app/finding-groups.js';
import type { Finding } from '../../src/domain/finding.js';
import { type FindingEvent, parseFindingEvent } from '../../src/domain/finding-event.js';
import { msg, translator } from '../../src/domain/messages/index.js';
import { FakeChat, FakeClock, MemoryLog } from '../support/fakes.js';
import { roleFinding } from '../support/findings.js';
import { SETTINGS } from './harness.js';

const t = translator('en');
const fixture = (name: string) =>
  parseFindingEvent(JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/events', name), 'utf8')));
const event = (finding: Finding, id = 'e'): FindingEvent => ({ eventId: id, finding });

function harness(digestThreshold = 10) {
  const chat = new FakeChat();
  const clock = new FakeClock();
  const store = new MemoryStateStore(clock);
  const groups = new FindingGroups(store, clock);
  const log = new MemoryLog();
  const announce = makeAnnounce({
    groups,
    store,
    chat,
    channel: 'C0FINDINGS',
    buildCard: makeCardBuilder(actionRegistry(), SETTINGS),
    clock,
    log,
    digestThreshold,
  });
  return { announce, chat, clock, store, groups, log };
}
const cardText = (h: ReturnType<typeof harness>) => {
  const card = h.chat.lastCard();
  return [...(card?.status ?? []), ...(card?.notes ?? [])].map(t).join('\n');
};

describe('announce: new findings', () => {
  it('posts a new role finding with Isolate (confirmed, danger) and Archive', async () => {
    const h = harness();
    expect(await h.announce([fixture('external-with-condition.json')])).toEqual(['posted']);
    const card = h.chat.posted[0]?.card;
    expect(h.chat.posted[0]?.channel).toBe('C0FINDINGS');
    expect(card?.buttons.map((b) => b.action)).toEqual(['finding.isolate', 'finding.archive']);
    expect(card?.buttons[0]?.style).toBe('danger');
    expect(t(card?.buttons[0]?.confirm?.title ?? msg('card.none'))).toBe('Isolate VendorDeployRole?');
    expect(card?.status.map(t)).toEqual([':large_yellow_circle: Open']);
  });

  it.each([
    ['an S3 bucket', 's3-bucket.json'],
    ['an unused-access finding', 'unused-access.json'],
    ['an error finding', 'error-finding.json'],
  ])('offers only Archive on %s', async (_what, name) => {
    const h = harness();
    await h.announce([fixture(name)]);
    expect(h.chat.posted[0]?.card.buttons.map((b) => b.action)).toEqual(['finding.archive']);
  });

  it('withholds Isolate on a protected role and says why', async () => {
    const h = harness();
    await h.announce([event(roleFinding({ resource: 'arn:aws:iam::444455556666:role/BreakGlassAdmin' }))]);
    expect(h.chat.posted[0]?.card.notes.map(t)).toEqual([
      'Isolate is not offered: it matches the protected role pattern `BreakGlass*` (`PROTECTED_ROLE_PATTERNS`).',
    ]);
  });

  it.each(['archived.json', 'deleted.json'])(
    'does not announce %s for a finding never seen',
    async (name) => {
      const h = harness();
      expect(await h.announce([fixture(name)])).toEqual(['ignored']);
      expect(h.chat.posted).toEqual([]);
    },
  );

  it('posts once for five concurrent deliveries of the same event', async () => {
    const h = harness();
    const e = fixture('external-with-condition.json');
    const results = (await Promise.all(Array.from({ length: 5 }, () => h.announce([e])))).flat();
    expect(results.sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'posted']);
    expect(h.chat.posted).toHaveLength(1);
    expect(h.chat.replies).toEqual([]);
  });

  it("joins the same role's findings from three Regions into one message and its thread", async () => {
    const h = harness();
    const regions = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];
    const findings = regions.map((region, i) =>
      roleFinding({
        id: `f-${region}`,
        region,
        analyzerArn: `arn:aws:access-analyzer:${region}:111122223333:analyzer/org`,
        updatedAt: `2025-03-04T10:0${i}:00Z`,
      }),
    );
    const results = await Promise.all(findings.map((f) => h.announce([event(f)])));
    expect(results.flat().sort()).toEqual(['posted', 'updated', 'updated']);
    expect(h.chat.posted).toHaveLength(1);
    const thread = h.chat.posted[0]?.ts;
    expect(h.chat.replies.map((r) => r.ref.ts)).toEqual([thread, thread]);
    expect(h.chat.replies.map((r) => r.text).join('\n')).toMatch(
      /Also reported in (us-east-1|ap-southeast-2)/,
    );
    expect(cardText(h).match(/Also in /g)).toHaveLength(2);
  });
});

describe('announce: lifecycle', () => {
  async function posted(h: ReturnType<typeof harness>) {
    const f = roleFinding({ updatedAt: '2025-03-04T10:00:00Z' });
    await h.announce([event(f)]);
    return f;
  }

  it('marks the message and says so in one line when the finding is archived in the console', async () => {
    const h = harness();
    const f = await posted(h);
    expect(
      await h.announce([event({ ...f, status: 'ARCHIVED', updatedAt: '2025-03-04T11:00:00Z' })]),
    ).toEqual(['updated']);
    expect(h.chat.replies.map((r) => r.text)).toEqual([
      `:file_cabinet: Finding \`${f.id}\` was archived in Access Analyzer, outside this app.`,
    ]);
    expect(cardText(h)).toContain('Finding is ARCHIVED');
    expect(h.chat.lastCard()?.buttons).toEqual([]);
    // The same event again is a duplicate: no second line.
    expect(
      await h.announce([event({ ...f, status: 'ARCHIVED', updatedAt: '2025-03-04T11:00:00Z' })]),
    ).toEqual(['duplicate']);
    expect(h.chat.replies).toHaveLength(1);
  });

  it("keeps the echo of the app's own archive quiet", async () => {
    const h = harness();
    const f = await posted(h);
    await h.groups.update(f, (g) => ({
      ...g,
      members: {
        [`${f.analyzerArn}#${f.id}`]: {
          finding: f,
          archivedByUs: { userId: 'U0ALICE', at: '2025-03-04T10:30:00Z' },
        },
      },
    }));
    await h.announce([event({ ...f, status: 'ARCHIVED', updatedAt: '2025-03-04T11:00:00Z' })]);
    expect(h.chat.replies).toEqual([]);
    expect(h.chat.updates).toHaveLength(1);
  });

  it('announces a finding active again, a resolved one, and a deleted one, in its thread', async () => {
    const h = harness();
    const f = await posted(h);
    await h.announce([event({ ...f, status: 'ARCHIVED', updatedAt: '2025-03-04T11:00:00Z' })]);
    await h.announce([event({ ...f, status: 'ACTIVE', updatedAt: '2025-03-04T12:00:00Z' })]);
    expect(h.chat.lastCard()?.buttons.map((b) => b.action)).toEqual(['finding.isolate', 'finding.archive']);
    await h.announce([event({ ...f, status: 'RESOLVED', updatedAt: '2025-03-04T13:00:00Z' })]);
    await h.announce([
      event({ ...f, status: 'RESOLVED', isDeleted: true, updatedAt: '2025-03-04T14:00:00Z' }),
    ]);
    expect(h.chat.replies.map((r) => r.text.split(':')[1]?.trim() ?? '')).toEqual([
      'file_cabinet',
      'rotating_light',
      'white_check_mark',
      'wastebasket',
    ]);
    expect(cardText(h)).toContain('Finding deleted by Access Analyzer');
  });

  it('ignores an older event arriving after a newer one', async () => {
    const h = harness();
    const f = await posted(h);
    await h.announce([event({ ...f, status: 'RESOLVED', updatedAt: '2025-03-04T13:00:00Z' })]);
    expect(
      await h.announce([event({ ...f, status: 'ARCHIVED', updatedAt: '2025-03-04T11:00:00Z' })]),
    ).toEqual(['duplicate']);
  });

  it('shows a change whose Slack side failed when the event is delivered again, once', async () => {
    const h = harness();
    const f = await posted(h);
    const reply = h.chat.reply.bind(h.chat);
    let failures = 1;
    h.chat.reply = async (ref, lines) => {
      if (failures-- > 0) throw new Error('Slack is down');
      return reply(ref, lines);
    };
    const archived = event({ ...f, status: 'ARCHIVED', updatedAt: '2025-03-04T11:00:00Z' });
    const [first] = await h.announce([archived]);
    expect(first).toBeInstanceOf(Error);
    expect(await h.announce([archived])).toEqual(['duplicate']);
    expect(h.chat.replies).toHaveLength(1);
    expect(cardText(h)).toContain('Finding is ARCHIVED');
  });
});

describe('announce: bursts', () => {
  it('posts up to the threshold one by one, then one digest listing the rest in its thread', async () => {
    const h = harness(3);
    const findings = Array.from({ length: 12 }, (_, i) =>
      roleFinding({
        id: `burst-${i}`,
        resource: `arn:aws:iam::444455556666:role/BurstRole${i}`,
        createdAt: `2025-03-04T10:${String(i).padStart(2, '0')}:00Z`,
      }),
    );
    const results = await h.announce(findings.map((f) => event(f)));
    expect(results.filter((r) => r === 'posted')).toHaveLength(3);
    expect(results.filter((r) => r === 'digested')).toHaveLength(9);
    expect(h.chat.digests).toHaveLength(1);
    expect(h.chat.digests[0]?.digest).toMatchObject({
      total: 9,
      byAccount: [['444455556666', 9]],
      byType: [['AWS::IAM::Role', 9]],
    });
    expect(h.chat.digests[0]?.digest.newest.map((n) => n.id)).toEqual([
      'burst-11',
      'burst-10',
      'burst-9',
      'burst-8',
      'burst-7',
    ]);
    const thread = h.chat.replies
      .filter((r) => r.ref.ts === h.chat.digests[0]?.ref.ts)
      .map((r) => r.text)
      .join('\n');
    for (const f of findings.slice(3)) expect(thread).toContain(`\`${f.id}\``);
    // Everything is reachable from the channel exactly once.
    const everywhere = [
      ...h.chat.posted.map((p) => p.card.finding.id),
      ...thread.matchAll(/`(burst-\d+)`/g),
    ].map((m) => (typeof m === 'string' ? m : m[1]));
    expect(everywhere.sort()).toEqual(findings.map((f) => f.id).sort());
  });

  it('adds a second batch of the same burst to the open digest', async () => {
    const h = harness(1);
    const make = (i: number) =>
      event(roleFinding({ id: `b-${i}`, resource: `arn:aws:iam::444455556666:role/R${i}` }));
    await h.announce([make(0), make(1), make(2)]);
    await h.announce([make(3), make(4)]);
    const digestTs = new Set(h.chat.digests.map((d) => d.ref.ts));
    expect(digestTs.size).toBe(1);
    expect(h.chat.digests.at(-1)?.digest.total).toBe(4);
  });

  it('tells the digested finding’s later changes in the digest thread', async () => {
    const h = harness(0);
    const f = roleFinding({ updatedAt: '2025-03-04T10:00:00Z' });
    expect(await h.announce([event(f)])).toEqual(['digested']);
    await h.announce([event({ ...f, status: 'RESOLVED', updatedAt: '2025-03-04T11:00:00Z' })]);
    expect(h.chat.replies.at(-1)).toMatchObject({
      ref: h.chat.digests[0]?.ref,
      text: expect.stringContaining('is resolved'),
    });
  });
});
