import { parseRoleArn, type RoleRef } from '../../domain/arn.js';
import { AppError, errorCodeOf, userMessageOf } from '../../domain/errors.js';
import { findingRole } from '../../domain/finding.js';
import { isolationBlocker } from '../../domain/guardrails.js';
import {
  awsDenyAllArn,
  denyAllPolicy,
  type IsolationRecord,
  isDenyAllPolicy,
  isolationFromTags,
  isolationTags,
} from '../../domain/isolation.js';
import { type Msg, msg, slackTime } from '../../domain/messages/index.js';
import type { Identity } from '../../ports.js';
import type { FindingAction } from './types.js';

const ID = 'finding.isolate';

/** Isolate: an inline `Deny *` on the role (AWSDenyAll when inline space is full), tagged with who and why. */
export const isolateAction: FindingAction = {
  id: ID,
  name: msg('action.finding.isolate.name'),

  offer(finding, facts, settings) {
    const role = findingRole(finding);
    if (finding.kind !== 'external' || finding.error || !role) return undefined;
    if (finding.status !== 'ACTIVE' || finding.isDeleted || facts.isolation) return undefined;
    const blocker = isolationBlocker(role, settings.protectedRolePatterns);
    if (blocker) return { withheld: msg('card.note.noIsolate', { reason: blocker.userMessage }) };
    return {
      button: {
        action: ID,
        label: msg('action.finding.isolate.label'),
        style: 'danger',
        confirm: {
          title: msg('action.finding.isolate.confirm.title', { role: role.name }),
          text: msg('action.finding.isolate.confirm.text', {
            role: role.name,
            account: role.account,
            policy: settings.isolationPolicyName,
          }),
          yes: msg('action.finding.isolate.confirm.yes'),
          no: msg('action.confirm.no'),
        },
      },
    };
  },

  async precheck(resource, { settings, identity }) {
    await isolatableRole(resource, settings.protectedRolePatterns, identity);
  },

  async run({ finding, actor, now, settings, iam, identity, log }) {
    if (finding.kind !== 'external' || finding.error) {
      throw new AppError('action_not_applicable', msg('error.actionNotApplicable'));
    }
    const role = await isolatableRole(finding.resource ?? '', settings.protectedRolePatterns, identity);

    const current = await iam.getRole(role.name);
    if (!current) throw new AppError('role_not_found', msg('error.roleNotFound', { role: role.name }));
    // Same name, other ARN: the role was deleted and recreated (or moved path); it is not the finding's role.
    if (current.arn !== role.arn)
      throw new AppError('role_replaced', msg('error.roleReplaced', { arn: current.arn }));

    const policyName = settings.isolationPolicyName;
    const recorded = isolationFromTags(current.tags);
    const existing = await iam.getRolePolicy(role.name, policyName);
    if (existing !== undefined && !isDenyAllPolicy(existing)) {
      throw new AppError('policy_name_taken', msg('error.policyNameTaken', { policy: policyName }));
    }
    if (existing !== undefined || recorded?.method === 'managed') {
      const by = recorded?.byUserId ? `<@${recorded.byUserId}>` : msg('who.unknown');
      const at = recorded?.at ? slackTime(recorded.at) : msg('time.unknown');
      return {
        result: 'already_done',
        reason: 'already_isolated',
        reply: [msg('reply.alreadyIsolated', { role: role.name, by, at, user: actor.id })],
        finding,
        facts: recorded ? { isolation: recorded } : {},
      };
    }

    const record: IsolationRecord = {
      method: 'inline',
      policy: policyName,
      byUserId: actor.id,
      byName: actor.name,
      at: now.toISOString(),
      findingId: finding.id,
    };
    let reply: Msg;
    try {
      await iam.putRolePolicy(role.name, policyName, denyAllPolicy());
      reply = msg('reply.isolatedInline', { role: role.name, policy: policyName, user: actor.id });
    } catch (error) {
      if (errorCodeOf(error) !== 'iam_limit_exceeded') throw error;
      log.warn('inline policy quota reached; attaching AWSDenyAll instead', { role: role.arn });
      await iam.attachRolePolicy(role.name, awsDenyAllArn(role.partition));
      record.method = 'managed';
      record.policy = 'AWSDenyAll';
      reply = msg('reply.isolatedManaged', { role: role.name, user: actor.id });
    }

    const lines = [reply];
    try {
      await iam.tagRole(role.name, isolationTags(record));
    } catch (error) {
      // The deny is what protects; a missing tag must be said, never hidden, and must not undo the deny.
      log.error('isolated but tagging failed', { role: role.arn, error });
      lines.push(msg('reply.tagFailed', { reason: userMessageOf(error) }));
    }
    return {
      result: 'succeeded',
      reason: `isolated_${record.method}`,
      reply: lines,
      finding,
      facts: { isolation: record },
    };
  },
};

/** The role named by a resource ARN, if the guardrails let the app isolate it; throws the refusal otherwise. */
async function isolatableRole(
  resource: string,
  patterns: readonly string[],
  identity: Identity,
): Promise<RoleRef> {
  const role = parseRoleArn(resource);
  if (!role) throw new AppError('action_not_applicable', msg('error.actionNotApplicable'));
  const blocker = isolationBlocker(role, patterns, await identity.whoAmI());
  if (blocker) throw blocker;
  return role;
}
