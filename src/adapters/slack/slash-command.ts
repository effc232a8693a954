import type { App } from '@slack/bolt';
import * as z from 'zod';
import type { makeRequestQuery } from '../../app/request-query.js';
import { AppError, userMessageOf } from '../../domain/errors.js';
import { msg, type Translate } from '../../domain/messages/index.js';
import type { Log } from '../../ports.js';
import { NEXT_PAGE_ACTION } from './answer-blocks.js';
import { LIST_ACTION } from './digest-blocks.js';

/** The one slash command the app registers (and `manifest.yml` declares). */
export const SLASH_COMMAND = '/access-findings';

const commandPayload = z.object({
  text: z.string().default(''),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  user_name: z.string().default(''),
  response_url: z.url(),
});

const nextPagePayload = z.object({
  user: z.object({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional() }),
  container: z.object({ channel_id: z.string().min(1).optional() }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  response_url: z.url(),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

type RequestQuery = ReturnType<typeof makeRequestQuery>;

/**
 * Registers `/access-findings` and its "Next page" button. Answers are ephemeral: the command's
 * acknowledgement carries help, a refusal, or "looking up…"; the job answers through `response_url`.
 */
export function registerQueryListeners(app: App, requestQuery: RequestQuery, t: Translate, log: Log): void {
  const text = (lines: Parameters<Translate>[0][]) => lines.map(t).join('\n');

  app.command(SLASH_COMMAND, async ({ ack, command }) => {
    const parsed = commandPayload.safeParse(command);
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
    const parsed = nextPagePayload.safeParse(body);
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
