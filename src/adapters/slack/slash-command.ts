import type { App } from '@slack/bolt';
import * as z from 'zod/mini';
import type { makeRequestQuery } from '../../app/request-query.js';
import { AppError, userMessageOf } from '../../domain/errors.js';
import { msg, type Translate } from '../../domain/messages/index.js';
import { lazySchema, nonEmpty } from '../../domain/schemas.js';
import type { Log } from '../../ports.js';
import { NEXT_PAGE_ACTION } from './answer-blocks.js';
import { slackUser } from './block-actions.js';
import { LIST_ACTION } from './digest-blocks.js';

/** The one slash command the app registers (and `manifest.yml` declares). */
export const SLASH_COMMAND = '/access-findings';

const commandPayload = lazySchema(() =>
  z.object({
    text: z._default(z.string(), ''),
    channel_id: nonEmpty(),
    user_id: nonEmpty(),
    user_name: z._default(z.string(), ''),
    response_url: z.url(),
  }),
);

const nextPagePayload = lazySchema(() =>
  z.object({
    user: slackUser(),
    container: z.object({ channel_id: z.optional(nonEmpty()) }),
    channel: z.optional(z.object({ id: nonEmpty() })),
    response_url: z.url(),
    actions: z.array(z.object({ value: nonEmpty() })).check(z.length(1)),
  }),
);

type RequestQuery = ReturnType<typeof makeRequestQuery>;

/**
 * Registers `/access-findings` and its "Next page" button. Answers are ephemeral: the command's
 * acknowledgement carries help, a refusal, or "looking up…"; the job answers through `response_url`.
 */
export function registerQueryListeners(app: App, requestQuery: RequestQuery, t: Translate, log: Log): void {
  const text = (lines: Parameters<Translate>[0][]) => lines.map(t).join('\n');

  app.command(SLASH_COMMAND, async ({ ack, command }) => {
    const parsed = commandPayload().safeParse(command);
    if (!parsed.success) {
      log.warn('slash command payload not understood', { user: command.user_id });
      await ack({ response_type: 'ephemeral', text: t(msg('error.requestInvalid')) });
      return;
    }
    const c = parsed.data;
    try {
      const lines = await requestQuery.command({
        text: c.text,
        channel: c.channel_id,
        responseUrl: c.response_url,
        user: { id: c.user_id, name: c.user_name },
      });
      await ack({ response_type: 'ephemeral', text: text(lines) });
    } catch (error) {
      await ack({ response_type: 'ephemeral', text: t(userMessageOf(error)) });
    }
  });

  for (const [actionId, replaceOriginal] of [
    [NEXT_PAGE_ACTION, true],
    [LIST_ACTION, false],
  ] as const) {
    registerPageButton(app, actionId, replaceOriginal, requestQuery, t, log);
  }
}

/** A button that carries a signed page token: "Next page" in a list, "List open findings" on a digest. */
function registerPageButton(
  app: App,
  actionId: string,
  replaceOriginal: boolean,
  requestQuery: RequestQuery,
  t: Translate,
  log: Log,
): void {
  app.action({ type: 'block_actions', action_id: actionId }, async ({ ack, body, respond }) => {
    await ack();
    const parsed = nextPagePayload().safeParse(body);
    const channel = parsed.success
      ? (parsed.data.container.channel_id ?? parsed.data.channel?.id)
      : undefined;
    try {
      if (!parsed.success || !channel) throw new AppError('request_invalid', msg('error.requestInvalid'));
      const p = parsed.data;
      await requestQuery.nextPage(
        {
          token: p.actions[0]?.value ?? '',
          channel,
          responseUrl: p.response_url,
          user: { id: p.user.id, name: p.user.username ?? p.user.name ?? '' },
        },
        replaceOriginal,
      );
    } catch (error) {
      try {
        await respond({ response_type: 'ephemeral', replace_original: false, text: t(userMessageOf(error)) });
      } catch (respondError) {
        log.error('could not answer the presser', { error: respondError });
      }
    }
  });
}
