import { AppError, errorCodeOf, isRefusal, userMessageOf } from '../domain/errors.js';
import { type Finding, resourceName } from '../domain/finding.js';
import type { ActionJob } from '../domain/job.js';
import { type Msg, msg } from '../domain/messages/index.js';
import type { Audit, AuditEvent, Chat, Clock, Findings, Iam, Identity, Log, Mirror } from '../ports.js';
import type { ActionRegistry } from './actions/registry.js';
import type { ActionSettings, CardFacts } from './actions/types.js';
import { type CardBuilder, loadFacts } from './card.js';

export interface RunActionDeps {
  actions: ActionRegistry;
  settings: ActionSettings;
  buildCard: CardBuilder;
  chat: Chat;
  findings: Findings;
  iam: Iam;
  identity: Identity;
  audit: Audit;
  /** Amazon Q Developer, when configured. */
  mirror?: Mirror;
  clock: Clock;
  log: Log;
}

/** Where the outcome goes: the finding message and its thread, or (for a press in a list) the presser. */
interface Reporter {
  reply(lines: Msg[]): Promise<void>;
  redraw(finding: Finding, facts: CardFacts): Promise<void>;
}

/**
 * The job path of a button press: re-read the finding, show "working…", act, then report in the
 * thread, redraw the message and audit. Refusals and failures are reported the same way.
 */
export function makeRunAction(deps: RunActionDeps): (job: ActionJob) => Promise<void> {
  const { actions, settings, buildCard, chat, findings, iam, identity, audit, mirror, clock, log } = deps;

  function reporter(job: ActionJob): Reporter {
    const { messageTs, responseUrl, channel } = job;
    if (messageTs) {
      const ref = { channel, ts: messageTs };
      return {
        reply: (lines) => chat.reply(ref, lines),
        redraw: (finding, facts) => chat.updateCard(ref, buildCard(finding, facts)),
      };
    }
    // An ephemeral message cannot be edited by chat.update; the presser gets the outcome as a new one.
    return {
      reply: (lines) =>
        chat.respond({ responseUrl: responseUrl ?? '', channel }, { kind: 'text', lines }, false),
      redraw: async () => {},
    };
  }

  async function report(out: Reporter, lines: Msg[], finding?: Finding, known?: CardFacts): Promise<void> {
    try {
      await out.reply(lines);
    } catch (error) {
      log.error('could not report the outcome', { error });
    }
    if (!finding) return;
    try {
      // An isolation the action just recorded needs no second read of the role.
      const facts = known?.isolation ? known : { ...(await loadFacts(finding, iam, log)), ...known };
      await out.redraw(finding, facts);
    } catch (error) {
      log.error('could not update the finding message', { error });
    }
  }

  return async (job) => {
    const out = reporter(job);
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

    const action = actions.get(job.action);
    let finding: Finding | undefined;
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
      try {
        await out.redraw(finding, { working: { action: job.action, userId: job.actor.id } });
      } catch (error) {
        // The person asked for the action; a message we cannot redraw is no reason to withhold it.
        log.warn('could not show working state', { error });
      }
      const outcome = await action.run({
        finding,
        actor: job.actor,
        now: clock.now(),
        settings,
        iam,
        findings,
        identity,
        log,
      });
      log.info('action done', {
        action: job.action,
        findingId: job.findingId,
        result: outcome.result,
        reason: outcome.reason,
      });
      await audit.record(auditEvent(outcome.result, outcome.reason, finding));
      await report(out, outcome.reply, outcome.finding, outcome.facts);
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
      await report(out, lines, finding);
      await mirrored(refused ? 'refused' : 'failed', lines);
    }
  };
}

function nameOf(job: ActionJob, finding?: Finding): string {
  if (finding) return resourceName(finding);
  return job.resource.split(/[/:]/).pop() || job.findingId;
}
