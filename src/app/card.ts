import type { CardButton, FindingCard } from '../domain/card.js';
import { type Finding, findingRole } from '../domain/finding.js';
import { isolationFromTags } from '../domain/isolation.js';
import { type Msg, msg, slackTime } from '../domain/messages/index.js';
import type { Iam, Log } from '../ports.js';
import type { ActionRegistry } from './actions/registry.js';
import type { ActionSettings, CardFacts } from './actions/types.js';

/** Builds what a finding message shows from the finding and what the app knows about it. */
export type CardBuilder = (finding: Finding, facts?: CardFacts) => FindingCard;

/** Returns a card builder for the registered actions and settings. */
export function makeCardBuilder(actions: ActionRegistry, settings: ActionSettings): CardBuilder {
  return (finding, facts = {}) => {
    const buttons: CardButton[] = [];
    const notes: Msg[] = [];
    // While a job runs, no button: a second press would only race the first.
    if (!facts.working) {
      for (const action of actions.values()) {
        const offer = action.offer(finding, facts, settings);
        if (offer && 'button' in offer) buttons.push(offer.button);
        else if (offer) notes.push(offer.withheld);
      }
    }
    return { finding, status: statusLines(finding, facts, actions), buttons, notes };
  };
}

function statusLines(finding: Finding, facts: CardFacts, actions: ActionRegistry): Msg[] {
  const lines: Msg[] = [];
  if (facts.working) {
    const action = actions.get(facts.working.action)?.name ?? facts.working.action;
    lines.push(msg('card.status.working', { action, user: facts.working.userId }));
  }
  const isolation = facts.isolation;
  if (isolation) {
    const by = isolation.byUserId ? `<@${isolation.byUserId}>` : msg('who.unknown');
    const at = isolation.at ? slackTime(isolation.at) : msg('time.unknown');
    lines.push(
      isolation.method === 'inline'
        ? msg('card.status.isolatedInline', { by, at, policy: isolation.policy })
        : msg('card.status.isolatedManaged', { by, at }),
    );
  }
  if (finding.isDeleted) lines.push(msg('card.status.deleted'));
  else if (finding.status === 'ARCHIVED' && facts.archivedBy) {
    lines.push(
      msg('card.status.archivedBy', { user: facts.archivedBy.userId, at: slackTime(facts.archivedBy.at) }),
    );
  } else if (finding.status !== 'ACTIVE') lines.push(msg('card.status.finding', { status: finding.status }));
  else if (lines.length === 0) lines.push(msg('card.status.open'));
  return lines;
}

/** Reads what IAM records about a role finding (its isolation), so a redrawn message stays true. */
export async function loadFacts(finding: Finding, iam: Iam, log: Log): Promise<CardFacts> {
  const role = findingRole(finding);
  if (!role || role.serviceLinked) return {};
  try {
    const current = await iam.getRole(role.name);
    const isolation = current && current.arn === role.arn ? isolationFromTags(current.tags) : undefined;
    return isolation ? { isolation } : {};
  } catch (error) {
    log.warn('could not read role tags for the message', { role: role.arn, error });
    return {};
  }
}
