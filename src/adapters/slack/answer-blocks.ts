import type { Answer } from '../../domain/answer.js';
import type { FindingCard } from '../../domain/card.js';
import { type Finding, resourceName } from '../../domain/finding.js';
import { type ListCursor, PAGE_SIZE } from '../../domain/finding-query.js';
import { msg, slackTime, type Translate } from '../../domain/messages/index.js';
import { describeFilters } from '../../domain/slash-command.js';
import {
  actionsBlock,
  clip,
  headerOf,
  principalText,
  type RenderedMessage,
  renderCard,
} from './finding-blocks.js';

const SECTION_TEXT = 3000;
const BUTTON_VALUE = 2000;
/** Lines of a stats breakdown before "…and N more". */
const STATS_LINES = 15;
export const NEXT_PAGE_ACTION = 'findings.next_page';
const NEXT_PAGE_BLOCK = 'findings:next';

/** Signs what an answer's buttons carry: a finding's actions, or where the listing continues. */
export interface AnswerSigner {
  action(card: FindingCard, action: string): string;
  nextPage(cursor: ListCursor, page: number): string;
}

const section = (text: string) => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SECTION_TEXT) },
});
const context = (text: string) => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text, SECTION_TEXT) }],
});

/** Renders a `/access-findings` answer as Block Kit, within Slack's limits. */
export function renderAnswer(answer: Answer, t: Translate, sign: AnswerSigner): RenderedMessage {
  switch (answer.kind) {
    case 'text': {
      const text = answer.lines.map(t).join('\n');
      return { text: clip(text, 40_000), blocks: [section(text)] };
    }
    case 'show':
      return renderCard(answer.card, t, (action) => sign.action(answer.card, action));
    case 'stats':
      return renderStats(answer, t);
    case 'list':
      return renderList(answer, t, sign);
  }
}

function renderList(
  answer: Extract<Answer, { kind: 'list' }>,
  t: Translate,
  sign: AnswerSigner,
): RenderedMessage {
  const filters = describeFilters(answer.filters);
  if (answer.items.length === 0) {
    const text = t(msg('list.empty', { filters }));
    return { text, blocks: [section(text)] };
  }
  const header = t(msg('list.header', { filters, page: answer.page }));
  const blocks: Array<Record<string, unknown>> = [section(header)];
  for (const card of answer.items.slice(0, PAGE_SIZE)) {
    // Only a state worth telling (isolated, archived, …) is shown; "open" is what a list is about.
    const status = card.status.filter((m) => m.key !== 'card.status.open').map(t);
    blocks.push({ type: 'divider' }, section([itemText(card.finding, t), ...status].join('\n')));
    const actions = actionsBlock(card, t, (action) => sign.action(card, action));
    if (actions) blocks.push(actions);
  }
  const to = answer.from + Math.min(answer.items.length, PAGE_SIZE) - 1;
  blocks.push({ type: 'divider' }, context(t(msg('list.range', { from: answer.from, to }))));
  if (answer.next) {
    const value = sign.nextPage(answer.next, answer.page + 1);
    // A very long continuation token cannot ride in a button; say so instead of dropping the rest silently.
    if (value.length <= BUTTON_VALUE) {
      blocks.push({
        type: 'actions',
        block_id: NEXT_PAGE_BLOCK,
        elements: [
          {
            type: 'button',
            action_id: NEXT_PAGE_ACTION,
            text: { type: 'plain_text', text: t(msg('list.nextPage')) },
            value,
          },
        ],
      });
    } else blocks.push(context(t(msg('list.tooLongToContinue'))));
  }
  return { text: header, blocks };
}

function itemText(finding: Finding, t: Translate): string {
  const { type, name } = headerOf(finding, t);
  const common = {
    type,
    name,
    status: finding.status,
    resource: finding.resource ?? finding.id,
    found: finding.createdAt ? slackTime(finding.createdAt) : t(msg('card.unknown')),
  };
  return finding.kind === 'unused'
    ? t(msg('list.unusedItem', common))
    : t(msg('list.item', { ...common, principal: principalText(finding, t).replaceAll('\n', ', ') }));
}

function renderStats(answer: Extract<Answer, { kind: 'stats' }>, t: Translate): RenderedMessage {
  const breakdown = (rows: Array<[string, number]>, label: (key: string) => string) => {
    const lines = rows
      .slice(0, STATS_LINES)
      .map(([key, count]) => t(msg('stats.line', { label: label(key), count })));
    const rest = rows.slice(STATS_LINES).reduce((n, [, count]) => n + count, 0);
    if (rest > 0) lines.push(t(msg('stats.more', { count: rest })));
    return lines.join('\n');
  };
  const title = t(msg('stats.title', { total: answer.total, filters: describeFilters(answer.filters) }));
  const blocks: Array<Record<string, unknown>> = [section(title)];
  if (answer.total > 0) {
    blocks.push({
      type: 'section',
      fields: [
        {
          type: 'mrkdwn',
          text: clip(
            `${t(msg('stats.byType'))}\n${breakdown(answer.byType, (type) => t(msg('resourceType.label', { type })))}`,
            2000,
          ),
        },
        {
          type: 'mrkdwn',
          text: clip(
            `${t(msg('stats.byAccount'))}\n${breakdown(answer.byAccount, (account) => account)}`,
            2000,
          ),
        },
      ],
    });
  }
  const oldest = answer.oldest;
  if (oldest) {
    const type = t(msg('resourceType.label', { type: oldest.resourceType }));
    const name = resourceName(oldest);
    const found = oldest.createdAt ? slackTime(oldest.createdAt) : t(msg('card.unknown'));
    blocks.push(context(t(msg('stats.oldest', { type, name, found, id: oldest.id }))));
  }
  return { text: title, blocks };
}
