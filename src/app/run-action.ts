import { AppError, errorCodeOf, isRefusal, userMessageOf } from '../domain/errors.js';
import { type Finding, resourceName } from '../domain/finding.js';
import type { ActionJob } from '../domain/job.js';
import { type FindingGroup, memberKey } from '../domain/lifecycle.js';
import { type Msg, msg, slackTime } from '../domain/messages/index.js';
import type {
  Audit,
  AuditEvent,
  Chat,
  Clock,
  Findings,
  Iam,
  Identity,
  Log,
  Mirror,
  StoreKey,
} from '../ports.js';
import type { ActionRegistry } from './actions/registry.js';
import type { ActionSettings, CardFacts, FindingAction } from './actions/types.js';
import { type CardBuilder, loadFacts } from './card.js';
import { type FindingGroups, groupCard } from './finding-groups.js';

export interface RunActionDeps {
  actions: ActionRegistry;
  settings: ActionSettings;
  buildCard: CardBuilder;
  chat: Chat;
  findings: Findings;
  iam: Iam;
  identity: Identity;
  audit: Audit;
  groups: FindingGroups;
  /** Amazon Q Developer, when configured. */
  mirror?: Mirror;
  clock: Clock;
  log: Log;
}

/** How long a running action holds its claim; a job that died frees it after this. */
const CLAIM_TTL_SECONDS = 300;

interface Claim {
  by: string;
  at: string;
}

/**
 * The job path of a button press: re-read the finding, claim the action (concurrent presses act
 * once), show "working…", act, then report in the thread, redraw the message and audit. Refusals and
 * failures are reported the same way.
 */
