import { describe, expect, it } from 'vitest';
import {
  denyAllPolicy,
  isDenyAllPolicy,
  isolationFromTags,
  isolationTags,
} from '../../src/domain/isolation.js';

describe('isolation policy', () => {
  it('denies every action on every resource, unconditionally', () => {
    expect(denyAllPolicy()).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AccessFindingsDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }],
    });
    expect(isDenyAllPolicy(denyAllPolicy())).toBe(true);
  });

  it('recognises its own policy in the array form IAM may return', () => {
    expect(
      isDenyAllPolicy({
        Version: '2012-10-17',
        Statement: [{ Sid: 'AccessFindingsDenyAll', Effect: 'Deny', Action: ['*'], Resource: ['*'] }],
      }),
    ).toBe(true);
  });

  it('does not mistake another policy of the same name for its own', () => {
    expect(
      isDenyAllPolicy({
        Statement: [{ Sid: 'AccessFindingsDenyAll', Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    ).toBe(false);
    expect(isDenyAllPolicy({ Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] })).toBe(false);
    expect(
      isDenyAllPolicy({
        Statement: [
          {
            Sid: 'AccessFindingsDenyAll',
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { Bool: { x: 'y' } },
          },
        ],
      }),
    ).toBe(false);
    expect(isDenyAllPolicy('nope')).toBe(false);
  });
});

describe('isolation tags', () => {
  it('round-trips through tags, replacing characters IAM refuses', () => {
    const record = {
      method: 'inline' as const,
      policy: 'AccessFindingsDenyAll',
      byUserId: 'U0ALICE',
      byName: 'alice (sec) <ops>',
      at: '2025-03-04T11:00:00.000Z',
      findingId: '8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a2b',
    };
    const tags = isolationTags(record);
    for (const value of Object.values(tags)) expect(value).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
    expect(isolationFromTags(tags)).toEqual({ ...record, byName: 'alice _sec_ _ops_' });
  });

  it('reads nothing from a role without our tags', () => {
    expect(isolationFromTags({ team: 'x' })).toBeUndefined();
    expect(isolationFromTags({ 'access-findings:isolation': 'bogus' })).toBeUndefined();
  });
});
