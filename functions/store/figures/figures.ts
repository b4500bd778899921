/**
 * Reading one period's cases for the figures: the case numbers from the month index
 * (case-months.ts) of each month the period covers — for a day, only those with an event that
 * day — then the cases themselves, 100 to a batch. Items read: one index item per case and month
 * touched, plus each case once.
 */
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../../domain/cases/types.ts';
import { type Period, periodMonths } from '../../domain/figures/periods.ts';
import { caseKey } from '../cases/cases.ts';
import { dynamoDocumentClient } from '../client.ts';
import { batchGet } from '../supervision/writes.ts';
import { caseMonthPartition } from './case-months.ts';

export interface PeriodCases {
  states: CaseState[];
  /** Index items and case items read, for the bench. */
  itemsRead: number;
}

async function caseNumbersOfMonth(tableName: string, centre: string, month: string, day?: string) {
  const caseNos: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  let read = 0;
  do {
    const result = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ...(day ? { FilterExpression: 'contains(#days, :day)' } : {}),
        ExpressionAttributeNames: day ? { '#days': 'days', '#caseNo': 'caseNo' } : { '#caseNo': 'caseNo' },
        ExpressionAttributeValues: {
          ':pk': caseMonthPartition(centre, month),
          ...(day ? { ':day': day } : {}),
        },
        ProjectionExpression: '#caseNo',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    read += result.ScannedCount ?? 0;
    for (const item of result.Items ?? []) caseNos.push(item.caseNo as string);
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return { caseNos, read };
}

/** The cases with these numbers (an unknown number is skipped): a page of 2,000 is 20 batches, four at a time. */
export async function loadStates(tableName: string, caseNos: readonly string[]): Promise<CaseState[]> {
  const { items } = await batchGet(dynamoDocumentClient(), tableName, caseNos.map(caseKey), {
    projection: '#data',
    names: { '#data': 'data' },
  });
  return items.map((item) => item.data as CaseState);
}

/** The cases with an event in the period (each once, however many of its months it touched). */
export async function casesOfPeriod(tableName: string, centre: string, period: Period): Promise<PeriodCases> {
  const months = periodMonths(period);
  const found = await Promise.all(
    months.map((month) =>
      caseNumbersOfMonth(tableName, centre, month, period.kind === 'day' ? period.from : undefined),
    ),
  );
  const caseNos = [...new Set(found.flatMap((month) => month.caseNos))];
  const states = await loadStates(tableName, caseNos);
  return { states, itemsRead: found.reduce((sum, month) => sum + month.read, 0) + states.length };
}

export class InvalidPeriodCursorError extends Error {
  override readonly name = 'InvalidPeriodCursorError';
}

interface PeriodCursor {
  /** Index of the month in the period's months. */
  month: number;
  key?: Record<string, unknown>;
}

function encodePeriodCursor(cursor: PeriodCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodePeriodCursor(text: string, months: number, partitions: readonly string[]): PeriodCursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as PeriodCursor;
    const key = cursor.key;
    const inRange = Number.isInteger(cursor.month) && cursor.month >= 0 && cursor.month < months;
    if (
      inRange &&
      (key === undefined || (key.pk === partitions[cursor.month] && typeof key.sk === 'string'))
    ) {
      return key === undefined
        ? { month: cursor.month }
        : { month: cursor.month, key: { pk: key.pk, sk: key.sk } };
    }
  } catch {
    // fall through
  }
  throw new InvalidPeriodCursorError('The cursor does not belong to this period.');
}

export interface PeriodCasesPage {
  /** The page's cases, in index order (the caller checks dates and the scope). */
  states: CaseState[];
  nextCursor: string | null;
}

/**
 * Which index items a page walks: `received` — the cases received in the period's months (the
 * ledger; the caller checks the day); `touched` — every case with an event in the period (for a
 * day, an event that day), as the figures read them.
 */
export type PeriodCaseSet = 'received' | 'touched';

/**
 * One page of a period's cases, in index order: at most `limit` index items are read per page, so a
 * month of any size is walked page by page and never held at once.
 */
export async function periodCasesPage(
  tableName: string,
  centre: string,
  period: Period,
  which: PeriodCaseSet,
  limit: number,
  cursorText?: string,
): Promise<PeriodCasesPage> {
  const months = periodMonths(period);
  const partitions = months.map((month) => caseMonthPartition(centre, month));
  let cursor: PeriodCursor | null = cursorText
    ? decodePeriodCursor(cursorText, months.length, partitions)
    : { month: 0 };
  const filter =
    which === 'received'
      ? { FilterExpression: 'receivedHere = :true', ExpressionAttributeValues: { ':true': true } }
      : period.kind === 'day'
        ? {
            FilterExpression: 'contains(#days, :day)',
            ExpressionAttributeNames: { '#days': 'days' },
            ExpressionAttributeValues: { ':day': period.from },
          }
        : {};
  const caseNos: string[] = [];
  let read = 0;
  while (cursor && read < limit) {
    const result: QueryCommandOutput = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ...(filter.FilterExpression ? { FilterExpression: filter.FilterExpression } : {}),
        ExpressionAttributeNames: { '#caseNo': 'caseNo', ...filter.ExpressionAttributeNames },
        ExpressionAttributeValues: { ':pk': partitions[cursor.month], ...filter.ExpressionAttributeValues },
        ProjectionExpression: 'pk, sk, #caseNo',
        Limit: limit - read,
        ...(cursor.key ? { ExclusiveStartKey: cursor.key } : {}),
      }),
    );
    read += result.ScannedCount ?? 0;
    for (const item of result.Items ?? []) caseNos.push(item.caseNo as string);
    if (result.LastEvaluatedKey) {
      cursor = {
        month: cursor.month,
        key: { pk: result.LastEvaluatedKey.pk, sk: result.LastEvaluatedKey.sk },
      };
    } else {
      cursor = cursor.month + 1 < months.length ? { month: cursor.month + 1 } : null;
    }
  }
  const states = await loadStates(tableName, caseNos);
  const order = new Map(caseNos.map((caseNo, index) => [caseNo, index]));
  states.sort((a, b) => (order.get(a.caseNo) ?? 0) - (order.get(b.caseNo) ?? 0));
  return { states, nextCursor: cursor ? encodePeriodCursor(cursor) : null };
}

/** One page of the cases received in the period, for the ledger (see {@link periodCasesPage}). */
export function ledgerPage(
  tableName: string,
  centre: string,
  period: Period,
  limit: number,
  cursorText?: string,
): Promise<PeriodCasesPage> {
  return periodCasesPage(tableName, centre, period, 'received', limit, cursorText);
}
