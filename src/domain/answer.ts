import type { FindingCard } from './card.js';
import type { Finding } from './finding.js';
import type { FindingFilters, ListCursor } from './finding-query.js';
import type { Msg } from './messages/index.js';

/** A finding as a list shows it: what Access Analyzer's list call returns, without the details. */
export interface FindingSummary {
  id: string;
  analyzerArn: string;
  status: string;
  resourceType: string;
  resource?: string;
  ownerAccount: string;
  createdAt?: string;
  /** Set on unused-access findings. */
  findingType?: string;
}

/** The summary of a finding, as Access Analyzer's list call would give it. */
export function findingSummary(f: Finding): FindingSummary {
  return {
    id: f.id,
    analyzerArn: f.analyzerArn,
    status: f.status,
    resourceType: f.resourceType,
    ...(f.resource ? { resource: f.resource } : {}),
    ownerAccount: f.ownerAccount,
    ...(f.createdAt ? { createdAt: f.createdAt } : {}),
    ...(f.findingType ? { findingType: f.findingType } : {}),
  };
}

/** What `/access-findings` answers, before a chat renders it. Always ephemeral. */
export type Answer =
  | { kind: 'text'; lines: Msg[] }
  | {
      kind: 'list';
      filters: FindingFilters;
      page: number;
      /** Position of the first item among all results (1-based). */
      from: number;
      /** Full cards: the same buttons as a notification, shown compactly. */
      items: FindingCard[];
      next?: ListCursor;
    }
  | { kind: 'show'; card: FindingCard }
  | {
      kind: 'stats';
      filters: FindingFilters;
      total: number;
      byType: Array<[string, number]>;
      byAccount: Array<[string, number]>;
      oldest?: FindingSummary;
    };

/** A burst's summary message: counts and the newest few; every finding is listed in its thread. */
export interface DigestCard {
  total: number;
  byAccount: Array<[string, number]>;
  byType: Array<[string, number]>;
  newest: FindingSummary[];
}
