import type { App } from '@slack/bolt';
import * as z from 'zod/mini';
import type { ActionRequest } from '../../app/request-action.js';
import { AppError, userMessageOf } from '../../domain/errors.js';
import { msg, type Translate } from '../../domain/messages/index.js';
import { lazySchema, nonEmpty } from '../../domain/schemas.js';
import type { Log } from '../../ports.js';
import { FINDING_BLOCK_PREFIX } from './finding-blocks.js';

/** Who pressed, as a `block_actions` payload names them. */
export const slackUser = () =>
  z.object({ id: nonEmpty(), username: z.optional(z.string()), name: z.optional(z.string()) });

const blockActionsPayload = lazySchema(() =>
  z.object({
    type: z.literal('block_actions'),
    user: slackUser(),
    container: z.object({
      channel_id: z.optional(nonEmpty()),
      message_ts: z.optional(nonEmpty()),
      is_ephemeral: z.optional(z.boolean()),
    }),
    channel: z.optional(z.object({ id: nonEmpty() })),
    message: z.optional(z.object({ ts: nonEmpty() })),
    response_url: z.optional(z.url()),
    actions: z
      .array(
        z.object({
          action_id: nonEmpty(),
          block_id: z.string().check(z.startsWith(FINDING_BLOCK_PREFIX)),
          value: nonEmpty(),
        }),
      )
      .check(z.length(1)),
  }),
);

/** Reads a button press from a `block_actions` payload; undefined when it is not one of ours. */
export function toActionRequest(body: unknown): ActionRequest | undefined {
  const parsed = blockActionsPayload().safeParse(body);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  const action = p.actions[0];
  const channel = p.container.channel_id ?? p.channel?.id;
  const messageTs = p.container.message_ts ?? p.message?.ts;
  if (!action || !channel || !messageTs) return undefined;
  return {
    action: action.action_id,
    token: action.value,
    channel,
    findingId: action.block_id.slice(FINDING_BLOCK_PREFIX.length),
    messageTs,
    ephemeral: p.container.is_ephemeral === true,
    ...(p.response_url ? { responseUrl: p.response_url } : {}),
    user: { id: p.user.id, name: p.user.username ?? p.user.name ?? '' },
  };
}

/**
 * Registers one listener per action. Each acks, validates, and hands the press to the use case;
 * a refusal becomes an ephemeral reply to the presser (through `response_url`, so no Web API call).
 */
export function registerActionListeners(
  app: App,
  actionIds: Iterable<string>,
  requestAction: (request: ActionRequest) => Promise<void>,
  t: Translate,
  log: Log,
): void {
  for (const actionId of actionIds) {
    app.action({ type: 'block_actions', action_id: actionId }, async ({ ack, body, respond }) => {
      await ack();
      const tell = async (error: unknown) => {
        try {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: t(userMessageOf(error)),
          });
        } catch (respondError) {
          log.error('could not answer the presser', { actionId, user: body.user?.id, error: respondError });
        }
      };
      const request = toActionRequest(body);
      if (!request) {
        log.warn('block_actions payload not understood', { actionId, user: body.user?.id });
        await tell(new AppError('request_invalid', msg('error.requestInvalid')));
        return;
      }
      try {
        await requestAction(request);
      } catch (error) {
        await tell(error);
      }
    });
  }
}
