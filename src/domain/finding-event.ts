import * as z from 'zod';
import { parseAnalyzerArn } from './arn.js';
import { AppError } from './errors.js';
import type { Finding } from './finding.js';
import { msg } from './messages/index.js';

export const EXTERNAL_DETAIL_TYPE = 'Access Analyzer Finding';
export const UNUSED_DETAIL_TYPE = 'Unused Access Finding for IAM entities';

const stringMap = z.record(z.string(), z.string());

const envelope = z.object({
  id: z.string().min(1),
  source: z.literal('aws.access-analyzer'),
  account: z.string(),
  region: z.string(),
  time: z.string().optional(),
  resources: z.array(z.string()).min(1),
});

const common = {
  status: z.string().min(1),
  resourceType: z.string().min(1),
  resource: z.string().min(1).optional(),
  accountId: z.string().min(1),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  isDeleted: z.boolean().default(false),
  error: z.string().optional(),
};

const externalEvent = envelope.extend({
  'detail-type': z.literal(EXTERNAL_DETAIL_TYPE),
  detail: z.object({
    ...common,
    id: z.string().min(1),
    region: z.string().min(1).optional(),
    principal: stringMap.optional(),
    action: z.array(z.string()).optional(),
    condition: stringMap.optional(),
    isPublic: z.boolean().optional(),
  }),
});

const unusedEvent = envelope.extend({
  'detail-type': z.literal(UNUSED_DETAIL_TYPE),
  detail: z.object({
    ...common,
    findingId: z.string().min(1),
    region: z.string().min(1).optional(),
    findingType: z.string().optional(),
  }),
});

const findingEvent = z.discriminatedUnion('detail-type', [externalEvent, unusedEvent]);

/** A finding as an EventBridge event delivered it. */
export interface FindingEvent {
  eventId: string;
  finding: Finding;
}

/** Validates an EventBridge event from Access Analyzer and turns it into a domain finding. */
export function parseFindingEvent(input: unknown): FindingEvent {
  const parsed = findingEvent.safeParse(input);
  if (!parsed.success) {
    throw new AppError('event_invalid', msg('error.eventInvalid'), { cause: parsed.error });
  }
  const event = parsed.data;
  const analyzerArn = event.resources[0] ?? '';
  const analyzer = parseAnalyzerArn(analyzerArn);
  if (!analyzer) {
    throw new AppError('event_invalid', msg('error.eventInvalid'), {
      cause: new Error(`resources[0] is not an analyzer ARN: ${analyzerArn}`),
    });
  }
  const d = event.detail;
  const base = {
    analyzerArn,
    status: d.status,
    resourceType: d.resourceType,
    resource: d.resource,
    ownerAccount: d.accountId,
    // Unused-access events carry no region; the analyzer's Region is where the finding lives.
    region: d.region ?? analyzer.region,
    isDeleted: d.isDeleted,
    error: d.error,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
  const finding: Finding =
    event['detail-type'] === EXTERNAL_DETAIL_TYPE
      ? {
          ...base,
          kind: 'external',
          id: event.detail.id,
          principal: event.detail.principal,
          actions: event.detail.action,
          condition: event.detail.condition,
          isPublic: event.detail.isPublic,
        }
      : { ...base, kind: 'unused', id: event.detail.findingId, findingType: event.detail.findingType };
  return { eventId: event.id, finding: dropUndefined(finding) };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** True when the event announces a finding that is open now (not archived, resolved or deleted). */
export function isNewlyOpen(event: FindingEvent): boolean {
  return event.finding.status === 'ACTIVE' && !event.finding.isDeleted;
}
