import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Audit, AuditEvent, Log } from '../../ports.js';

export const AUDIT_SOURCE = 'access-findings';
export const AUDIT_DETAIL_TYPE = 'Finding Action';

/** Publishes audit events to an EventBridge bus. Never throws: a lost audit event is logged, not fatal. */
export class EventBridgeAudit implements Audit {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly log: Log,
  ) {}

  async record(event: AuditEvent): Promise<void> {
    try {
      const answer = await this.client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.busName,
              Source: AUDIT_SOURCE,
              DetailType: AUDIT_DETAIL_TYPE,
              Detail: JSON.stringify(event),
              Time: new Date(event.time),
            },
          ],
        }),
      );
      if (answer.FailedEntryCount) {
        const entry = answer.Entries?.[0];
        throw new Error(`PutEvents rejected the entry: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
      }
    } catch (error) {
      this.log.error('audit event not published', { event, error });
    }
  }
}
