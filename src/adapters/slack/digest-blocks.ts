import type { DigestCard } from '../../domain/answer.js';
import { resourceName } from '../../domain/finding.js';
import { msg, slackTime, type Translate } from '../../domain/messages/index.js';
import { clip, code, type RenderedMessage } from './finding-blocks.js';

/** The digest's "List open findings" button; its value is a signed page token like "Next page". */
export const LIST_ACTION = 'findings.list';
const ROWS = 10;

/** Renders a burst's digest: totals by account and type, the newest few, and a button to list them all. */
export function renderDigest(digest: DigestCard, t: Translate, listToken: string): RenderedMessage {
  const rows = (counts: Array<[string, number]>, label: (key: string) => string) =>
    counts
      .slice(0, ROWS)
      .map(([key, count]) => t(msg('stats.line', { label: label(key), count })))
      .concat(
        counts.length > ROWS
          ? [t(msg('stats.more', { count: counts.slice(ROWS).reduce((n, [, c]) => n + c, 0) }))]
          : [],
      )
      .join('\n');
  const newest = digest.newest
    .map((f) => {
      const type = t(msg('resourceType.label', { type: f.resourceType }));
      const found = f.createdAt ? slackTime(f.createdAt) : '';
      return `• ${type} *${resourceName(f)}* ${code(f.ownerAccount)} ${found} ${code(f.id)}`;
    })
    .join('\n');
  const header = t(msg('digest.header', { total: digest.total }));
  return {
    text: t(msg('digest.fallback', { total: digest.total })),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(`*${header}*`, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: t(msg('digest.explain')) }] },
      {
        type: 'section',
        fields: [
          {
            type: 'mrkdwn',
            text: clip(`${t(msg('digest.byAccount'))}\n${rows(digest.byAccount, (a) => a)}`, 2000),
          },
          {
            type: 'mrkdwn',
            text: clip(
              `${t(msg('digest.byType'))}\n${rows(digest.byType, (type) => t(msg('resourceType.label', { type })))}`,
              2000,
            ),
          },
        ],
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(`${t(msg('digest.newest'))}\n${newest}`, 3000) },
      },
      {
        type: 'actions',
        block_id: 'findings:list',
        elements: [
          {
            type: 'button',
            action_id: LIST_ACTION,
            text: { type: 'plain_text', text: t(msg('digest.list')) },
            value: listToken,
          },
        ],
      },
    ],
  };
}
