import { type FindingEvent, isNewlyOpen } from '../domain/finding-event.js';
import type { Chat, Log, Mirror } from '../ports.js';
import type { CardBuilder } from './card.js';

export interface NotifyDeps {
  chat: Chat;
  /** Amazon Q Developer, when configured. */
  mirror?: Mirror;
  channel: string;
  buildCard: CardBuilder;
  log: Log;
}

/** The findings path for one event: a newly open finding becomes a channel message; others are logged. */
export function makeNotifyFinding(deps: NotifyDeps): (event: FindingEvent) => Promise<'posted' | 'ignored'> {
  const { chat, channel, buildCard, mirror, log } = deps;
  return async (event) => {
    const { finding } = event;
    const fields = { eventId: event.eventId, findingId: finding.id, analyzerArn: finding.analyzerArn };
    if (!isNewlyOpen(event)) {
      log.info('finding event not posted: not a newly open finding', {
        ...fields,
        status: finding.status,
        isDeleted: finding.isDeleted,
      });
      return 'ignored';
    }
    const ref = await chat.postCard(channel, buildCard(finding));
    log.info('finding posted', { ...fields, channel: ref.channel, ts: ref.ts });
    await mirror?.publish({ kind: 'finding', finding });
    return 'posted';
  };
}
