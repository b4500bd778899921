/**
 * The month index of cases for the figures: one small item per case and month in which something
 * happened to it (received, accepted, noticed, decided, delivered, withdrawn…), in the month's own
 * partition, so a period's cases are read from its months' partitions — what is read grows with
 * the period's cases, not with the table.
 *
 *   pk = figures#<centre>#<YYYY-MM>   sk = case#<caseNo>
 *   caseNo   the case it points to
 *   days     string set of the days (`YYYY-MM-DD`) of that month with an event, for day periods
 *   receivedHere  true in the month the case was received: the ledger lists those
 *
 * Written before the case itself on every intake and command (an `ADD` to a set: a retry or a
 * command that then loses its race leaves the same item, and a stray day is harmless because the
 * figures read every date from the case). So an event is never saved without its index entry.
 */
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { civilDateAt } from '../../domain/calendar/instant.ts';
import type { CaseState } from '../../domain/cases/types.ts';
import { dynamoDocumentClient } from '../client.ts';

export function caseMonthPartition(centre: string, month: string): string {
  return `figures#${centre}#${month}`;
}

export function caseMonthKey(centre: string, month: string, caseNo: string) {
  return { pk: caseMonthPartition(centre, month), sk: `case#${caseNo}` };
}

/** The update that records the month and day of the case's latest event (exported for tests and benches). */
export function caseMonthUpdate(tableName: string, state: CaseState): UpdateCommandInput {
  const at = state.history.at(-1)?.at ?? state.receivedAt;
  const day = civilDateAt(at);
  return {
    TableName: tableName,
    Key: caseMonthKey(state.centre, day.slice(0, 7), state.caseNo),
    UpdateExpression: 'SET #type = :type, caseNo = :caseNo, receivedHere = :receivedHere ADD #days :day',
    ExpressionAttributeNames: { '#type': 'type', '#days': 'days' },
    ExpressionAttributeValues: {
      ':type': 'caseMonth',
      ':caseNo': state.caseNo,
      ':receivedHere': civilDateAt(state.receivedAt).slice(0, 7) === day.slice(0, 7),
      ':day': new Set([day]),
    },
  };
}

export async function recordCaseMonth(tableName: string, state: CaseState): Promise<void> {
  await dynamoDocumentClient().send(new UpdateCommand(caseMonthUpdate(tableName, state)));
}
