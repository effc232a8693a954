import * as z from 'zod/mini';
import { AppError } from './errors.js';
import { msg, slackTime } from './messages/index.js';
import { lazySchema, nonEmpty } from './schemas.js';
import { type SigningKeys, seal, unseal } from './sealed.js';

/** What a button may do, and where: everything the MAC binds. */
export interface ActionClaims {
  action: string;
  analyzerArn: string;
  findingId: string;
  /** Empty when the finding names no resource. */
  resource: string;
  channel: string;
  /** Unix seconds. */
  expiresAt: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
const PURPOSE = 'action';

const claimsSchema = lazySchema(() =>
  z.object({
    a: nonEmpty(),
    z: nonEmpty(),
    f: nonEmpty(),
    r: z.string(),
    c: nonEmpty(),
    e: z.int().check(z.positive()),
  }),
);

/** Signs a button value: `v1.<payload>.<mac>`, HMAC-SHA256, with the signer's key id inside. */
export function signActionToken(claims: ActionClaims, keys: SigningKeys): string {
  const { action: a, analyzerArn: z, findingId: f, resource: r, channel: c, expiresAt: e } = claims;
  return seal(PURPOSE, { a, z, f, r, c, e }, keys);
}

/** What the request says the button is for; the token must agree. */
export interface TokenExpectation {
  action: string;
  channel: string;
  /** The finding of the message the button sits in. */
  findingId: string;
  now: Date;
}

/** Verifies a button value; refuses a tampered, foreign-key, expired or misplaced token. */
export function verifyActionToken(token: string, keys: SigningKeys, expect: TokenExpectation): ActionClaims {
  const parsed = claimsSchema().safeParse(unseal(PURPOSE, token, keys));
  if (!parsed.success) {
    throw new AppError('token_invalid', msg('error.tokenInvalid'), { cause: parsed.error });
  }
  const { a, z: analyzerArn, f, r, c, e } = parsed.data;
  if (expect.now.getTime() >= e * 1000) {
    const at = new Date(e * 1000).toISOString();
    throw new AppError('token_expired', msg('error.tokenExpired', { at: slackTime(at) }), {
      cause: new Error(`expired ${at}`),
    });
  }
  if (a !== expect.action || c !== expect.channel || f !== expect.findingId) {
    throw new AppError('token_misplaced', msg('error.tokenMisplaced'), {
      cause: new Error(
        `token for ${a} on ${f} in ${c}, used for ${expect.action} on ${expect.findingId} in ${expect.channel}`,
      ),
    });
  }
  return { action: a, analyzerArn, findingId: f, resource: r, channel: c, expiresAt: e };
}
