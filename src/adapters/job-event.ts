import * as z from 'zod/mini';
import { lazySchema, nonEmpty } from '../domain/schemas.js';

/** The event the Slack path sends to the job path (an asynchronous invoke of the same function). */
export const jobEvent = lazySchema(() => z.object({ 'access-findings': z.literal('job'), job: nonEmpty() }));
export type JobEvent = z.infer<ReturnType<typeof jobEvent>>;

/** Wraps a sealed job as the job event. */
export function toJobEvent(sealedJob: string): JobEvent {
  return { 'access-findings': 'job', job: sealedJob };
}
