import type { RoleRef } from './arn.js';
import { AppError } from './errors.js';
import { type Msg, msg } from './messages/index.js';

/** Who the app itself is, so that it never isolates its own role or acts in another account. */
export interface SelfIdentity {
  account: string;
  roleName?: string;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  // IAM role names are unique case-insensitively, so a pattern must not be dodged by case.
  return new RegExp(`^${body}$`, 'i');
}

/** The protected pattern a role matches, tried against its name and its path plus name (`ops/Admin`). */
export function matchingPattern(role: RoleRef, patterns: readonly string[]): string | undefined {
  const pathAndName = `${role.path.slice(1)}${role.name}`;
  return patterns.find((p) => {
    const re = globToRegExp(p);
    return re.test(role.name) || re.test(pathAndName);
  });
}

/** Why a role must never be isolated, checked before any IAM call; undefined when it may be. */
export function isolationBlocker(
  role: RoleRef,
  protectedPatterns: readonly string[],
  self?: SelfIdentity,
): AppError | undefined {
  const protectedRole = (reason: Msg) =>
    new AppError('role_protected', reason, { cause: new Error(role.arn) });
  if (role.serviceLinked) return protectedRole(msg('error.roleServiceLinked'));
  if (role.name.startsWith('AWSReservedSSO_') || role.path.startsWith('/aws-reserved/')) {
    return protectedRole(msg('error.roleSso'));
  }
  const pattern = matchingPattern(role, protectedPatterns);
  if (pattern) return protectedRole(msg('error.roleProtected', { pattern }));
  if (self) {
    if (
      self.roleName &&
      role.account === self.account &&
      role.name.toLowerCase() === self.roleName.toLowerCase()
    ) {
      return protectedRole(msg('error.roleSelf'));
    }
    if (role.account !== self.account) {
      return new AppError(
        'role_other_account',
        msg('error.roleOtherAccount', { account: role.account, ours: self.account }),
      );
    }
  }
  return undefined;
}
