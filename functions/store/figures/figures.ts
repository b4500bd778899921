/**
 * The ledger's pages: the case numbers of the cases received in the period from the month index
 * (case-months.ts), a bounded number per page, then the cases themselves, 100 to a batch. (The
 * figures do not read cases: kept.ts.)
 */
import { BatchGetCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../../domain/cases/types.ts';
import { type Period, periodMonths } from '../../domain/figures/periods.ts';
import { caseKey } from '../cases/cases.ts';
import { dynamoDocumentClient } from '../client.ts';
import { mapBounded } from '../supervision/writes.ts';
import { caseMonthPartition } from './case-months.ts';

/** Batches of 100 keys read at once: a page of the ledger is a few dozen batches. */
const batchesInFlight = 4;

async function loadStates(tableName: string, caseNos: readonly string[]): Promise<CaseState[]> {
  const batches: string[][] = [];
  for (let i = 0; i < caseNos.length; i += 100) batches.push(caseNos.slice(i, i + 100));
  const read = await mapBounded(batches, batchesInFlight, async (batch) => {
    const states: CaseState[] = [];
    let keys: Record<string, unknown>[] = batch.map(caseKey);
    while (keys.length > 0) {
      const result = await dynamoDocumentClient().send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: keys,
              ProjectionExpression: '#data',
              ExpressionAttributeNames: { '#data': 'data' },
            },
          },
        }),
      );
      for (const item of result.Responses?.[tableName] ?? []) states.push(item.data as CaseState);
      keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    return states;
  });
  return read.flat();
}

export class InvalidLedgerCursorError extends Error {
  override readonly name = 'InvalidLedgerCursorError';
}

interface LedgerCursor {
  /** Index of the month in the period's months. */
  month: number;
  key?: Record<string, unknown>;
}

function encodeLedgerCursor(cursor: LedgerCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeLedgerCursor(text: string, months: number, partitions: readonly string[]): LedgerCursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as LedgerCursor;
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
  throw new InvalidLedgerCursorError('The cursor does not belong to this ledger.');
}

export interface LedgerPage {
  /** Cases received in the period's months (the caller checks the day and the scope). */
  states: CaseState[];
  nextCursor: string | null;
}

/**
 * One page of the cases received in the period, in index order: at most `limit` index items are
 * read per page, so a month of any size is exported page by page and never held at once.
 */
export async function ledgerPage(
  tableName: string,
  centre: string,
  period: Period,
  limit: number,
  cursorText?: string,
): Promise<LedgerPage> {
  const months = periodMonths(period);
  const partitions = months.map((month) => caseMonthPartition(centre, month));
  let cursor: LedgerCursor | null = cursorText
    ? decodeLedgerCursor(cursorText, months.length, partitions)
    : { month: 0 };
  const caseNos: string[] = [];
  let read = 0;
  while (cursor && read < limit) {
    const result: QueryCommandOutput = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'receivedHere = :true',
        ExpressionAttributeNames: { '#caseNo': 'caseNo' },
        ExpressionAttributeValues: { ':pk': partitions[cursor.month], ':true': true },
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
  return { states, nextCursor: cursor ? encodeLedgerCursor(cursor) : null };
}
