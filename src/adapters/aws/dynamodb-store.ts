import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  type ScanCommandOutput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Clock, StateStore, Stored, StoreKey } from '../../ports.js';
import { awsError, isAwsError } from './errors.js';
import { STATE_TABLE } from './state-table.js';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = STATE_TABLE;

/** The state store on DynamoDB: one table, items `{pk, sk, ver, body, expiresAt}`, conditional writes on `ver`. */
export class DynamoDbStateStore implements StateStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
    private readonly clock: Clock,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private expiry(ttlSeconds?: number): Record<string, number> {
    return ttlSeconds === undefined
      ? {}
      : { [TTL]: Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds };
  }

  /** DynamoDB deletes expired items lazily (up to days later); an expired item must not count as present. */
  private expired(item: Record<string, unknown>): boolean {
    const at = item[TTL];
    return typeof at === 'number' && at * 1000 <= this.clock.now().getTime();
  }

  async get<T>(key: StoreKey): Promise<Stored<T> | undefined> {
    try {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: { [PK]: key.pk, [SK]: key.sk }, ConsistentRead: true }),
      );
      if (!Item || this.expired(Item)) return undefined;
      return { value: Item.body as T, version: Item.ver as number };
    } catch (error) {
      throw awsError('dynamodb:GetItem', error);
    }
  }

  async put<T>(key: StoreKey, value: T, expected: number | undefined, ttlSeconds?: number): Promise<boolean> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            [PK]: key.pk,
            [SK]: key.sk,
            ver: (expected ?? 0) + 1,
            body: value,
            ...this.expiry(ttlSeconds),
          },
          // "Absent" includes an item past its expiry that DynamoDB has not deleted yet.
          ConditionExpression:
            expected === undefined ? 'attribute_not_exists(#pk) OR #ttl <= :now' : '#ver = :expected',
          ExpressionAttributeNames: expected === undefined ? { '#pk': PK, '#ttl': TTL } : { '#ver': 'ver' },
          ExpressionAttributeValues: expected === undefined ? { ':now': now } : { ':expected': expected },
        }),
      );
      return true;
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
      throw awsError('dynamodb:PutItem', error);
    }
  }

  async delete(key: StoreKey, expected?: number): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { [PK]: key.pk, [SK]: key.sk },
          ...(expected === undefined
            ? {}
            : {
                ConditionExpression: '#ver = :expected',
                ExpressionAttributeNames: { '#ver': 'ver' },
                ExpressionAttributeValues: { ':expected': expected },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
      throw awsError('dynamodb:DeleteItem', error);
    }
  }

  async increment(key: StoreKey, by: number, ttlSeconds?: number): Promise<number> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { [PK]: key.pk, [SK]: key.sk },
          UpdateExpression: `ADD body :by, ver :one${ttlSeconds === undefined ? '' : ' SET #ttl = if_not_exists(#ttl, :ttl)'}`,
          ExpressionAttributeValues: {
            ':by': by,
            ':one': 1,
            ...(ttlSeconds === undefined ? {} : { ':ttl': this.expiry(ttlSeconds)[TTL] }),
          },
          ...(ttlSeconds === undefined ? {} : { ExpressionAttributeNames: { '#ttl': TTL } }),
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Attributes?.body as number;
    } catch (error) {
      throw awsError('dynamodb:UpdateItem', error);
    }
  }

  async *scan<T>(pkPrefix: string): AsyncIterable<{ key: StoreKey; value: T; version: number }> {
    let start: Record<string, unknown> | undefined;
    do {
      let page: ScanCommandOutput;
      try {
        page = await this.doc.send(
          new ScanCommand({
            TableName: this.table,
            FilterExpression: 'begins_with(#pk, :prefix)',
            ExpressionAttributeNames: { '#pk': PK },
            ExpressionAttributeValues: { ':prefix': pkPrefix },
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
      } catch (error) {
        throw awsError('dynamodb:Scan', error);
      }
      for (const item of page.Items ?? []) {
        if (this.expired(item)) continue;
        yield {
          key: { pk: item[PK] as string, sk: item[SK] as string },
          value: item.body as T,
          version: item.ver as number,
        };
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
}

/** Creates the state table if it is missing (sandbox and tests only: `STATE_TABLE_AUTO_CREATE=true`). */
export async function ensureStateTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw awsError('dynamodb:DescribeTable', error);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: PK, AttributeType: 'S' },
          { AttributeName: SK, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: PK, KeyType: 'HASH' },
          { AttributeName: SK, KeyType: 'RANGE' },
        ],
      }),
    );
  } catch (error) {
    // Two processes creating it at once: the other one won, which is what we wanted.
    if (!isAwsError(error, 'ResourceInUseException')) throw awsError('dynamodb:CreateTable', error);
  }
  for (let i = 0; i < 50; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: TTL, Enabled: true },
      }),
    );
  } catch {
    // Emulators may not implement TTL; expiry is also checked on every read, so nothing depends on it.
  }
}
