import { parseRoleArn, type RoleRef } from './arn.js';

/** External access (principal outside the zone of trust) or unused access (IAM entity not used). */
export type FindingKind = 'external' | 'unused';

/** Access Analyzer's finding statuses; anything else is kept as read. */
export type FindingStatus = 'ACTIVE' | 'ARCHIVED' | 'RESOLVED' | (string & {});

/** One Access Analyzer finding, as the app reasons about it. */
export interface Finding {
  kind: FindingKind;
  id: string;
  analyzerArn: string;
  status: FindingStatus;
  /** Open string: Access Analyzer adds resource types over time. */
  resourceType: string;
  resource?: string;
  /** The account that owns the resource (a member account under an organization analyzer). */
  ownerAccount: string;
  region: string;
  principal?: Record<string, string>;
  actions?: string[];
  condition?: Record<string, string>;
  isPublic?: boolean;
  /** Set on error findings (`ACCESS_DENIED`, `INTERNAL_ERROR`): the analyzer could not read the resource. */
  error?: string;
  isDeleted: boolean;
  createdAt?: string;
  updatedAt?: string;
  /** Unused access only: `UnusedIAMRole`, `UnusedPermission`, … */
  findingType?: string;
}

/** The IAM role a finding is about, when it is about one. */
export function findingRole(finding: Pick<Finding, 'resourceType' | 'resource'>): RoleRef | undefined {
  if (finding.resourceType !== 'AWS::IAM::Role' || !finding.resource) return undefined;
  return parseRoleArn(finding.resource);
}

/** True when anyone at all may access: the analyzer says so, or a principal is `*`. */
export function isPublicFinding(finding: Finding): boolean {
  if (finding.isPublic) return true;
  return Object.values(finding.principal ?? {}).some((value) => value === '*');
}

/** A short human name for the resource: the role name, bucket name, or the ARN's last segment. */
export function resourceName(finding: Pick<Finding, 'id' | 'resourceType' | 'resource'>): string {
  const resource = finding.resource;
  if (!resource) return finding.id;
  const role = findingRole(finding);
  if (role) return role.name;
  const tail = resource.split(':').slice(5).join(':');
  const segments = tail.split('/');
  return segments[segments.length - 1] || tail || resource;
}
