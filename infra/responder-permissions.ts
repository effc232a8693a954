import { Stack, Validations } from 'aws-cdk-lib';
import { Effect, type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** What the responder may write on roles: isolate (and, later, release) and its tags. */
export const ROLE_WRITE_ACTIONS = [
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
] as const;
/** Attaching is limited to the AWSDenyAll fallback by a condition. */
export const ROLE_ATTACH_ACTIONS = ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'] as const;
export const ROLE_READ_ACTIONS = ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies'] as const;

/**
 * The responder's IAM and Access Analyzer permissions, least privilege: role actions on this account's
 * roles only, with an explicit Deny on service-linked roles, Identity Center roles and the function's
 * own role; Access Analyzer actions on this account's analyzers; invoking only itself.
 */
export function responderPolicy(
  scope: Construct,
  role: IRole,
  functionArn: string,
  analyzerArn?: string,
): Policy {
  const stack = Stack.of(scope);
  const roleArn = (path: string) =>
    stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: path });
  const analyzers = analyzerArn
    ? [analyzerArn]
    : [stack.formatArn({ service: 'access-analyzer', resource: 'analyzer', resourceName: '*' })];
  const denyAllArn = `arn:${stack.partition}:iam::aws:policy/AWSDenyAll`;
  const allRoleWrites = [...ROLE_WRITE_ACTIONS, ...ROLE_ATTACH_ACTIONS];

  const policy = new Policy(scope, 'ResponderPolicy', {
    roles: [role],
    statements: [
      new PolicyStatement({
        sid: 'IsolateRoles',
        actions: [...ROLE_WRITE_ACTIONS],
        resources: [roleArn('*')],
      }),
      new PolicyStatement({
        sid: 'AttachOnlyAWSDenyAll',
        actions: [...ROLE_ATTACH_ACTIONS],
        resources: [roleArn('*')],
        conditions: { ArnEquals: { 'iam:PolicyARN': denyAllArn } },
      }),
      new PolicyStatement({ sid: 'ReadRoles', actions: [...ROLE_READ_ACTIONS], resources: [roleArn('*')] }),
      new PolicyStatement({
        sid: 'NeverServiceLinkedOrIdentityCenterOrSelf',
        effect: Effect.DENY,
        actions: allRoleWrites,
        resources: [
          roleArn('aws-service-role/*'),
          roleArn('aws-reserved/*'),
          roleArn('*AWSReservedSSO_*'),
          role.roleArn,
        ],
      }),
      new PolicyStatement({
        sid: 'ReadAndArchiveFindings',
        actions: [
          'access-analyzer:GetFinding',
          'access-analyzer:ListFindings',
          'access-analyzer:UpdateFindings',
        ],
        resources: analyzers,
      }),
      // ListAnalyzers has no resource type: it can only be granted on "*". It is read-only.
      new PolicyStatement({
        sid: 'FindAnalyzers',
        actions: ['access-analyzer:ListAnalyzers'],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'HandJobsToItself',
        actions: ['lambda:InvokeFunction'],
        resources: [functionArn],
      }),
    ],
  });
  acknowledge(
    policy,
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/*]',
    'A finding can name any role of the account; the statements allow only the isolate/release actions (attach limited to AWSDenyAll) and reads, and an explicit Deny keeps service-linked roles, Identity Center roles and the function itself out of reach.',
  );
  if (!analyzerArn) {
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:access-analyzer:<AWS::Region>:<AWS::AccountId>:analyzer/*]',
      'With no analyzer named, the app answers for every analyzer of its own account and Region; set analyzerArn to narrow this to one.',
    );
  }
  acknowledge(
    policy,
    'AwsSolutions-IAM5[Resource::*]',
    'access-analyzer:ListAnalyzers has no resource type and can only be granted on "*"; it is read-only.',
  );
  return policy;
}

function acknowledge(scope: Construct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