export function makeRunAction(deps: RunActionDeps): (job: ActionJob) => Promise<void> {
  const { actions, settings, buildCard, chat, findings, iam, identity, audit, groups, mirror, clock, log } =
    deps;

  /** The thread to answer in: the finding message's, or (for a press in a list) the presser alone. */
  function reply(job: ActionJob, lines: Msg[]): Promise<void> {
    if (job.messageTs) return chat.reply({ channel: job.channel, ts: job.messageTs }, lines);
    // An ephemeral message cannot be edited or threaded; the presser gets the outcome as a new one.
    return chat.respond(
      { responseUrl: job.responseUrl ?? '', channel: job.channel },
      { kind: 'text', lines },
      false,
    );
  }

  /** Redraws the finding's message: its group's, wherever the button was pressed. */
  async function redraw(job: ActionJob, finding: Finding, facts: CardFacts): Promise<void> {
    const group = (await groups.get(finding))?.value;
    if (group?.ts)
      return chat.updateCard({ channel: group.channel, ts: group.ts }, groupCard(group, buildCard, facts));
    if (job.messageTs)
      await chat.updateCard({ channel: job.channel, ts: job.messageTs }, buildCard(finding, facts));
  }

  async function report(job: ActionJob, lines: Msg[], finding?: Finding, known?: CardFacts): Promise<void> {
    try {
      await reply(job, lines);
    } catch (error) {
      log.error('could not report the outcome', { error });
    }
    if (!finding) return;
    try {
      // An isolation the action just recorded needs no second read of the role.
      const facts = known?.isolation ? known : { ...(await loadFacts(finding, iam, log)), ...known };
      await redraw(job, finding, facts);
    } catch (error) {
      log.error('could not update the finding message', { error });
    }
  }

  /** Marks (or unmarks) the echo this action will cause, so the channel does not hear of it twice. */
  async function expectEcho(
    action: FindingAction,
    finding: Finding,
    mark: GroupMemberMark | undefined,
  ): Promise<void> {
    if (!action.echoes) return;
    await groups.update(finding, (group) => withEchoMark(group, finding, mark));
  }

  return async (job) => {
    const auditEvent = (result: AuditEvent['result'], reason: string, finding?: Finding): AuditEvent => ({
      actor: { slackUserId: job.actor.id, name: job.actor.name },
      action: job.action,
      findingId: job.findingId,
      analyzerArn: job.analyzerArn,
      resource: job.resource,
      account: finding?.ownerAccount ?? '',
      result,
      reason,
      time: clock.now().toISOString(),
    });
    const claimKey: StoreKey = { pk: `action#${job.analyzerArn}#${job.findingId}`, sk: job.action };
    const action = actions.get(job.action);
    let finding: Finding | undefined;
    let claimed = false;
    const mirrored = (result: AuditEvent['result'], lines: Msg[]) =>
      mirror?.publish({
        kind: 'outcome',
        action: job.action,
        actionName: action?.name ?? job.action,
        findingId: job.findingId,
        analyzerArn: job.analyzerArn,
        resource: job.resource,
        ...(finding ? { finding } : {}),
        actor: job.actor,
        result,
        lines,
      });
    try {
      if (!action) throw new AppError('action_not_applicable', msg('error.actionNotApplicable'));
      await action.precheck?.(job.resource, { settings, identity });
      // Trust boundary 4: the finding must still exist, name the token's resource, and be ACTIVE.
      const found = await findings.get(job.analyzerArn, job.findingId);
      if (!found)
        throw new AppError('finding_not_found', msg('error.findingNotFound', { id: job.findingId }));
      if ((found.resource ?? '') !== job.resource) {
        throw new AppError('finding_resource_mismatch', msg('error.findingResourceMismatch'), {
          cause: new Error(`finding names ${found.resource}, token named ${job.resource}`),
        });
      }
      // From here the message may be redrawn from the finding: it shows its real state, without stale buttons.
      finding = found;
      if (found.status !== 'ACTIVE' || found.isDeleted) {
        throw new AppError('finding_not_active', msg('error.findingNotActive', { status: found.status }));
      }
      // Ten presses at once act once: the first claims the action, the others hear it is under way.
      const claim: Claim = { by: job.actor.id, at: clock.now().toISOString() };
      if (!(await groups.store.put(claimKey, claim, undefined, CLAIM_TTL_SECONDS))) {
        const holder = (await groups.store.get<Claim>(claimKey))?.value ?? claim;
        throw new AppError(
          'action_in_progress',
          msg('error.actionInProgress', { by: holder.by, at: slackTime(holder.at) }),
        );
      }
      claimed = true;
      try {
        await redraw(job, finding, { working: { action: job.action, userId: job.actor.id } });
      } catch (error) {
        // The person asked for the action; a message we cannot redraw is no reason to withhold it.
        log.warn('could not show working state', { error });
      }
      await expectEcho(action, finding, { userId: job.actor.id, at: claim.at });
      let outcome: Awaited<ReturnType<FindingAction['run']>>;
      try {
        outcome = await action.run({
          finding,
          actor: job.actor,
          now: clock.now(),
          settings,
          iam,
          findings,
          identity,
          log,
        });
      } catch (error) {
        await expectEcho(action, finding, undefined);
        throw error;
      }
      log.info('action done', {
        action: job.action,
        findingId: job.findingId,
        result: outcome.result,
        reason: outcome.reason,
      });
      await audit.record(auditEvent(outcome.result, outcome.reason, finding));
      await groups.update(finding, (group) => recorded(group, outcome.finding, outcome.facts));
      await report(job, outcome.reply, outcome.finding, outcome.facts);
      await mirrored(outcome.result, outcome.reply);
    } catch (error) {
      const refused = isRefusal(error);
      const code = errorCodeOf(error);
      log[refused ? 'warn' : 'error'](refused ? 'action refused' : 'action failed', {
        action: job.action,
        findingId: job.findingId,
        user: job.actor.id,
        code,
        error,
      });
      await audit.record(auditEvent(refused ? 'refused' : 'failed', code, finding));
      const params = {
        action: action?.name ?? job.action,
        name: nameOf(job, finding),
        reason: userMessageOf(error),
        user: job.actor.id,
      };
      const lines = [msg(refused ? 'reply.refused' : 'reply.failed', params)];
      // Another press is already acting: its own report will redraw the message.
      await report(job, lines, code === 'action_in_progress' ? undefined : finding);
      await mirrored(refused ? 'refused' : 'failed', lines);
    } finally {
      if (claimed)
        await groups.store
          .delete(claimKey)
          .catch((error) => log.error('could not release the action claim', { error }));
    }
  };
}

type GroupMemberMark = { userId: string; at: string };

/** The group after an action: its facts, and the finding as the action left it (archived, say). */
function recorded(group: FindingGroup, finding: Finding, facts: CardFacts): FindingGroup {
  const key = memberKey(finding);
  const member = group.members[key];
  const { working: _transient, ...lasting } = facts;
  return {
    ...group,
    facts: { ...group.facts, ...lasting },
    members: member ? { ...group.members, [key]: { ...member, finding } } : group.members,
  };
}

function withEchoMark(
  group: FindingGroup,
  finding: Finding,
  mark: GroupMemberMark | undefined,
): FindingGroup {
  const key = memberKey(finding);
  const member = group.members[key];
  if (!member) return group;
  const { archivedByUs: _old, ...rest } = member;
  return { ...group, members: { ...group.members, [key]: mark ? { ...rest, archivedByUs: mark } : rest } };
}

function nameOf(job: ActionJob, finding?: Finding): string {
  if (finding) return resourceName(finding);
  return job.resource.split(/[/:]/).pop() || job.findingId;
}
