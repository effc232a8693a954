import * as z from 'zod/mini';
import { AppError } from './errors.js';
import {
  type FindingFilters,
  findingFiltersSchema,
  type ListCursor,
  listCursorSchema,
} from './finding-query.js';
import { msg, slackTime } from './messages/index.js';
import { lazySchema, nonEmpty } from './schemas.js';
import { type SigningKeys, seal, unseal } from './sealed.js';

/** What a "Next page" button carries: the filters, where the listing continues, and where it may be pressed. */
export interface PageClaims {
  filters: FindingFilters;
  cursor: ListCursor;
  page: number;
  channel: string;
  /** Unix seconds. */
  expiresAt: number;
}

const PURPOSE = 'page';
const schema = lazySchema(() =>
  z.object({
    f: findingFiltersSchema(),
    c: listCursorSchema(),
    p: z.int().check(z.gte(1)),
    ch: nonEmpty(),
    e: z.int().check(z.positive()),
  }),
);

/** Signs a "Next page" button value (same format and keys as action tokens, another purpose). */
export function signPageToken(claims: PageClaims, keys: SigningKeys): string {
  return seal(
    PURPOSE,
    { f: claims.filters, c: claims.cursor, p: claims.page, ch: claims.channel, e: claims.expiresAt },
    keys,
  );
}

/** Verifies a "Next page" value pressed in `channel`; refuses a tampered, foreign, expired or misplaced one. */
export function verifyPageToken(token: string, keys: SigningKeys, channel: string, now: Date): PageClaims {
  const parsed = schema().safeParse(unseal(PURPOSE, token, keys));
  if (!parsed.success)
    throw new AppError('token_invalid', msg('error.tokenInvalid'), { cause: parsed.error });
  const { f, c, p, ch, e } = parsed.data;
  if (now.getTime() >= e * 1000) {
    const at = new Date(e * 1000).toISOString();
    throw new AppError('token_expired', msg('error.tokenExpired', { at: slackTime(at) }));
  }
  if (ch !== channel) {
    throw new AppError('token_misplaced', msg('error.tokenMisplaced'), {
      cause: new Error(`page token for ${ch} used in ${channel}`),
    });
  }
  return { filters: f as FindingFilters, cursor: c as ListCursor, page: p, channel: ch, expiresAt: e };
}
