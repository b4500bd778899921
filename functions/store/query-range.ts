/**
 * Reading every item a query matches, page after page — a month's partition, or the part of an
 * index partition whose sort key lies in a range (complaints received, cards issued in a month) —
 * so what is read grows with the month's records, not with the partition's history.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from './client.ts';

/** Every item of the query, following `LastEvaluatedKey`. */
export async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDocumentClient().send(
      new QueryCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
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
