import type { Clock, StateStore, Stored, StoreKey } from '../ports.js';

interface Item {
  value: unknown;
  version: number;
  expiresAt?: number;
}

/**
 * The state store in this process's memory, with the same semantics as the DynamoDB one (a contract
 * test runs both). Used when no table is configured: dedupe and locks then hold within one process.
 */
export class MemoryStateStore implements StateStore {
  private readonly items = new Map<string, Item>();

  constructor(private readonly clock: Clock = { now: () => new Date() }) {}

  private id(key: StoreKey): string {
    return `${key.pk}\u0000${key.sk}`;
  }

  private live(key: StoreKey): Item | undefined {
    const item = this.items.get(this.id(key));
    if (item?.expiresAt !== undefined && item.expiresAt * 1000 <= this.clock.now().getTime()) {
      this.items.delete(this.id(key));
      return undefined;
    }
    return item;
  }

  private expiry(ttlSeconds?: number): number | undefined {
    return ttlSeconds === undefined ? undefined : Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds;
  }

  async get<T>(key: StoreKey): Promise<Stored<T> | undefined> {
    const item = this.live(key);
    return item ? { value: structuredClone(item.value) as T, version: item.version } : undefined;
  }

  async put<T>(key: StoreKey, value: T, expected: number | undefined, ttlSeconds?: number): Promise<boolean> {
    const current = this.live(key);
    if ((current?.version ?? undefined) !== expected) return false;
    this.items.set(this.id(key), {
      value: structuredClone(value),
      version: (expected ?? 0) + 1,
      expiresAt: this.expiry(ttlSeconds),
    });
    return true;
  }

  async delete(key: StoreKey, expected?: number): Promise<boolean> {
    const current = this.live(key);
    if (expected !== undefined && current?.version !== expected) return false;
    this.items.delete(this.id(key));
    return true;
  }

  async increment(key: StoreKey, by: number, ttlSeconds?: number): Promise<number> {
    const current = this.live(key);
    const value = ((current?.value as number | undefined) ?? 0) + by;
    this.items.set(this.id(key), {
      value,
      version: (current?.version ?? 0) + 1,
      expiresAt: current?.expiresAt ?? this.expiry(ttlSeconds),
    });
    return value;
  }

  async *scan<T>(pkPrefix: string): AsyncIterable<{ key: StoreKey; value: T; version: number }> {
    for (const [id, item] of [...this.items]) {
      const [pk = '', sk = ''] = id.split('\u0000');
      if (!pk.startsWith(pkPrefix) || !this.live({ pk, sk })) continue;
      yield { key: { pk, sk }, value: structuredClone(item.value) as T, version: item.version };
    }
  }
}
