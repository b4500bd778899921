/**
 * Every item of one index partition whose sort key lies in a range, page after page: the listing
 * the month's records are read with (complaints received, cards issued), so what is read grows
 * with the month's records, not with the partition's history.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from './client.ts';

export async function queryIndexRange(
  tableName: string,
  index: string,
  partition: string,
  from: string,
  to: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
        ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': to },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The sort-key range of the instants of days `from`–`to` (`2026-11-01`, `2026-11-30`), Beijing time. */
export function dayRange(from: string, to: string): { from: string; to: string } {
  // Instants are stored as `2026-11-30T17:30:00+08:00…`: every one of the last day sorts before `~`.
  return { from, to: `${to}~` };
}
