import { describe, expect, it } from 'vitest';
import { parseAnalyzerArn, parseArn, parseRoleArn } from '../../src/domain/arn.js';

describe('parseRoleArn', () => {
  it('takes the role name from the last segment of a path', () => {
    const role = parseRoleArn('arn:aws:iam::444455556666:role/deploy/ci/VendorDeployRole');
    expect(role).toMatchObject({
      name: 'VendorDeployRole',
      path: '/deploy/ci/',
      account: '444455556666',
      serviceLinked: false,
    });
  });

  it('reads a role without a path', () => {
    expect(parseRoleArn('arn:aws:iam::444455556666:role/Plain')).toMatchObject({ name: 'Plain', path: '/' });
  });

  it('keeps the partition (China, GovCloud)', () => {
    expect(parseRoleArn('arn:aws-cn:iam::444455556666:role/R')?.partition).toBe('aws-cn');
    expect(parseRoleArn('arn:aws-us-gov:iam::444455556666:role/x/R')?.partition).toBe('aws-us-gov');
  });

  it('recognises service-linked roles by their path', () => {
    const role = parseRoleArn(
      'arn:aws:iam::444455556666:role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer',
    );
    expect(role).toMatchObject({ serviceLinked: true, name: 'AWSServiceRoleForAccessAnalyzer' });
  });

  it('treats service-role/ as an ordinary role', () => {
    expect(parseRoleArn('arn:aws:iam::444455556666:role/service-role/MyLambdaRole')?.serviceLinked).toBe(
      false,
    );
  });

  it.each([
    'arn:aws:iam::444455556666:user/alice',
    'arn:aws:s3:::bucket',
    'arn:aws:iam::44445555:role/ShortAccount',
    'arn:aws:iam::444455556666:role/',
    'arn:aws:iam::444455556666:role/a//b',
    'arn:aws:iam::444455556666:role/bad name',
    'arn:nope:iam::444455556666:role/R',
    'not an arn',
  ])('refuses %s', (text) => {
    expect(parseRoleArn(text)).toBeUndefined();
  });
});

describe('parseArn', () => {
  it('keeps colons inside the resource', () => {
    expect(parseArn('arn:aws:logs:eu-west-1:111122223333:log-group:/aws/x:*')?.resource).toBe(
      'log-group:/aws/x:*',
    );
  });
  it('reads S3 ARNs, which have no account', () => {
    expect(parseArn('arn:aws:s3:::acme-shared-reports')).toMatchObject({
      account: '',
      resource: 'acme-shared-reports',
    });
  });
});

describe('parseAnalyzerArn', () => {
  it('reads region and name', () => {
    expect(
      parseAnalyzerArn('arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org-external'),
    ).toMatchObject({
      region: 'eu-west-1',
      account: '111122223333',
      name: 'org-external',
    });
  });
  it('tolerates an empty account segment, as seen in a real event', () => {
    expect(parseAnalyzerArn('arn:aws:access-analyzer:ap-southeast-2::analyzer/x')).toMatchObject({
      account: '',
      region: 'ap-southeast-2',
    });
  });
  it('refuses other ARNs', () => {
    expect(parseAnalyzerArn('arn:aws:iam::111122223333:role/analyzer')).toBeUndefined();
    expect(parseAnalyzerArn('arn:aws:access-analyzer::111122223333:analyzer/x')).toBeUndefined();
  });
});
