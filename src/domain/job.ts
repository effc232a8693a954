import { z } from 'zod';
import { AppError } from './errors.js';
import { msg } from './messages/index.js';
import { type SigningKeys, seal, unseal } from './sealed.js';

/** A person's request to act on a finding, handed from the Slack path to the job path. */
export interface ActionJob {
  action: string;
  analyzerArn: string;
  findingId: string;
  resource: string;
  channel: string;
  /** The finding message the button sat in. */
  messageTs: string;
  actor: { id: string; name: string };
  requestedAt: string;
}

const jobSchema = z.object({
  action: z.string().min(1),
  analyzerArn: z.string().min(1),
  findingId: z.string().min(1),
  resource: z.string(),
  channel: z.string().min(1),
  messageTs: z.string().min(1),
  actor: z.object({ id: z.string().min(1), name: z.string() }),
  requestedAt: z.iso.datetime(),
});

const PURPOSE = 'job';
/** A job older than this is refused: nobody should find a role isolated hours after they pressed. */
export const JOB_MAX_AGE_MS = 60 * 60 * 1000;

/** Seals a job so that only a holder of the action key (the Slack path) can create one. */
export function sealJob(job: ActionJob, keys: SigningKeys): string {
  return seal(PURPOSE, { job }, keys);
}

/** Opens a sealed job; refuses a forged, malformed or stale one. */
export function openJob(sealed: string, keys: SigningKeys, now: Date): ActionJob {
  const parsed = jobSchema.safeParse(unseal(PURPOSE, sealed, keys).job);
  if (!parsed.success)
    throw new AppError('request_invalid', msg('error.requestInvalid'), { cause: parsed.error });
  const age = now.getTime() - Date.parse(parsed.data.requestedAt);
  if (age > JOB_MAX_AGE_MS) {
    throw new AppError('token_expired', msg('error.tokenExpired', { at: parsed.data.requestedAt }), {
      cause: new Error(`job requested ${parsed.data.requestedAt} is older than ${JOB_MAX_AGE_MS} ms`),
    });
  }
  return parsed.data;
}
