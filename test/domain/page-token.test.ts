import { describe, expect, it } from 'vitest';
import { type PageClaims, signPageToken, verifyPageToken } from '../../src/domain/page-token.js';
import { signingKeys } from '../../src/domain/sealed.js';
import { codeOf } from '../support/code-of.js';

const keys = signingKeys(['page-key-page-key-page-key-page-key-01']);
const now = new Date('2025-03-04T11:00:00Z');
const claims: PageClaims = {
  filters: { status: 'ACTIVE', resourceType: 'AWS::IAM::Role' },
  cursor: { analyzer: 1, token: 'opaque-next-token' },
  page: 3,
  channel: 'C0FINDINGS',
  expiresAt: Math.floor(now.getTime() / 1000) + 60,
};

describe('"Next page" tokens', () => {
  it('carry the filters and the cursor', () => {
    expect(verifyPageToken(signPageToken(claims, keys), keys, 'C0FINDINGS', now)).toEqual(claims);
  });

  it('refuse another channel, a tampered value, another key and an expired one', () => {
    const token = signPageToken(claims, keys);
    expect(codeOf(() => verifyPageToken(token, keys, 'C0OTHER', now))).toBe('token_misplaced');
    expect(
      codeOf(() => verifyPageToken(`${token.slice(0, 8)}x${token.slice(9)}`, keys, 'C0FINDINGS', now)),
    ).toBe('token_invalid');
    expect(
      codeOf(() =>
        verifyPageToken(signPageToken(claims, signingKeys(['y'.repeat(40)])), keys, 'C0FINDINGS', now),
      ),
    ).toBe('token_invalid');
    expect(codeOf(() => verifyPageToken(token, keys, 'C0FINDINGS', new Date(claims.expiresAt * 1000)))).toBe(
      'token_expired',
    );
  });
});
