/**
 * Counters with `ADD` (dynalite has no transactions; an atomic add is one write and never hands
 * the same value out twice). Case and bundle serials run per centre and Beijing day, complaint
 * serials per Beijing day, queue ticket serials per prefix and Beijing day (so A001 comes again
 * tomorrow); the counter item of a
 * day carries the table's expiry attribute so the cloud drops it after a year.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CivilDate } from '../domain/calendar/civil.ts';
import { dynamoDocumentClient } from './client.ts';
import { table } from './table.ts';

function dailyExpiry(date: CivilDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000) + 400 * 86_400;
}

/** Adds one to the day's counter under `pk` and returns the new value: 1, 2, 3… */
async function nextDailySerial(tableName: string, pk: string, date: CivilDate): Promise<number> {
  const result = await dynamoDocumentClient().send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk, sk: date },
      UpdateExpression: 'ADD #serial :one SET #expires = if_not_exists(#expires, :expires)',
      ExpressionAttributeNames: { '#serial': 'serial', '#expires': table.timeToLiveAttribute },
      ExpressionAttributeValues: {
        ':one': 1,
        ':expires': dailyExpiry(date),
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.serial);
}

/** The next case serial of a centre's day. */
export function nextCaseSerial(tableName: string, centre: string, date: CivilDate): Promise<number> {
  return nextDailySerial(tableName, `counter#case#${centre}`, date);
}

/** The next complaint serial of a Beijing day. */
export function nextComplaintSerial(tableName: string, date: CivilDate): Promise<number> {
  return nextDailySerial(tableName, 'counter#complaint', date);
}

/** The next queue ticket serial of a ticket prefix (`A`) on a Beijing day. */
export function nextTicketSerial(tableName: string, prefix: string, date: CivilDate): Promise<number> {
  return nextDailySerial(tableName, `counter#ticket#${prefix}`, date);
}

/** The next bundle (一件事) serial of a centre's day. */
export function nextBundleSerial(tableName: string, centre: string, date: CivilDate): Promise<number> {
  return nextDailySerial(tableName, `counter#bundle#${centre}`, date);
}

/**
 * `count` consecutive case serials of a centre's day in one `ADD` (a bundle's parts): the first
 * of them; the counter never hands any of them out again.
 */
export async function nextCaseSerials(
  tableName: string,
  centre: string,
  date: CivilDate,
  count: number,
): Promise<number> {
  const result = await dynamoDocumentClient().send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `counter#case#${centre}`, sk: date },
      UpdateExpression: 'ADD #serial :count SET #expires = if_not_exists(#expires, :expires)',
      ExpressionAttributeNames: { '#serial': 'serial', '#expires': table.timeToLiveAttribute },
      ExpressionAttributeValues: { ':count': count, ':expires': dailyExpiry(date) },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.serial) - count + 1;
}
