import type {
  FindingStatus as AnalyzerStatus,
  FindingSummaryV2,
  ResourceType,
} from '@aws-sdk/client-accessanalyzer';
import type { Finding } from '../../src/domain/finding.js';

export const ANALYZER = 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org-external';

/** An ACTIVE external-access finding on an IAM role, as Access Analyzer reports it. */
export function roleFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    kind: 'external',
    id: '8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a2b',
    analyzerArn: ANALYZER,
    status: 'ACTIVE',
    resourceType: 'AWS::IAM::Role',
    resource: 'arn:aws:iam::444455556666:role/deploy/ci/VendorDeployRole',
    ownerAccount: '444455556666',
    region: 'eu-west-1',
    principal: { AWS: 'arn:aws:iam::999988887777:root' },
    actions: ['sts:AssumeRole'],
    condition: { 'sts:ExternalId': 'vendor-42' },
    isPublic: false,
    isDeleted: false,
    createdAt: '2025-03-04T10:02:11.512Z',
    updatedAt: '2025-03-04T10:02:11.512Z',
    ...overrides,
  };
}

/** A role finding for a role of the given ARN. */
export function findingForRole(roleArn: string, id = '11111111-2222-4333-8444-555555555555'): Finding {
  return roleFinding({ id, resource: roleArn });
}

/** `findingDetails` of Access Analyzer's GetFindingV2 answer for external access (an account assuming a role, by default). */
export function externalAccessDetails(
  access: {
    principal?: Record<string, string>;
    action?: string[];
    condition?: Record<string, string>;
    isPublic?: boolean;
  } = {},
) {
  return [
    {
      externalAccessDetails: {
        principal: { AWS: '999988887777' },
        action: ['sts:AssumeRole'],
        condition: {},
        isPublic: false,
        ...access,
      },
    },
  ];
}

/** A finding as Access Analyzer's ListFindingsV2 lists it (GetFindingV2 adds `findingDetails`). */
export function analyzerSummary(finding: Finding, status: AnalyzerStatus = 'ACTIVE'): FindingSummaryV2 {
  return {
    id: finding.id,
    status,
    resourceType: finding.resourceType as ResourceType,
    resource: finding.resource,
    resourceOwnerAccount: finding.ownerAccount,
    createdAt: new Date(),
    updatedAt: new Date(),
    analyzedAt: new Date(),
  };
}
