/**
 * Joint cases (联办件) in the co-departments' queues. A case item sits in one queue only — its lead
 * window's — so each co-department gets a small companion item per joint case:
 *
 *   pk = case#<caseNo>   sk = co#<department>
 *   caseVersion  the case version it mirrors: a companion never goes back to an older version
 *   gsi1pk/gsi1sk  `cowork#<department>` / `<due instant>#<caseNo>` only while the department's
 *                opinion is awaited (the lead window accepted, the department has not answered,
 *                the case is open)
 *
 * It is only a pointer: the queue reads the case items it points to, so what a co-department
 * sees (status, light, deadline) is always the case's own, computed now.
 *
 * It is written after the case's own conditional write. A crash in between leaves the companion one
 * version behind until the next command on the case writes it again; the case item stays the truth
 * (the co-opinion command reads the case, not the companion).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { caseDueAt } from '../../domain/cases/case-clocks.ts';
import { isOpenStatus } from '../../domain/cases/states.ts';
import type { CaseState } from '../../domain/cases/types.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import { dynamoDocumentClient } from '../client.ts';
import { isConditionFailure } from '../conditional-write.ts';

export function coHandlingKey(caseNo: string, department: string) {
  return { pk: `case#${caseNo}`, sk: `co#${department}` };
}

export const coHandlingPartition = (department: string) => `cowork#${department}`;

/** Writes each co-department's companion of a joint case; nothing for a case without co-windows. */
export async function syncCoHandling(tableName: string, state: CaseState, ctx: ClockContext): Promise<void> {
  if (state.coWindows.length === 0) return;
  const dueAt = caseDueAt(state, ctx);
  await Promise.all(
    state.coWindows.map(async (coWindow) => {
      const awaited = isOpenStatus(state.status) && coWindow.status === 'notified';
      const listing = awaited
        ? 'SET #type = :type, #caseNo = :caseNo, #v = :v, #department = :department, gsi1pk = :pk, gsi1sk = :sk'
        : 'SET #type = :type, #caseNo = :caseNo, #v = :v, #department = :department REMOVE gsi1pk, gsi1sk';
      try {
        await dynamoDocumentClient().send(
          new UpdateCommand({
            TableName: tableName,
            Key: coHandlingKey(state.caseNo, coWindow.department),
            UpdateExpression: listing,
            ConditionExpression: 'attribute_not_exists(#v) OR #v < :v',
            ExpressionAttributeNames: {
              '#type': 'type',
              '#caseNo': 'caseNo',
              '#v': 'caseVersion',
              '#department': 'department',
            },
            ExpressionAttributeValues: {
              ':type': 'coHandling',
              ':caseNo': state.caseNo,
              ':v': state.version,
              ':department': coWindow.department,
              ...(awaited
                ? {
                    ':pk': coHandlingPartition(coWindow.department),
                    ':sk': `${dueAt ?? '9999'}#${state.caseNo}`,
                  }
                : {}),
            },
          }),
        );
      } catch (error) {
        // A newer version of the case was mirrored already: nothing to do.
        if (!isConditionFailure(error)) throw error;
      }
    }),
  );
}
