import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../src/domain/errors.js';
import { findingRole, isPublicFinding } from '../../src/domain/finding.js';
import { isNewlyOpen, parseFindingEvent } from '../../src/domain/finding-event.js';

const dir = join(import.meta.dirname, '../fixtures/events');
const fixture = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('parseFindingEvent', () => {
  it.each(readdirSync(dir))('parses fixture %s', (name) => {
    const { finding } = parseFindingEvent(fixture(name));
    expect(finding.analyzerArn).toMatch(/^arn:aws:access-analyzer:eu-west-1:111122223333:analyzer\//);
    expect(finding.ownerAccount).toBe('444455556666');
    expect(finding.region).toBe('eu-west-1');
  });

  it('reads an external finding with conditions', () => {
    const event = parseFindingEvent(fixture('external-with-condition.json'));
    expect(event.eventId).toBe('0b7c2f0e-5a41-4c1e-9e55-2f1d2a3b4c01');
    expect(event.finding).toMatchObject({
      kind: 'external',
      id: '8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a01',
      status: 'ACTIVE',
      principal: { AWS: 'arn:aws:iam::999988887777:root' },
      actions: ['sts:AssumeRole'],
      condition: { 'sts:ExternalId': 'vendor-42' },
      isDeleted: false,
    });
    expect(isNewlyOpen(event)).toBe(true);
  });

  it('reads an external finding without conditions', () => {
    expect(parseFindingEvent(fixture('external-no-condition.json')).finding.condition).toEqual({});
  });

  it('marks a * principal as public', () => {
    expect(isPublicFinding(parseFindingEvent(fixture('public-principal.json')).finding)).toBe(true);
    expect(isPublicFinding(parseFindingEvent(fixture('external-no-condition.json')).finding)).toBe(false);
  });

  it('tolerates an error finding with no principal or action', () => {
    const { finding } = parseFindingEvent(fixture('error-finding.json'));
    expect(finding).toMatchObject({ error: 'ACCESS_DENIED', resourceType: 'AWS::KMS::Key' });
    expect(finding.principal).toBeUndefined();
    expect(finding.actions).toBeUndefined();
  });

  it('finds the role name behind a path', () => {
    expect(findingRole(parseFindingEvent(fixture('role-with-path.json')).finding)?.name).toBe('CiDeployRole');
  });

  it('keeps resource types as open strings (S3 bucket)', () => {
    const { finding } = parseFindingEvent(fixture('s3-bucket.json'));
    expect(finding.resourceType).toBe('AWS::S3::Bucket');
    expect(findingRole(finding)).toBeUndefined();
  });

  it('reads unused-access findings by findingId, with the analyzer Region', () => {
    const { finding } = parseFindingEvent(fixture('unused-access.json'));
    expect(finding).toMatchObject({
      kind: 'unused',
      id: '2f9e8d7c-6b5a-4a39-8281-706f5e4d3c2b',
      findingType: 'UnusedIAMRole',
    });
  });

  it('does not treat deleted or archived findings as newly open', () => {
    expect(isNewlyOpen(parseFindingEvent(fixture('deleted.json')))).toBe(false);
    expect(isNewlyOpen(parseFindingEvent(fixture('archived.json')))).toBe(false);
  });

  it('accepts an unknown new resource type', () => {
    const event = fixture('s3-bucket.json');
    event.detail.resourceType = 'AWS::Future::Thing';
    expect(parseFindingEvent(event).finding.resourceType).toBe('AWS::Future::Thing');
  });

  it('defaults isDeleted to false when absent', () => {
    const event = fixture('external-with-condition.json');
    delete event.detail.isDeleted;
    expect(parseFindingEvent(event).finding.isDeleted).toBe(false);
  });

  it.each([
    ['another source', (e: Record<string, any>) => (e.source = 'aws.s3')],
    ['no analyzer ARN', (e: Record<string, any>) => (e.resources = [])],
    ['a non-analyzer resource', (e: Record<string, any>) => (e.resources = ['arn:aws:iam::1:role/x'])],
    ['no finding id', (e: Record<string, any>) => delete e.detail.id],
    ['no owner account', (e: Record<string, any>) => delete e.detail.accountId],
    [
      'an unknown detail-type',
      (e: Record<string, any>) => (e['detail-type'] = 'Access Preview State Change'),
    ],
    ['a principal that is not a map of strings', (e: Record<string, any>) => (e.detail.principal = ['x'])],
  ])('refuses an event with %s', (_why, mutate) => {
    const event = fixture('external-with-condition.json');
    mutate(event);
    let code = 'accepted';
    try {
      parseFindingEvent(event);
    } catch (error) {
      code = errorCodeOf(error);
    }
    expect(code).toBe('event_invalid');
  });
});
