import * as z from 'zod';

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

export const findingFiltersSchema = z.object({
  resourceType: z.string().optional(),
  account: z.string().optional(),
  principal: z.string().optional(),
  resource: z.string().optional(),
  status: z.enum(['ACTIVE', 'ARCHIVED', 'RESOLVED']),
});

/** Where a listing continues: which analyzer (by position) and Access Analyzer's token within it. */
export interface ListCursor {
  analyzer: number;
  token?: string;
}

export const listCursorSchema = z.object({ analyzer: z.number().int().min(0), token: z.string().optional() });

/** A question asked with `/access-findings`. */
export type FindingQuery =
  | { kind: 'list'; filters: FindingFilters; cursor?: ListCursor; page?: number }
  | { kind: 'show'; findingId: string }
  | { kind: 'stats'; filters: FindingFilters };

export const findingQuerySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('list'),
    filters: findingFiltersSchema,
    cursor: listCursorSchema.optional(),
    page: z.number().int().min(1).optional(),
  }),
  z.object({ kind: z.literal('show'), findingId: z.string().min(1) }),
  z.object({ kind: z.literal('stats'), filters: findingFiltersSchema }),
]);

/** Findings per page of `list`: ten compact entries keep a message far inside Slack's 50 blocks. */
export const PAGE_SIZE = 10;
