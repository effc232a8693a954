/** What a person recognises: the kinds of exposure the sandbox can raise a finding for. */
export interface Scenario {
  id: string;
  label: string;
  /** An IAM role: its path, name and trust policy; a bucket: its name and policy. */
  resource:
    | { kind: 'role'; path: string; name: string; trust: Record<string, unknown>; serviceLinked?: boolean }
    | { kind: 'bucket'; name: string; policy: Record<string, unknown> }
    | { kind: 'unused-role'; path: string; name: string };
}

const trust = (principal: unknown, condition?: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: principal,
      Action: 'sts:AssumeRole',
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'vendor-role',
    label: 'Vendor role trusted by an outside account, with an external id',
    resource: {
      kind: 'role',
      path: '/',
      name: 'VendorDeployRole',
      trust: trust(
        { AWS: 'arn:aws:iam::999988887777:root' },
        { StringEquals: { 'sts:ExternalId': 'vendor-42' } },
      ),
    },
  },
  {
    id: 'role-with-path',
    label: 'CI role with a path (deploy/ci/), trusted by a partner account',
    resource: {
      kind: 'role',
      path: '/deploy/ci/',
      name: 'CiDeployRole',
      trust: trust({ AWS: '777766665555' }),
    },
  },
  {
    id: 'public-role',
    label: 'Role anyone can assume (Principal "*")',
    resource: { kind: 'role', path: '/', name: 'OpenToTheWorldRole', trust: trust({ AWS: '*' }) },
  },
  {
    id: 'service-linked-role',
    label: 'Service-linked role (AWS refuses changes: Isolate is not offered)',
    resource: {
      kind: 'role',
      path: '/aws-service-role/support.amazonaws.com/',
      name: 'AWSServiceRoleForSupport',
      trust: trust({ AWS: 'arn:aws:iam::444433332222:root' }),
      serviceLinked: true,
    },
  },
  {
    id: 's3-bucket',
    label: 'S3 bucket shared with another account',
    resource: {
      kind: 'bucket',
      name: 'acme-shared-reports',
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::777766665555:root' },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: ['arn:aws:s3:::acme-shared-reports', 'arn:aws:s3:::acme-shared-reports/*'],
          },
        ],
      },
    },
  },
  {
    id: 'unused-role',
    label: 'Unused role (no activity for 90 days)',
    resource: { kind: 'unused-role', path: '/legacy/', name: 'OldBatchRole' },
  },
];
