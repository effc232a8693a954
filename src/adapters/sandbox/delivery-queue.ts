import { randomUUID } from 'node:crypto';

/** What the SQS event source hands the function: a batch of records. */
export interface SqsBatch {
  Records: Array<{
    messageId: string;
    body: string;
    eventSource: 'aws:sqs';
    attributes: { ApproximateReceiveCount: string };
  }>;
}

/** The function's partial batch response. */
export interface BatchResponse {
  batchItemFailures?: Array<{ itemIdentifier: string }>;
}

export interface DeliveryOptions {
  batchSize?: number;
  /** How long a failed record stays invisible before it is delivered again. */
  visibilityTimeoutMs?: number;
  /** Deliveries before a record goes to the dead-letter queue. */
  maxReceiveCount?: number;
}

interface Queued {
  id: string;
  body: string;
  receives: number;
  visibleAt: number;
}

/**
 * EventBridge → SQS → Lambda, in-process: events wait in a queue, the function receives them in
 * batches one batch at a time, failed records come back after the visibility timeout, and after
 * `maxReceiveCount` deliveries they land in the dead-letter queue, never nowhere.
 */
export class DeliveryQueue {
  readonly deadLetters: Array<{ id: string; body: string }> = [];
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private running?: Promise<void>;
  private readonly batchSize: number;
  private readonly visibilityTimeoutMs: number;
  private readonly maxReceiveCount: number;

  constructor(
    private readonly deliver: (batch: SqsBatch) => Promise<BatchResponse | undefined>,
    private readonly onChange: () => void = () => {},
    options: DeliveryOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 10;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? 2_000;
    this.maxReceiveCount = options.maxReceiveCount ?? 3;
  }

  /** Queues an event (EventBridge's rule target). */
  send(event: unknown): void {
    this.queue.push({ id: randomUUID(), body: JSON.stringify(event), receives: 0, visibleAt: 0 });
    this.onChange();
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  counts(): { waiting: number; inFlight: number; deadLetters: number } {
    return { waiting: this.queue.length, inFlight: this.inFlight, deadLetters: this.deadLetters.length };
  }

  /** Resolves once every queued event has been delivered or dead-lettered. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const now = Date.now();
      const batch = this.queue.filter((q) => q.visibleAt <= now).slice(0, this.batchSize);
      if (batch.length === 0) {
        const next = Math.min(...this.queue.map((q) => q.visibleAt));
        await new Promise((resolve) => setTimeout(resolve, Math.max(10, next - now)));
        continue;
      }
      for (const q of batch) this.queue.splice(this.queue.indexOf(q), 1);
      this.inFlight = batch.length;
      this.onChange();
      let failed: Set<string>;
      try {
        const response = await this.deliver({
          Records: batch.map((q) => ({
            messageId: q.id,
            body: q.body,
            eventSource: 'aws:sqs',
            attributes: { ApproximateReceiveCount: String(++q.receives) },
          })),
        });
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch {
        // A function error fails the whole batch, as with SQS.
        failed = new Set(batch.map((q) => q.id));
      }
      this.inFlight = 0;
      for (const q of batch.filter((b) => failed.has(b.id))) {
        if (q.receives >= this.maxReceiveCount) this.deadLetters.push({ id: q.id, body: q.body });
        else this.queue.push({ ...q, visibleAt: Date.now() + this.visibilityTimeoutMs });
      }
      this.onChange();
    }
  }
}
