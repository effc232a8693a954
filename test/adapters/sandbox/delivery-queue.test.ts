import { describe, expect, it } from 'vitest';
import { DeliveryQueue, type SqsBatch } from '../../../src/adapters/sandbox/delivery-queue.js';

describe('DeliveryQueue (EventBridge → SQS → Lambda, in-process)', () => {
  it('delivers in batches, redelivers failed records, and dead-letters them after 3 receives', async () => {
    const batches: SqsBatch[] = [];
    const queue = new DeliveryQueue(
      async (batch) => {
        batches.push(batch);
        const failing = batch.Records.filter((r) => JSON.parse(r.body).n === 3);
        return { batchItemFailures: failing.map((r) => ({ itemIdentifier: r.messageId })) };
      },
      () => {},
      { batchSize: 2, visibilityTimeoutMs: 5 },
    );
    for (let n = 1; n <= 5; n++) queue.send({ n });
    await queue.idle();
    const delivered = batches.flatMap((b) => b.Records.map((r) => JSON.parse(r.body).n));
    expect(delivered.filter((n) => n !== 3).sort()).toEqual([1, 2, 4, 5]);
    expect(delivered.filter((n) => n === 3)).toHaveLength(3);
    expect(batches.every((b) => b.Records.length <= 2)).toBe(true);
    expect(queue.deadLetters.map((d) => JSON.parse(d.body))).toEqual([{ n: 3 }]);
    expect(queue.counts()).toEqual({ waiting: 0, inFlight: 0, deadLetters: 1 });
  });

  it('retries a whole batch when the function throws', async () => {
    let calls = 0;
    const queue = new DeliveryQueue(
      async () => {
        calls++;
        if (calls === 1) throw new Error('cold start failed');
        return {};
      },
      () => {},
      { visibilityTimeoutMs: 5 },
    );
    queue.send({ a: 1 });
    await queue.idle();
    expect(calls).toBe(2);
    expect(queue.deadLetters).toEqual([]);
  });
});
