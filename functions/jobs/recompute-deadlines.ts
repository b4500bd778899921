/**
 * After a holiday schedule year is loaded or amended (or a centre adds a local day), every running
 * clock's due instant and thresholds may move. This pages through the whole running-clocks index
 * (every shard, every item, due or not), recomputes each item's index attributes with the calendar
 * given, and rewrites those that changed — one conditional write each (`version` and
 * `supervisionRev` as read), so a concurrent command or sweep wins and the item is looked at again.
 *
 * An item whose level now differs from the recorded one (the new calendar moved a threshold into
 * the past) is made due at once, so the next sweep announces it; one with an unpublished outbox is
 * left due.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { centreClocks } from '../config/centre.ts';
import { readFunctionEnvironment } from '../config/env.ts';
import { formatInstant } from '../domain/calendar/instant.ts';
import type { CaseState } from '../domain/cases/types.ts';
import type { ClockContext } from '../domain/clocks/clock.ts';
import {
  type CardRecord,
  cardSubject,
  caseSubject,
  levelChanges,
  type RecordedLevels,
  type Subject,
  subjectNextCheckAt,
} from '../domain/supervision/index.ts';
import { indexAttributes } from '../store/cases/cases.ts';
import { dynamoDocumentClient } from '../store/client.ts';
import { clockShardCount } from '../store/table.ts';

export interface RecomputeSummary {
  at: string;
  examined: number;
  /** Items whose due instant, queue order or next check moved. */
  moved: number;
  /** Items made due at once because their level changed under the new calendar. */
  dueNow: number;
  /** Items that changed while being recomputed (left for the next run or the sweep). */
  conflicts: number;
}

export interface RecomputeOptions {
  tableName?: string;
  client?: DynamoDBDocumentClient;
  clocks?: ClockContext;
}

type Item = Record<string, unknown>;

function subjectOf(item: Item): Subject | null {
  if (item.type === 'case') return caseSubject(item.data as CaseState);
  if (item.type === 'card') return cardSubject(item.data as CardRecord);
  return null;
}

export async function recomputeDeadlines(
  now: Date,
  options: RecomputeOptions = {},
): Promise<RecomputeSummary> {
  const tableName = options.tableName ?? readFunctionEnvironment().tableName;
  const client = options.client ?? dynamoDocumentClient();
  const ctx = options.clocks ?? centreClocks();
  const nowInstant = formatInstant(now.getTime());
  const summary: RecomputeSummary = { at: now.toISOString(), examined: 0, moved: 0, dueNow: 0, conflicts: 0 };
  for (let shard = 0; shard < clockShardCount; shard += 1) {
    let startKey: Item | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'clocks',
          KeyConditionExpression: '#shard = :shard',
          ExpressionAttributeNames: { '#shard': 'clockShard' },
          ExpressionAttributeValues: { ':shard': `clock#${shard}` },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        summary.examined += 1;
        const subject = subjectOf(item);
        if (!subject) continue;
        const set: Record<string, unknown> = {};
        const remove: string[] = [];
        if (item.type === 'case') {
          for (const [name, value] of Object.entries(indexAttributes(item.data as CaseState, now, ctx))) {
            if (value === null) remove.push(name);
            else if (value !== item[name]) set[name] = value;
          }
        } else {
          const next = subjectNextCheckAt(subject, now, ctx);
          if (next === null) remove.push('clockShard', 'nextCheckAt');
          else if (next !== item.nextCheckAt) set.nextCheckAt = next;
        }
        const recorded = (item.recordedLevels as RecordedLevels | undefined) ?? {};
        const pendingOutbox = Array.isArray(item.outbox) && item.outbox.length > 0;
        const levelMoved = levelChanges(subject, recorded, now, ctx).length > 0;
        if ((levelMoved || pendingOutbox) && !remove.includes('nextCheckAt')) {
          if (item.nextCheckAt !== nowInstant && String(item.nextCheckAt) > nowInstant)
            set.nextCheckAt = nowInstant;
          else delete set.nextCheckAt;
          if (levelMoved) summary.dueNow += 1;
        }
        const realRemovals = remove.filter((name) => name in item);
        if (Object.keys(set).length === 0 && realRemovals.length === 0) continue;
        const names: Record<string, string> = { '#version': 'version', '#rev': 'supervisionRev' };
        const values: Record<string, unknown> = { ':version': item.version };
        const assignments = Object.entries(set).map(([name, value], i) => {
          names[`#s${i}`] = name;
          values[`:s${i}`] = value;
          return `#s${i} = :s${i}`;
        });
        const removals = realRemovals.map((name, i) => {
          names[`#r${i}`] = name;
          return `#r${i}`;
        });
        if (item.supervisionRev !== undefined) values[':rev'] = item.supervisionRev;
        const parts = [
          assignments.length > 0 ? `SET ${assignments.join(', ')}` : '',
          removals.length > 0 ? `REMOVE ${removals.join(', ')}` : '',
        ].filter(Boolean);
        try {
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: parts.join(' '),
              ConditionExpression:
                item.supervisionRev === undefined
                  ? '#version = :version AND attribute_not_exists(#rev)'
                  : '#version = :version AND #rev = :rev',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            }),
          );
          summary.moved += 1;
        } catch (error) {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
          summary.conflicts += 1;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return summary;
}
