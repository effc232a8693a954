import type { Jobs, Log } from '../../ports.js';
import { type JobEvent, toJobEvent } from '../job-event.js';

/** Jobs run in this process, after the Slack request is answered (as an asynchronous invoke would). */
export interface InProcessJobs extends Jobs {
  /** Resolves when every job handed off so far has finished. */
  idle(): Promise<void>;
}

/** Runs each job through `run` (the handler) on a later tick; failures are logged. */
export function inProcessJobs(run: (event: JobEvent) => Promise<unknown>, log: Log): InProcessJobs {
  const pending = new Set<Promise<unknown>>();
  return {
    async enqueue(sealedJob) {
      const job: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
        .then(() => run(toJobEvent(sealedJob)))
        .catch((error) => log.error('job failed', { error }))
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
