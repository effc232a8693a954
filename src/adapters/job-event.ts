import * as z from 'zod';

/** The event the Slack path sends to the job path (an asynchronous invoke of the same function). */
export const jobEvent = z.object({ 'access-findings': z.literal('job'), job: z.string().min(1) });
export type JobEvent = z.infer<typeof jobEvent>;

/** Wraps a sealed job as the job event. */
export function toJobEvent(sealedJob: string): JobEvent {
  return { 'access-findings': 'job', job: sealedJob };
}
