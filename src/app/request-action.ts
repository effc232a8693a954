import { verifyActionToken } from '../domain/action-token.js';
import { AppError, errorCodeOf, isRefusal } from '../domain/errors.js';
import { type ActionJob, sealJob } from '../domain/job.js';
import { msg } from '../domain/messages/index.js';
import type { SigningKeys } from '../domain/sealed.js';
import type { Audit, Clock, Jobs, Log } from '../ports.js';
import type { ActionRegistry } from './actions/registry.js';
import type { Authorize } from './authorize.js';

/** A button press as the Slack path received it. */
export interface ActionRequest {
  action: string;
  token: string;
  channel: string;
  /** The finding the pressed message is about (from the block id). */
  findingId: string;
  messageTs: string;
  /** Pressed in an ephemeral message (a list), which only its response_url can answer. */
  ephemeral: boolean;
  responseUrl?: string;
  user: { id: string; name: string };
}

export interface RequestActionDeps {
  keys: SigningKeys;
  actions: ActionRegistry;
  authorize: Authorize;
  jobs: Jobs;
  audit: Audit;
  clock: Clock;
  log: Log;
}

/**
 * The Slack path of a button press: verify the token, authorize the user, hand a sealed job to the
 * job path. Nothing slow and no AWS call but the hand-off; a refusal is audited and rethrown.
 */
export function makeRequestAction(deps: RequestActionDeps): (request: ActionRequest) => Promise<void> {
  const { keys, actions, authorize, jobs, audit, clock, log } = deps;
  return async (request) => {
    const now = clock.now();
    let claims: ReturnType<typeof verifyActionToken> | undefined;
    try {
      if (!actions.has(request.action)) throw new AppError('request_invalid', msg('error.requestInvalid'));
      claims = verifyActionToken(request.token, keys, {
        action: request.action,
        channel: request.channel,
        findingId: request.findingId,
        now,
      });
      await authorize(request.user.id);
      if (request.ephemeral && !request.responseUrl)
        throw new AppError('request_invalid', msg('error.requestInvalid'));
      const job: ActionJob = {
        kind: 'action',
        action: claims.action,
        analyzerArn: claims.analyzerArn,
        findingId: claims.findingId,
        resource: claims.resource,
        channel: claims.channel,
        ...(request.ephemeral ? { responseUrl: request.responseUrl } : { messageTs: request.messageTs }),
        actor: request.user,
        requestedAt: now.toISOString(),
      };
      await jobs.enqueue(sealJob(job, keys));
      log.info('action requested', { action: job.action, findingId: job.findingId, user: request.user.id });
    } catch (error) {
      const code = errorCodeOf(error);
      const refused = isRefusal(error);
      log.warn(refused ? 'action refused' : 'action request failed', {
        code,
        action: request.action,
        findingId: request.findingId,
        user: request.user.id,
        error,
      });
      await audit.record({
        actor: { slackUserId: request.user.id, name: request.user.name },
        action: request.action,
        findingId: claims?.findingId ?? request.findingId,
        analyzerArn: claims?.analyzerArn ?? '',
        resource: claims?.resource ?? '',
        account: '',
        result: refused ? 'refused' : 'failed',
        reason: code,
        time: now.toISOString(),
      });
      throw error;
    }
  };
}
