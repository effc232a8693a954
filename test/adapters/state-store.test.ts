import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbStateStore, ensureStateTable } from '../../src/adapters/aws/dynamodb-store.js';
import { MemoryStateStore } from '../../src/adapters/memory-store.js';
import type { StateStore } from '../../src/ports.js';
import { startDynalite } from '../support/dynalite.js';
import { FakeClock } from '../support/fakes.js';
import { motoClientConfig, motoUrl } from '../support/moto.js';

/**
 * The same contract for every state store: the app's claims and locks rely on exactly this.
 * `concurrent: false` skips the races: moto_server's threads do not serialize writes to one item
 * (seen: five concurrent ADDs answering 1, 1, 2, 3, 4), while DynamoDB and dynalite do.
 */
function contract(name: string, make: (clock: FakeClock) => Promise<StateStore>, { concurrent = true } = {}) {
  describe(`state store contract: ${name}`, () => {
    let n = 0;
    const key = () => ({ pk: `test#${name}#${++n}`, sk: 'item' });

    it('creates only when absent, then writes only at the expected version', async () => {
      const store = await make(new FakeClock());
      const k = key();
      expect(await store.get(k)).toBeUndefined();
      expect(await store.put(k, { a: 1 }, undefined)).toBe(true);
      expect(await store.put(k, { a: 2 }, undefined)).toBe(false);
      expect(await store.get(k)).toEqual({ value: { a: 1 }, version: 1 });
      expect(await store.put(k, { a: 3 }, 1)).toBe(true);
      expect(await store.put(k, { a: 4 }, 1)).toBe(false);
      expect(await store.get(k)).toEqual({ value: { a: 3 }, version: 2 });
    });

    if (concurrent) {
      it('lets exactly one of many concurrent writers win', async () => {
        const store = await make(new FakeClock());
        const k = key();
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.put(k, { writer: i }, undefined)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect((await store.get<{ writer: number }>(k))?.value.writer).toBe(winner);
      });
    }

    it('deletes, conditionally when asked', async () => {
      const store = await make(new FakeClock());
      const k = key();
      await store.put(k, 'x', undefined);
      expect(await store.delete(k, 5)).toBe(false);
      expect(await store.delete(k, 1)).toBe(true);
      expect(await store.get(k)).toBeUndefined();
    });

    if (concurrent) {
      it('counts atomically', async () => {
        const store = await make(new FakeClock());
        const k = key();
        const values = await Promise.all(Array.from({ length: 5 }, () => store.increment(k, 1, 120)));
        expect(values.sort()).toEqual([1, 2, 3, 4, 5]);
      });
    }

    it('treats an expired item as absent, even before it is deleted', async () => {
      const clock = new FakeClock();
      const store = await make(clock);
      const k = key();
      await store.put(k, 'short-lived', undefined, 60);
      clock.advance(61_000);
      expect(await store.get(k)).toBeUndefined();
      expect(await store.put(k, 'again', undefined)).toBe(true);
    });

    it('scans by partition key prefix', async () => {
      const store = await make(new FakeClock());
      const prefix = `scan#${name}#${++n}#`;
      await store.put({ pk: `${prefix}a`, sk: 's' }, 1, undefined);
      await store.put({ pk: `${prefix}b`, sk: 's' }, 2, undefined);
      await store.put({ pk: `other#${prefix}`, sk: 's' }, 3, undefined);
      const seen: number[] = [];
      for await (const item of store.scan<number>(prefix)) seen.push(item.value);
      expect(seen.sort()).toEqual([1, 2]);
    });
  });
}

contract('memory', async (clock) => new MemoryStateStore(clock));

let dynalite: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  dynalite = await startDynalite();
  await ensureStateTable(dynalite.client, 'access-findings-state');
});
afterAll(() => dynalite.stop());
contract(
  'DynamoDB on dynalite',
  async (clock) => new DynamoDbStateStore(dynalite.client, 'access-findings-state', clock),
);

describe.skipIf(!motoUrl)('on moto_server', () => {
  const client = new DynamoDBClient(motoClientConfig());
  beforeAll(() => ensureStateTable(client, 'access-findings-moto'));
  contract(
    'DynamoDB on moto_server',
    async (clock) => new DynamoDbStateStore(client, 'access-findings-moto', clock),
    {
      concurrent: false,
    },
  );

  it('counts, one write after another', async () => {
    const store = new DynamoDbStateStore(client, 'access-findings-moto', new FakeClock());
    const key = { pk: 'moto#counter', sk: 'c' };
    expect([await store.increment(key, 1, 60), await store.increment(key, 2, 60)]).toEqual([1, 3]);
  });
});

describe('ensureStateTable', () => {
  it('creates the table once, and is harmless when it exists', async () => {
    await ensureStateTable(dynalite.client, 'created-twice');
    await ensureStateTable(dynalite.client, 'created-twice');
    const store = new DynamoDbStateStore(dynalite.client, 'created-twice', new FakeClock());
    expect(await store.put({ pk: 'a', sk: 'b' }, 1, undefined)).toBe(true);
  });
});
