/**
 * Reading every item a query matches, page after page — a month's partition, or the part of an
 * index partition whose sort key lies in a range (complaints received, cards issued in a month) —
 * so what is read grows with the month's records, not with the partition's history.
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from './client.ts';

type Item = Record<string, unknown>;

/**
 * Every item of the query, following `LastEvaluatedKey`, and how many items the query read (what
 * the figures' benches count); through `client` when given (a counting client), else the store's.
 */
export async function queryPages(
  input: QueryCommandInput,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Promise<{ items: Item[]; read: number }> {
  const items: Item[] = [];
  let read = 0;
  let startKey: Item | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    read += page.ScannedCount ?? page.Items?.length ?? 0;
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { items, read };
}

/** Every item of the query, following `LastEvaluatedKey`. */
export async function queryAll(input: QueryCommandInput): Promise<Item[]> {
  return (await queryPages(input)).items;
}

/** Every item of one index partition whose sort key lies between `from` and `to`. */
export function queryIndexRange(
  tableName: string,
  index: string,
  partition: string,
  from: string,
  to: string,
): Promise<Record<string, unknown>[]> {
  return queryAll({
    TableName: tableName,
    IndexName: index,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
    ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': to },
  });
}

/** The sort-key range of the instants of days `from`–`to` (`2026-11-01`, `2026-11-30`), Beijing time. */
export function dayRange(from: string, to: string): { from: string; to: string } {
  // Instants are stored as `2026-11-30T17:30:00+08:00…`: every one of the last day sorts before `~`.
  return { from, to: `${to}~` };
}
