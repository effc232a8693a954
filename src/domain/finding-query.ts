import * as z from 'zod/mini';
import { lazySchema, nonEmpty } from './schemas.js';

/** What a person may filter findings on, as `/access-findings list` reads it. */
export interface FindingFilters {
  /** A full resource type (`AWS::IAM::Role`). */
  resourceType?: string;
  account?: string;
  /** An account id or any fragment of a principal ARN. */
  principal?: string;
  /** A fragment of the resource ARN (its name, usually). */
  resource?: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'RESOLVED';
}

export const findingFiltersSchema = lazySchema(() =>
  z.object({
    resourceType: z.optional(z.string()),
    account: z.optional(z.string()),
    principal: z.optional(z.string()),
    resource: z.optional(z.string()),
    status: z.enum(['ACTIVE', 'ARCHIVED', 'RESOLVED']),
  }),
);

/** Where a listing continues: which analyzer (by position) and Access Analyzer's token within it. */
export interface ListCursor {
  analyzer: number;
  token?: string;
}

export const listCursorSchema = lazySchema(() =>
  z.object({ analyzer: z.int().check(z.gte(0)), token: z.optional(z.string()) }),
);

/** A question asked with `/access-findings`. */
export type FindingQuery =
  | { kind: 'list'; filters: FindingFilters; cursor?: ListCursor; page?: number }
  | { kind: 'show'; findingId: string }
  | { kind: 'stats'; filters: FindingFilters };

export const findingQuerySchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('list'),
      filters: findingFiltersSchema(),
      cursor: z.optional(listCursorSchema()),
      page: z.optional(z.int().check(z.gte(1))),
    }),
    z.object({ kind: z.literal('show'), findingId: nonEmpty() }),
    z.object({ kind: z.literal('stats'), filters: findingFiltersSchema() }),
  ]),
);

/** Findings per page of `list`: ten compact entries keep a message far inside Slack's 50 blocks. */
export const PAGE_SIZE = 10;
