import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionRegistry } from '../../src/app/actions/registry.js';
import { makeCardBuilder } from '../../src/app/card.js';
import { makeNotifyFinding } from '../../src/app/notify-findings.js';
import { parseFindingEvent } from '../../src/domain/finding-event.js';
import { msg, translator } from '../../src/domain/messages/index.js';
import { FakeChat, MemoryLog } from '../support/fakes.js';
import { SETTINGS } from './harness.js';

const t = translator('en');
const event = (name: string) =>
  parseFindingEvent(JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/events', name), 'utf8')));

function harness() {
  const chat = new FakeChat();
  const log = new MemoryLog();
  const notify = makeNotifyFinding({
    chat,
    channel: 'C0FINDINGS',
    buildCard: makeCardBuilder(actionRegistry(), SETTINGS),
    log,
  });
  return { chat, log, notify };
}

describe('notify findings', () => {
  it('posts a new role finding with Isolate (confirmed, danger) and Archive', async () => {
    const h = harness();
    expect(await h.notify(event('external-with-condition.json'))).toBe('posted');
    const card = h.chat.posted[0]?.card;
    expect(h.chat.posted[0]?.channel).toBe('C0FINDINGS');
    expect(card?.buttons.map((b) => b.action)).toEqual(['finding.isolate', 'finding.archive']);
    const isolate = card?.buttons[0];
    expect(isolate?.style).toBe('danger');
    expect(t(isolate?.confirm?.title ?? msg('card.none'))).toBe('Isolate VendorDeployRole?');
    expect(card?.status.map(t)).toEqual([':large_yellow_circle: Open']);
  });

  it.each([
    ['an S3 bucket', 's3-bucket.json'],
    ['an unused-access finding', 'unused-access.json'],
    ['an error finding', 'error-finding.json'],
  ])('offers only Archive on %s', async (_what, name) => {
    const h = harness();
    await h.notify(event(name));
    expect(h.chat.posted[0]?.card.buttons.map((b) => b.action)).toEqual(['finding.archive']);
  });

  it('withholds Isolate on a protected role and says why', async () => {
    const h = harness();
    const e = event('external-with-condition.json');
    e.finding.resource = 'arn:aws:iam::444455556666:role/BreakGlassAdmin';
    await h.notify(e);
    const card = h.chat.posted[0]?.card;
    expect(card?.buttons.map((b) => b.action)).toEqual(['finding.archive']);
    expect(card?.notes.map(t)).toEqual([
      'Isolate is not offered: it matches the protected role pattern `BreakGlass*` (`PROTECTED_ROLE_PATTERNS`).',
    ]);
  });

  it.each(['archived.json', 'deleted.json'])(
    'does not post %s as a new finding, and logs why',
    async (name) => {
      const h = harness();
      expect(await h.notify(event(name))).toBe('ignored');
      expect(h.chat.posted).toEqual([]);
      expect(h.log.entries[0]?.message).toContain('not posted');
    },
  );
});
