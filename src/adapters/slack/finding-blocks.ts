import type { CardButton, FindingCard } from '../../domain/card.js';
import { type Finding, isPublicFinding, resourceName } from '../../domain/finding.js';
import { msg, slackTime, type Translate } from '../../domain/messages/index.js';

/** Slack's Block Kit limits that the renderer keeps to (docs.slack.dev/reference/block-kit). */
const LIMITS = {
  header: 150,
  field: 2000,
  sectionText: 3000,
  fields: 10,
  context: 10,
  buttonText: 75,
} as const;
const CONFIRM = { title: 100, text: 300, button: 30 } as const;

/** Prefix of the actions block id; the rest is the finding id, so a press names its finding. */
export const FINDING_BLOCK_PREFIX = 'finding:';

/** Cuts text to a Slack limit, marking the cut. */
export function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Inline code, safe against backticks inside. */
export function code(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}

/** A rendered message: fallback text (notifications, screen readers) and blocks. */
export interface RenderedMessage {
  text: string;
  // Block Kit is plain JSON; the Web API client types accept any block shape.
  blocks: Array<Record<string, unknown>>;
}

/** Renders a finding card as Block Kit; `tokenFor` signs each button's value for this channel. */
export function renderCard(
  card: FindingCard,
  t: Translate,
  tokenFor: (action: string) => string,
): RenderedMessage {
  const { finding } = card;
  const { type, name, text: header } = headerOf(finding, t);

  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: clip(header, LIMITS.header), emoji: true } },
    { type: 'section', fields: fields(finding, t).slice(0, LIMITS.fields) },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: clip(card.status.map(t).join('\n'), LIMITS.sectionText) }],
    },
  ];
  if (card.notes.length > 0) {
    blocks.push({
      type: 'context',
      elements: card.notes
        .slice(0, LIMITS.context)
        .map((n) => ({ type: 'mrkdwn', text: clip(t(n), LIMITS.sectionText) })),
    });
  }
  const actions = actionsBlock(card, t, tokenFor);
  if (actions) blocks.push(actions);
  const text = t(msg('card.fallback', { type, name, account: finding.ownerAccount }));
  return { text, blocks };
}

/** The card's buttons as an actions block whose id names the finding; undefined when it has none. */
export function actionsBlock(
  card: FindingCard,
  t: Translate,
  tokenFor: (action: string) => string,
): Record<string, unknown> | undefined {
  if (card.buttons.length === 0) return undefined;
  return {
    type: 'actions',
    block_id: clip(`${FINDING_BLOCK_PREFIX}${card.finding.id}`, 255),
    elements: card.buttons.map((b) => button(b, t, tokenFor(b.action))),
  };
}

/** The header line of a finding: what is exposed, named for people. */
export function headerOf(finding: Finding, t: Translate): { type: string; name: string; text: string } {
  const type = t(msg('resourceType.label', { type: finding.resourceType }));
  const name = resourceName(finding);
  const header = finding.error
    ? msg('card.header.error', { type, name })
    : finding.kind === 'unused'
      ? msg('card.header.unused', { type, name })
      : msg('card.header.external', { type, name });
  return { type, name, text: t(header) };
}

/** Who may access, as the card's field shows it ("public" first when anyone may). */
export function principalText(finding: Finding, t: Translate): string {
  const principals = Object.entries(finding.principal ?? {}).map(
    ([kind, value]) => `${kind}: ${code(value)}`,
  );
  return isPublicFinding(finding)
    ? [t(msg('card.principal.public')), ...principals].join('\n')
    : principals.join('\n') || t(msg('card.none'));
}

function fields(finding: Finding, t: Translate): Array<Record<string, unknown>> {
  const field = (label: string, value: string) => ({
    type: 'mrkdwn',
    text: clip(`*${label}*\n${value}`, LIMITS.field),
  });
  const none = t(msg('card.none'));
  const out = [
    field(t(msg('card.field.resource')), finding.resource ? code(finding.resource) : t(msg('card.unknown'))),
    field(t(msg('card.field.account')), finding.ownerAccount),
    field(t(msg('card.field.region')), finding.region),
  ];
  if (finding.error) out.push(field(t(msg('card.field.error')), code(finding.error)));
  if (finding.kind === 'unused') {
    out.push(
      field(
        t(msg('card.field.findingType')),
        finding.findingType ? code(finding.findingType) : t(msg('card.unknown')),
      ),
    );
  }
  if (finding.kind === 'external' && !finding.error) {
    const principals = Object.entries(finding.principal ?? {}).map(
      ([kind, value]) => `${kind}: ${code(value)}`,
    );
    const principal = isPublicFinding(finding)
      ? [t(msg('card.principal.public')), ...principals].join('\n')
      : principals.join('\n') || none;
    out.push(field(t(msg('card.field.principal')), principal));
    out.push(field(t(msg('card.field.actions')), (finding.actions ?? []).map(code).join(', ') || none));
    const conditions = Object.entries(finding.condition ?? {}).map(([k, v]) => `${code(k)} = ${code(v)}`);
    out.push(field(t(msg('card.field.conditions')), conditions.join('\n') || none));
  }
  out.push(
    field(
      t(msg('card.field.foundAt')),
      finding.createdAt ? slackTime(finding.createdAt) : t(msg('card.unknown')),
    ),
  );
  out.push(field(t(msg('card.field.findingId')), code(finding.id)));
  out.push(field(t(msg('card.field.analyzer')), code(finding.analyzerArn)));
  return out;
}

function button(b: CardButton, t: Translate, value: string): Record<string, unknown> {
  const element: Record<string, unknown> = {
    type: 'button',
    action_id: b.action,
    text: { type: 'plain_text', text: clip(t(b.label), LIMITS.buttonText), emoji: true },
    value,
  };
  if (b.style) element.style = b.style;
  if (b.confirm) {
    element.confirm = {
      title: { type: 'plain_text', text: clip(t(b.confirm.title), CONFIRM.title) },
      text: { type: 'mrkdwn', text: clip(t(b.confirm.text), CONFIRM.text) },
      confirm: { type: 'plain_text', text: clip(t(b.confirm.yes), CONFIRM.button) },
      deny: { type: 'plain_text', text: clip(t(b.confirm.no), CONFIRM.button) },
      ...(b.style === 'danger' ? { style: 'danger' } : {}),
    };
  }
  return element;
}
