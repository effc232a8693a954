import {
  AccessAnalyzerClient,
  AccessDeniedException,
  GetFindingV2Command,
  ListAnalyzersCommand,
  ListFindingsV2Command,
  ResourceNotFoundException,
  UpdateFindingsCommand,
  ValidationException,
} from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsAccessAnalyzer } from '../../../src/adapters/aws/access-analyzer.js';
import { externalAccessDetails } from '../../support/findings.js';

const mock = mockClient(AccessAnalyzerClient);
afterAll(() => mock.restore());
beforeEach(() => mock.reset());
const ANALYZER = 'arn:aws:access-analyzer:ap-southeast-2:111122223333:analyzer/org-external';

describe('AwsAccessAnalyzer', () => {
  it("re-reads an external finding in the analyzer's Region and maps it", async () => {
    mock.on(GetFindingV2Command).callsFake(async (input, getClient) => {
      expect(await getClient().config.region()).toBe('ap-southeast-2');
      return {
        id: input.id,
        status: 'ACTIVE',
        resourceType: 'AWS::IAM::Role',
        resource: 'arn:aws:iam::444455556666:role/R',
        resourceOwnerAccount: '444455556666',
        createdAt: new Date('2025-03-04T10:02:11.512Z'),
        updatedAt: new Date('2025-03-04T10:02:11.512Z'),
        analyzedAt: new Date('2025-03-04T10:02:11.512Z'),
        findingType: 'ExternalAccess',
        findingDetails: externalAccessDetails(),
      };
    });
    const finding = await new AwsAccessAnalyzer().get(ANALYZER, 'f-1');
    expect(mock.commandCalls(GetFindingV2Command)[0]?.args[0].input).toEqual({
      analyzerArn: ANALYZER,
      id: 'f-1',
    });
    expect(finding).toEqual({
      kind: 'external',
      id: 'f-1',
      analyzerArn: ANALYZER,
      status: 'ACTIVE',
      resourceType: 'AWS::IAM::Role',
      resource: 'arn:aws:iam::444455556666:role/R',
      ownerAccount: '444455556666',
      region: 'ap-southeast-2',
      isDeleted: false,
      createdAt: '2025-03-04T10:02:11.512Z',
      updatedAt: '2025-03-04T10:02:11.512Z',
      principal: { AWS: '999988887777' },
      actions: ['sts:AssumeRole'],
      condition: {},
      isPublic: false,
    });
  });

  it('maps an unused-access finding', async () => {
    mock.on(GetFindingV2Command).resolves({
      id: 'u-1',
      status: 'ACTIVE',
      resourceType: 'AWS::IAM::Role',
      resource: 'arn:aws:iam::444455556666:role/Old',
      resourceOwnerAccount: '444455556666',
      createdAt: new Date(),
      updatedAt: new Date(),
      analyzedAt: new Date(),
      findingType: 'UnusedIAMRole',
      findingDetails: [{ unusedIamRoleDetails: { lastAccessed: new Date() } }],
    });
    expect(await new AwsAccessAnalyzer().get(ANALYZER, 'u-1')).toMatchObject({
      kind: 'unused',
      findingType: 'UnusedIAMRole',
    });
  });

  it('answers undefined for a finding the analyzer no longer has', async () => {
    mock.on(GetFindingV2Command).rejects(
      new ResourceNotFoundException({
        message: 'no',
        $metadata: {},
        resourceId: 'x',
        resourceType: 'Finding',
      }),
    );
    expect(await new AwsAccessAnalyzer().get(ANALYZER, 'gone')).toBeUndefined();
  });

  it('archives exactly one finding by id', async () => {
    mock.on(UpdateFindingsCommand).resolves({});
    await new AwsAccessAnalyzer().archive(ANALYZER, 'f-1');
    expect(mock.commandCalls(UpdateFindingsCommand)[0]?.args[0].input).toEqual({
      analyzerArn: ANALYZER,
      ids: ['f-1'],
      status: 'ARCHIVED',
    });
  });

  it('explains a denied archive', async () => {
    mock
      .on(UpdateFindingsCommand)
      .rejects(new AccessDeniedException({ message: 'denied', $metadata: { httpStatusCode: 403 } }));
    await expect(new AwsAccessAnalyzer().archive(ANALYZER, 'f-1')).rejects.toMatchObject({
      code: 'aws_access_denied',
      userMessage: { params: { operation: 'access-analyzer:UpdateFindings' } },
    });
  });

  it('refuses a malformed analyzer ARN without calling AWS', async () => {
    await expect(new AwsAccessAnalyzer().get('arn:aws:iam::1:role/x', 'f')).rejects.toMatchObject({
      code: 'request_invalid',
    });
    expect(mock.calls()).toEqual([]);
  });

  it('lists newest first with the filters as criteria, and maps the summaries', async () => {
    mock.on(ListFindingsV2Command).resolves({
      findings: [
        {
          id: 'f-1',
          status: 'ACTIVE',
          resourceType: 'AWS::S3::Bucket',
          resource: 'arn:aws:s3:::b',
          resourceOwnerAccount: '444455556666',
          createdAt: new Date('2025-03-04T10:00:00Z'),
          updatedAt: new Date(),
          analyzedAt: new Date(),
          findingType: 'ExternalAccess',
        },
      ],
      nextToken: 'n-2',
    });
    const page = await new AwsAccessAnalyzer().list(
      ANALYZER,
      { status: 'ACTIVE', resourceType: 'AWS::S3::Bucket' },
      { token: 'n-1', limit: 10 },
    );
    expect(mock.commandCalls(ListFindingsV2Command)[0]?.args[0].input).toEqual({
      analyzerArn: ANALYZER,
      filter: { status: { eq: ['ACTIVE'] }, resourceType: { eq: ['AWS::S3::Bucket'] } },
      maxResults: 10,
      nextToken: 'n-1',
      sort: { attributeName: 'createdAt', orderBy: 'DESC' },
    });
    expect(page).toEqual({
      findings: [
        {
          id: 'f-1',
          analyzerArn: ANALYZER,
          status: 'ACTIVE',
          resourceType: 'AWS::S3::Bucket',
          resource: 'arn:aws:s3:::b',
          ownerAccount: '444455556666',
          createdAt: '2025-03-04T10:00:00.000Z',
        },
      ],
      nextToken: 'n-2',
    });
  });

  it('lists unsorted, from then on, if the analyzer refuses the sort', async () => {
    mock
      .on(ListFindingsV2Command)
      .rejectsOnce(
        new ValidationException({ message: 'invalid sort', $metadata: {}, reason: 'fieldValidationFailed' }),
      )
      .resolves({ findings: [] });
    const aa = new AwsAccessAnalyzer();
    await aa.list(ANALYZER, { status: 'ACTIVE' }, { limit: 10 });
    await aa.list(ANALYZER, { status: 'ACTIVE' }, { limit: 10 });
    const inputs = mock.commandCalls(ListFindingsV2Command).map((c) => c.args[0].input);
    expect(inputs.map((i) => 'sort' in i)).toEqual([true, false, false]);
  });

  it("finds the account's active external-access analyzers in its Region", async () => {
    mock.on(ListAnalyzersCommand, { type: 'ACCOUNT' }).resolves({
      analyzers: [
        { arn: 'a-1', name: 'a', type: 'ACCOUNT', status: 'ACTIVE', createdAt: new Date() },
        { arn: 'a-2', name: 'b', type: 'ACCOUNT', status: 'CREATING', createdAt: new Date() },
      ],
    });
    mock
      .on(ListAnalyzersCommand, { type: 'ORGANIZATION' })
      .resolvesOnce({
        analyzers: [{ arn: 'o-1', name: 'o', type: 'ORGANIZATION', status: 'ACTIVE', createdAt: new Date() }],
        nextToken: 't',
      })
      .resolves({
        analyzers: [{ arn: 'o-2', name: 'p', type: 'ORGANIZATION', status: 'ACTIVE', createdAt: new Date() }],
      });
    expect(await new AwsAccessAnalyzer({}, 'eu-west-1').analyzers()).toEqual(['a-1', 'o-1', 'o-2']);
  });
});
