import { describe, expect, it } from 'vitest';
import { parseRoleArn, type RoleRef } from '../../src/domain/arn.js';
import { isolationBlocker } from '../../src/domain/guardrails.js';

const role = (arn: string): RoleRef => {
  const r = parseRoleArn(arn);
  if (!r) throw new Error(arn);
  return r;
};
const self = { account: '444455556666', roleName: 'access-findings-Responder' };
const blocker = (arn: string, patterns: string[] = [], who = self) => {
  const error = isolationBlocker(role(arn), patterns, who);
  return error ? `${error.code}:${error.userMessage.key}` : undefined;
};

describe('isolationBlocker', () => {
  it('lets an ordinary role through', () => {
    expect(blocker('arn:aws:iam::444455556666:role/deploy/ci/VendorDeployRole')).toBeUndefined();
  });

  it('refuses service-linked roles', () => {
    expect(
      blocker(
        'arn:aws:iam::444455556666:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing',
      ),
    ).toBe('role_protected:error.roleServiceLinked');
  });

  it('refuses Identity Center roles', () => {
    expect(
      blocker(
        'arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef',
      ),
    ).toBe('role_protected:error.roleSso');
    expect(blocker('arn:aws:iam::444455556666:role/AWSReservedSSO_ReadOnly_abc')).toBe(
      'role_protected:error.roleSso',
    );
  });

  it('refuses protected patterns against the name or path plus name, ignoring case', () => {
    expect(
      blocker('arn:aws:iam::444455556666:role/OrganizationAccountAccessRole', [
        'OrganizationAccountAccessRole',
      ]),
    ).toBe('role_protected:error.roleProtected');
    expect(blocker('arn:aws:iam::444455556666:role/ops/BreakGlass', ['breakglass'])).toBe(
      'role_protected:error.roleProtected',
    );
    expect(blocker('arn:aws:iam::444455556666:role/ops/Anything', ['ops/*'])).toBe(
      'role_protected:error.roleProtected',
    );
    expect(blocker('arn:aws:iam::444455556666:role/AdminX', ['Admin?'])).toBe(
      'role_protected:error.roleProtected',
    );
    expect(blocker('arn:aws:iam::444455556666:role/NotAdmin', ['Admin*'])).toBeUndefined();
  });

  it('treats regex characters in patterns literally', () => {
    expect(blocker('arn:aws:iam::444455556666:role/a.b', ['a.b'])).toBe('role_protected:error.roleProtected');
    expect(blocker('arn:aws:iam::444455556666:role/axb', ['a.b'])).toBeUndefined();
  });

  it("refuses the app's own role, whatever its case", () => {
    expect(blocker('arn:aws:iam::444455556666:role/service/ACCESS-FINDINGS-RESPONDER')).toBe(
      'role_protected:error.roleSelf',
    );
  });

  it('refuses roles in another account than the one the app runs in', () => {
    expect(blocker('arn:aws:iam::999988887777:role/VendorDeployRole')).toBe(
      'role_other_account:error.roleOtherAccount',
    );
  });

  it('without an identity, checks only what the ARN and patterns say', () => {
    expect(isolationBlocker(role('arn:aws:iam::999988887777:role/R'), [])).toBeUndefined();
  });
});
