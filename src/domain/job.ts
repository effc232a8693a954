import * as z from 'zod/mini';
import { AppError } from './errors.js';
import { type FindingQuery, findingQuerySchema } from './finding-query.js';
import { msg } from './messages/index.js';
import { lazySchema, nonEmpty } from './schemas.js';
import { type SigningKeys, seal, unseal } from './sealed.js';

/** Who asked, from Slack's signed payload. */
export interface Actor {
  id: string;
  name: string;
}

/**
 * A person's request to act on a finding, handed from the Slack path to the job path. A press on a
 * channel message names that message (`messageTs`); a press on an ephemeral message (a list) can
 * only be answered through its `responseUrl`.
 */
export interface ActionJob {
  kind: 'action';
  action: string;
  analyzerArn: string;
  findingId: string;
  resource: string;
  channel: string;
  messageTs?: string;
  responseUrl?: string;
  actor: Actor;
  requestedAt: string;
}

/** A `/access-findings` question, answered through the command's (or the press's) `response_url`. */
export interface QueryJob {
  kind: 'query';
  query: FindingQuery;
  channel: string;
  responseUrl: string;
  /** A "Next page" press replaces the list it was pressed in. */
  replaceOriginal: boolean;
  actor: Actor;
  requestedAt: string;
}

export type Job = ActionJob | QueryJob;

const jobSchema = lazySchema(() => {
  const actor = z.object({ id: nonEmpty(), name: z.string() });
  return z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('action'),
        action: nonEmpty(),
        analyzerArn: nonEmpty(),
        findingId: nonEmpty(),
        resource: z.string(),
        channel: nonEmpty(),
        messageTs: z.optional(nonEmpty()),
        responseUrl: z.optional(z.url()),
        actor,
        requestedAt: z.iso.datetime(),
      })
      .check(
        z.refine(
          (j) => Boolean(j.messageTs || j.responseUrl),
          'an action job names its message or its response_url',
        ),
      ),
    z.object({
      kind: z.literal('query'),
      query: findingQuerySchema(),
      channel: nonEmpty(),
      responseUrl: z.url(),
      replaceOriginal: z.boolean(),
      actor,
      requestedAt: z.iso.datetime(),
    }),
  ]);
});

const PURPOSE = 'job';
/** A job older than this is refused: nobody should find a role isolated hours after they pressed. */
export const JOB_MAX_AGE_MS = 60 * 60 * 1000;

/** Seals a job so that only a holder of the action key (the Slack path) can create one. */
export function sealJob(job: Job, keys: SigningKeys): string {
  return seal(PURPOSE, { job }, keys);
}

/** Opens a sealed job; refuses a forged, malformed or stale one. */
export function openJob(sealed: string, keys: SigningKeys, now: Date): Job {
  const parsed = jobSchema().safeParse(unseal(PURPOSE, sealed, keys).job);
  if (!parsed.success)
    throw new AppError('request_invalid', msg('error.requestInvalid'), { cause: parsed.error });
  const age = now.getTime() - Date.parse(parsed.data.requestedAt);
  if (age > JOB_MAX_AGE_MS) {
    throw new AppError('token_expired', msg('error.tokenExpired', { at: parsed.data.requestedAt }), {
      cause: new Error(`job requested ${parsed.data.requestedAt} is older than ${JOB_MAX_AGE_MS} ms`),
    });
  }
  return parsed.data as Job;
}
