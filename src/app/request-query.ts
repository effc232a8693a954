import { errorCodeOf, isRefusal } from '../domain/errors.js';
import type { FindingQuery } from '../domain/finding-query.js';
import { type Actor, sealJob } from '../domain/job.js';
import { type Msg, msg } from '../domain/messages/index.js';
import { verifyPageToken } from '../domain/page-token.js';
import type { SigningKeys } from '../domain/sealed.js';
import { type ParsedCommand, parseCommand } from '../domain/slash-command.js';
import type { Audit, Clock, Jobs, Log } from '../ports.js';
import type { Authorize } from './authorize.js';

/** `/access-findings <text>` as the Slack path received it. */
export interface CommandRequest {
  text: string;
  channel: string;
  responseUrl: string;
  user: Actor;
}

/** A "Next page" press. */
export interface NextPageRequest {
  token: string;
  channel: string;
  responseUrl: string;
  user: Actor;
}

export interface RequestQueryDeps {
  keys: SigningKeys;
  authorize: Authorize;
  jobs: Jobs;
  audit: Audit;
  clock: Clock;
  log: Log;
}

/** The action name queries carry in logs and audit events. */
export const QUERY_ACTION = 'findings.query';

const PROBLEM_MESSAGES = {
  unknown_word: 'help.unknownWord',
  unknown_filter: 'help.unknownFilter',
  bad_value: 'help.badValue',
  repeated: 'help.repeated',
} as const;

/** The help text, after the line naming what was not understood, if anything. */
export function helpLines(parsed: ParsedCommand): Msg[] {
  if (parsed.kind !== 'invalid') return [msg('help.text')];
  const problem =
    parsed.problem === 'missing_id'
      ? msg('help.missingId')
      : msg(PROBLEM_MESSAGES[parsed.problem], { word: parsed.word });
  return [problem, msg('help.text')];
}

/**
 * The Slack path of `/access-findings` and of "Next page": help is answered at once; a question is
 * authorized and handed to the job path, which answers through `response_url`. Nothing slow here.
 */
export function makeRequestQuery(deps: RequestQueryDeps) {
  const { keys, authorize, jobs, audit, clock, log } = deps;

  async function hand(
    query: FindingQuery,
    request: Omit<CommandRequest, 'text'>,
    replaceOriginal: boolean,
  ): Promise<void> {
    await authorize(request.user.id);
    const job = {
      kind: 'query' as const,
      query,
      channel: request.channel,
      responseUrl: request.responseUrl,
      replaceOriginal,
      actor: request.user,
      requestedAt: clock.now().toISOString(),
    };
    await jobs.enqueue(sealJob(job, keys));
    log.info('query requested', { query: query.kind, user: request.user.id });
  }

  async function refused(error: unknown, user: Actor): Promise<never> {
    const code = errorCodeOf(error);
    log.warn(isRefusal(error) ? 'query refused' : 'query request failed', { code, user: user.id, error });
    await audit.record({
      actor: { slackUserId: user.id, name: user.name },
      action: QUERY_ACTION,
      findingId: '',
      analyzerArn: '',
      resource: '',
      account: '',
      result: isRefusal(error) ? 'refused' : 'failed',
      reason: code,
      time: clock.now().toISOString(),
    });
    throw error;
  }

  return {
    /** Answers the command's acknowledgement: help at once, or "looking up…" once the job is handed off. */
    async command(request: CommandRequest): Promise<Msg[]> {
      const parsed = parseCommand(request.text);
      if (parsed.kind !== 'query') return helpLines(parsed);
      try {
        await hand(parsed.query, request, false);
      } catch (error) {
        return refused(error, request.user);
      }
      return [msg('query.lookingUp')];
    },

    /**
     * Hands a page of a listing to the job path: "Next page" replaces the list it was pressed in; a
     * digest's "List" button (on a channel message) answers the presser with a new one.
     */
    async nextPage(request: NextPageRequest, replaceOriginal = true): Promise<void> {
      try {
        const claims = verifyPageToken(request.token, keys, request.channel, clock.now());
        await hand(
          { kind: 'list', filters: claims.filters, cursor: claims.cursor, page: claims.page },
          request,
          replaceOriginal,
        );
      } catch (error) {
        await refused(error, request.user);
      }
    },
  };
}
