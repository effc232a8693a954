/**
 * The state table's shape, in one place: the CDK stack creates it from this, and the store (with the
 * sandbox and tests, which create it on the fly) reads and writes by it.
 */
export const STATE_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which DynamoDB may delete an item (dedupe keys, locks, old records). */
  ttlAttribute: 'expiresAt',
} as const;
