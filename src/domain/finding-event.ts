import * as z from 'zod/mini';
import { parseAnalyzerArn } from './arn.js';
import { AppError } from './errors.js';
import type { Finding } from './finding.js';
import { msg } from './messages/index.js';
import { lazySchema, nonEmpty } from './schemas.js';

export const EXTERNAL_DETAIL_TYPE = 'Access Analyzer Finding';
export const UNUSED_DETAIL_TYPE = 'Unused Access Finding for IAM entities';

const findingEvent = lazySchema(() => {
  const stringMap = z.record(z.string(), z.string());

  const envelope = z.object({
    id: nonEmpty(),
    source: z.literal('aws.access-analyzer'),
    account: z.string(),
    region: z.string(),
    time: z.optional(z.string()),
    resources: z.array(z.string()).check(z.minLength(1)),
  });

  const common = {
    status: nonEmpty(),
    resourceType: nonEmpty(),
    resource: z.optional(nonEmpty()),
    accountId: nonEmpty(),
    createdAt: z.optional(z.string()),
    updatedAt: z.optional(z.string()),
    isDeleted: z._default(z.boolean(), false),
    error: z.optional(z.string()),
  };

  const externalEvent = z.extend(envelope, {
    'detail-type': z.literal(EXTERNAL_DETAIL_TYPE),
    detail: z.object({
      ...common,
      id: nonEmpty(),
      region: z.optional(nonEmpty()),
      principal: z.optional(stringMap),
      action: z.optional(z.array(z.string())),
      condition: z.optional(stringMap),
      isPublic: z.optional(z.boolean()),
    }),
  });

  const unusedEvent = z.extend(envelope, {
    'detail-type': z.literal(UNUSED_DETAIL_TYPE),
    detail: z.object({
      ...common,
      findingId: nonEmpty(),
      region: z.optional(nonEmpty()),
      findingType: z.optional(z.string()),
    }),
  });

  return z.discriminatedUnion('detail-type', [externalEvent, unusedEvent]);
});

/** A finding as an EventBridge event delivered it. */
export interface FindingEvent {
  eventId: string;
  finding: Finding;
}

/** Validates an EventBridge event from Access Analyzer and turns it into a domain finding. */
export function parseFindingEvent(input: unknown): FindingEvent {
  const parsed = findingEvent().safeParse(input);
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
