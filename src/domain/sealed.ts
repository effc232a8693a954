import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.js';
import { msg } from './messages/index.js';

/** One HMAC key, named by an id derived from it so that rotation needs no naming scheme. */
export interface SigningKey {
  id: string;
  secret: Buffer;
}

/** The key that signs, and every key that still verifies (the signer included). */
export interface SigningKeys {
  signer: SigningKey;
  verifiers: ReadonlyMap<string, SigningKey>;
}

export const MIN_SECRET_LENGTH = 32;

/** Builds the key set from secrets, newest first: the first signs, all verify. */
export function signingKeys(secrets: readonly string[]): SigningKeys {
  if (secrets.length === 0) throw new Error('at least one signing secret is required');
  const keys = secrets.map((secret) => {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`signing secrets must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    const id = createHmac('sha256', secret).update('access-findings key id').digest('hex').slice(0, 8);
    return { id, secret: Buffer.from(secret, 'utf8') };
  });
  return { signer: keys[0] as SigningKey, verifiers: new Map(keys.map((k) => [k.id, k])) };
}

const VERSION = 'v1';

function mac(key: SigningKey, purpose: string, payload: string): string {
  return createHmac('sha256', key.secret).update(`${purpose}.${VERSION}.${payload}`).digest('base64url');
}

/**
 * Seals a JSON object as `v1.<payload>.<mac>`. The purpose is part of the MAC, so a value sealed for
 * one use (a button) can never be accepted for another (a job).
 */
export function seal(purpose: string, body: object, keys: SigningKeys): string {
  const payload = Buffer.from(JSON.stringify({ k: keys.signer.id, ...body }), 'utf8').toString('base64url');
  return `${VERSION}.${payload}.${mac(keys.signer, purpose, payload)}`;
}

/** Opens a sealed value, checking its MAC in constant time; throws `token_invalid` otherwise. */
export function unseal(purpose: string, sealed: string, keys: SigningKeys): Record<string, unknown> {
  const invalid = (why: string) =>
    new AppError('token_invalid', msg('error.tokenInvalid'), { cause: new Error(why) });
  const parts = sealed.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) throw invalid('not a v1 sealed value');
  const [, payload = '', given = ''] = parts;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (error) {
    throw invalid(`payload is not JSON: ${String(error)}`);
  }
  if (typeof body !== 'object' || body === null || typeof (body as { k?: unknown }).k !== 'string') {
    throw invalid('payload has no key id');
  }
  const key = keys.verifiers.get((body as { k: string }).k);
  if (!key) throw invalid(`unknown key id ${(body as { k: string }).k}`);
  const expected = Buffer.from(mac(key, purpose, payload), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalid('MAC mismatch');
  return body as Record<string, unknown>;
}
