/**
 * The writes the sweep's announcements share: a put that only creates (`attribute_not_exists`),
 * puts in batches of 25 (BatchWriteItem) for items whose content is fixed by their key, which of
 * some keys exist (BatchGetItem of 100), and a pool that runs a bounded number of requests at once.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../conditional-write.ts';

type Item = Record<string, unknown>;

/** Puts the item unless one with its key exists; true when it was new. */
export async function putOnce(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Item,
): Promise<boolean> {
  return conditionally(() =>
    client.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    ),
  );
}

/**
 * Runs `task` on every input with at most `limit` running at once and returns the results in input
 * order. Every started task is waited for before the first failure is thrown, so nothing keeps
 * writing after the caller has given up.
 */
export async function mapBounded<T, R>(
  inputs: readonly T[],
  limit: number,
  task: (input: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < inputs.length && !failure) {
      const index = next++;
      try {
        results[index] = await task(inputs[index] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), inputs.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/** DynamoDB's limits of requests per BatchWriteItem and keys per BatchGetItem. */
export const batchWriteLimit = 25;
export const batchGetLimit = 100;

const unprocessedAttempts = 8;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => wait(Math.min(500, 10 * 2 ** attempt));

export interface ItemKey {
  pk?: unknown;
  sk?: unknown;
}

export function keyString(key: ItemKey): string {
  return `${key.pk}\u0000${key.sk}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export interface BatchGetOptions {
  consistent?: boolean;
  /** A projection expression, with the placeholder names it uses. */
  projection?: string;
  names?: Record<string, string>;
  /** Batches read at once. */
  concurrency?: number;
}

/**
 * The items with these keys (an unknown key is skipped), read in batches of 100, `concurrency`
 * batches at once; what DynamoDB leaves unprocessed is asked again with backoff, and an error is
 * thrown if some is still left after that. With the read capacity it consumed.
 */
export async function batchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  options: BatchGetOptions = {},
): Promise<{ items: Item[]; readCapacity: number }> {
  let readCapacity = 0;
  const unique = [...new Map(keys.map((key) => [keyString(key), { pk: key.pk, sk: key.sk }])).values()];
  const batches = await mapBounded(chunks(unique, batchGetLimit), options.concurrency ?? 4, async (batch) => {
    const items: Item[] = [];
    let pending: Record<string, unknown>[] = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === unprocessedAttempts) {
        throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt} attempts`);
      }
      if (attempt > 0) await backoff(attempt);
      const result = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ...(options.consistent ? { ConsistentRead: true } : {}),
              ...(options.projection ? { ProjectionExpression: options.projection } : {}),
              ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
            },
          },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      for (const consumed of result.ConsumedCapacity ?? []) readCapacity += consumed.CapacityUnits ?? 0;
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
    return items;
  });
  return { items: batches.flat(), readCapacity };
}

/** Which of the keys exist, read consistently ({@link batchGet}), with the read capacity it consumed. */
export async function existingKeys(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  concurrency = 4,
): Promise<{ keys: Set<string>; readCapacity: number }> {
  const { items, readCapacity } = await batchGet(client, tableName, keys, {
    consistent: true,
    projection: 'pk, sk',
    concurrency,
  });
  return { keys: new Set(items.map((item) => keyString(item as ItemKey))), readCapacity };
}

/**
 * Puts the items in batches of 25, `concurrency` batches at once; what DynamoDB leaves unprocessed
 * (throttling) is sent again with exponential backoff, and an error is thrown if some is still left
 * after that. Only for items whose content is determined by their key (an inbox entry, a bus event):
 * a batch put overwrites, so writing one twice changes nothing. Items with the same key are sent
 * once (DynamoDB refuses a batch that names a key twice). Returns how many items were written.
 */
export async function batchPut(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
  concurrency = 4,
): Promise<number> {
  const unique = [...new Map(items.map((item) => [keyString(item), item])).values()];
  await mapBounded(chunks(unique, batchWriteLimit), concurrency, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === unprocessedAttempts) {
        throw new Error(`BatchWriteItem left ${pending.length} items unprocessed after ${attempt} attempts`);
      }
      if (attempt > 0) await backoff(attempt);
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  });
  return unique.length;
}
