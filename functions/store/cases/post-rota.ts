/**
 * The A/B post rota (AB岗) of a window: which of its clerks are away. One item per away clerk —
 *
 *   pk = window#<code>   sk = away#<username>   { since, reason, setBy }
 *
 * — put when the clerk leaves the post, deleted when they are back. While a case's handler has such
 * an item, the other clerks of the window act on the case with full duties (history records for
 * whom). A command by anyone but the handler reads one item to know.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/calendar/instant.ts';
import { dynamoDocumentClient } from '../client.ts';

export interface AwayRecord {
  username: string;
  since: Instant;
  reason: string;
  setBy: string;
}

const awayKey = (window: string, username: string) => ({ pk: `window#${window}`, sk: `away#${username}` });

export async function isAway(tableName: string, window: string, username: string): Promise<boolean> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: awayKey(window, username), ConsistentRead: true }),
  );
  return result.Item !== undefined;
}

export async function listAway(tableName: string, window: string): Promise<AwayRecord[]> {
  const result = await dynamoDocumentClient().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :away)',
      ExpressionAttributeValues: { ':pk': `window#${window}`, ':away': 'away#' },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => ({
    username: item.username as string,
    since: item.since as string,
    reason: item.reason as string,
    setBy: item.setBy as string,
  }));
}

export async function setAway(tableName: string, window: string, record: AwayRecord): Promise<void> {
  await dynamoDocumentClient().send(
    new PutCommand({
      TableName: tableName,
      Item: { ...awayKey(window, record.username), type: 'away', window, ...record },
    }),
  );
}

export async function setBack(tableName: string, window: string, username: string): Promise<void> {
  await dynamoDocumentClient().send(
    new DeleteCommand({ TableName: tableName, Key: awayKey(window, username) }),
  );
}
