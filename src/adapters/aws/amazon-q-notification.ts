import { type Finding, isPublicFinding, resourceName } from '../../domain/finding.js';
import { msg, type Translate } from '../../domain/messages/index.js';
import type { MirrorEvent } from '../../ports.js';

/**
 * Amazon Q Developer's custom notification format (docs: chatbot/latest/adminguide/custom-notifs):
 * `threadId` is the finding id, so an action's result threads under its finding.
 */
export interface CustomNotification {
  version: '1.0';
  source: 'custom';
  id: string;
  content: {
    textType: 'client-markdown';
    title: string;
    description: string;
    nextSteps?: string[];
    keywords?: string[];
  };
  metadata: {
    threadId: string;
    summary: string;
    eventType: string;
    relatedResources: string[];
    additionalContext: Record<string, string>;
    enableCustomActions: false;
  };
}

/** Amazon Q truncates long bodies; a description stays well under that. */
const DESCRIPTION_LIMIT = 1500;

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function pascal(text: string): string {
  return text.replace(/(^|[._-])(\w)/g, (_, _sep, c: string) => c.toUpperCase());
}

/** Formats a mirror event as a custom notification, in the app's locale. */
export function toCustomNotification(
  event: MirrorEvent,
  t: Translate,
  channel: string,
  time: string,
): CustomNotification {
  if (event.kind === 'finding') return findingNotification(event.finding, t, channel, time);
  const name = event.finding
    ? resourceName(event.finding)
    : event.resource.split(/[/:]/).pop() || event.findingId;
  const title = t(msg('amazonQ.outcome.title', { action: event.actionName, result: event.result, name }));
  return {
    version: '1.0',
    source: 'custom',
    id: `${event.findingId}:${event.action}:${time}`,
    content: {
      textType: 'client-markdown',
      title,
      description: clip(event.lines.map(t).join('\n'), DESCRIPTION_LIMIT),
    },
    metadata: {
      threadId: event.findingId,
      summary: title,
      eventType: `AccessFinding${pascal(event.action.replace(/^finding\./, ''))}${pascal(event.result)}`,
      relatedResources: [event.resource, event.analyzerArn].filter(Boolean),
      additionalContext: {
        findingId: event.findingId,
        action: event.action,
        result: event.result,
        actor: event.actor.name || event.actor.id,
        ...(event.finding ? { account: event.finding.ownerAccount, region: event.finding.region } : {}),
      },
      enableCustomActions: false,
    },
  };
}

function findingNotification(
  finding: Finding,
  t: Translate,
  channel: string,
  time: string,
): CustomNotification {
  const type = t(msg('resourceType.label', { type: finding.resourceType }));
  const name = resourceName(finding);
  const title = t(
    finding.kind === 'unused'
      ? msg('card.header.unused', { type, name })
      : msg('card.header.external', { type, name }),
  );
  const principals = Object.entries(finding.principal ?? {}).map(([k, v]) => `${k}: ${v}`);
  const description = t(
    msg('amazonQ.finding.description', {
      resource: finding.resource ?? finding.id,
      account: finding.ownerAccount,
      region: finding.region,
      principal: isPublicFinding(finding)
        ? t(msg('amazonQ.public'))
        : principals.join(', ') || t(msg('card.none')),
      actions: (finding.actions ?? []).join(', ') || t(msg('card.none')),
    }),
  );
  return {
    version: '1.0',
    source: 'custom',
    id: `${finding.id}:posted:${time}`,
    content: {
      textType: 'client-markdown',
      title,
      description: clip(description, DESCRIPTION_LIMIT),
      nextSteps: [
        t(msg('amazonQ.nextStep.slack', { channel })),
        t(msg('amazonQ.nextStep.show', { id: finding.id })),
      ],
      keywords: [
        finding.resourceType,
        finding.ownerAccount,
        finding.region,
        ...(isPublicFinding(finding) ? ['public'] : []),
      ],
    },
    metadata: {
      threadId: finding.id,
      summary: title,
      eventType: 'AccessFindingCreated',
      relatedResources: [finding.resource ?? '', finding.analyzerArn].filter(Boolean),
      additionalContext: {
        account: finding.ownerAccount,
        region: finding.region,
        findingId: finding.id,
        resourceType: finding.resourceType,
      },
      enableCustomActions: false,
    },
  };
}
