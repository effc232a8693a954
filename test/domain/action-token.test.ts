import { describe, expect, it } from 'vitest';
import { type ActionClaims, signActionToken, verifyActionToken } from '../../src/domain/action-token.js';
import { signingKeys } from '../../src/domain/sealed.js';
import { codeOf } from '../support/code-of.js';

const OLD = 'old-secret-old-secret-old-secret-0001';
const NEW = 'new-secret-new-secret-new-secret-0002';
const now = new Date('2025-03-04T11:00:00Z');
const claims: ActionClaims = {
  action: 'finding.isolate',
  analyzerArn: 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org-external',
  findingId: '8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a2b',
  resource: 'arn:aws:iam::444455556666:role/deploy/ci/VendorDeployRole',
  channel: 'C0123456789',
  expiresAt: Math.floor(now.getTime() / 1000) + 3600,
};
const expect_ = { action: claims.action, channel: claims.channel, findingId: claims.findingId, now };

describe('action tokens', () => {
  const keys = signingKeys([NEW]);

  it('round-trips the claims', () => {
    const token = signActionToken(claims, keys);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyActionToken(token, keys, expect_)).toEqual(claims);
  });

  it('refuses a token with any single byte changed', () => {
    const token = signActionToken(claims, keys);
    for (const i of [3, 10, Math.floor(token.length / 2), token.length - 2]) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + c + token.slice(i + 1);
      expect(codeOf(() => verifyActionToken(tampered, keys, expect_))).toBe('token_invalid');
    }
  });

  it('refuses a token whose payload was re-signed by someone without the key', () => {
    const token = signActionToken(claims, signingKeys(['attacker-attacker-attacker-attacker-9']));
    expect(codeOf(() => verifyActionToken(token, keys, expect_))).toBe('token_invalid');
  });

  it('refuses a token for another channel, action or finding', () => {
    const token = signActionToken(claims, keys);
    expect(codeOf(() => verifyActionToken(token, keys, { ...expect_, channel: 'C0OTHER' }))).toBe(
      'token_misplaced',
    );
    expect(codeOf(() => verifyActionToken(token, keys, { ...expect_, action: 'finding.archive' }))).toBe(
      'token_misplaced',
    );
    expect(codeOf(() => verifyActionToken(token, keys, { ...expect_, findingId: 'other' }))).toBe(
      'token_misplaced',
    );
  });

  it('refuses an expired token, and accepts it one second before', () => {
    const token = signActionToken(claims, keys);
    const atExpiry = new Date(claims.expiresAt * 1000);
    expect(codeOf(() => verifyActionToken(token, keys, { ...expect_, now: atExpiry }))).toBe('token_expired');
    const before = new Date(claims.expiresAt * 1000 - 1000);
    expect(codeOf(() => verifyActionToken(token, keys, { ...expect_, now: before }))).toBe('accepted');
  });

  it('refuses an unknown key id, and accepts rotated keys while they are listed', () => {
    const oldToken = signActionToken(claims, signingKeys([OLD]));
    expect(codeOf(() => verifyActionToken(oldToken, signingKeys([NEW]), expect_))).toBe('token_invalid');
    expect(codeOf(() => verifyActionToken(oldToken, signingKeys([NEW, OLD]), expect_))).toBe('accepted');
    const newToken = signActionToken(claims, signingKeys([NEW, OLD]));
    expect(codeOf(() => verifyActionToken(newToken, signingKeys([NEW]), expect_))).toBe('accepted');
  });

  it('refuses garbage', () => {
    for (const garbage of [
      '',
      'v1',
      'v2.a.b',
      'v1.!!!.x',
      `v1.${Buffer.from('{"k":1}').toString('base64url')}.x`,
    ]) {
      expect(codeOf(() => verifyActionToken(garbage, keys, expect_))).toBe('token_invalid');
    }
  });

  it('refuses short secrets', () => {
    expect(() => signingKeys(['short'])).toThrow(/at least 32/);
  });

  it('fits in a Slack button value even for a long role path', () => {
    const long = { ...claims, resource: `arn:aws:iam::444455556666:role/${'p/'.repeat(250)}R` };
    expect(signActionToken(long, keys).length).toBeLessThanOrEqual(2000);
  });
});
