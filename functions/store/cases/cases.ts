/**
 * Cases in the single table. One item per case, and every command is one conditional write on it:
 *
 *   pk = case#<caseNo>   sk = case
 *   data            the case value (status, materials, clocks, history — masked applicant only)
 *   version         the condition of every write: `version = <the version the command read>`
 *   status, department, window, handler     copies for conditions and filters
 *   applicantSealed the applicant's full personal data, AES-256-GCM (store/personal-data/cipher.ts)
 *   queryCodeSalt, queryCodeHash            the query code, only as a salted keyed hash
 *   applicantDigest keyed hash of the ID number, to record a broken commitment (commitment-bars.ts)
 *   organisationDigest  the same of an organisation's credit code, when an organisation applied
 *   gsi1pk/gsi1sk   the window's three lists (queuePhaseOf): in progress `window#<code>` /
 *                   `<0|1 priority>#<due instant>#<caseNo>`; delivered, awaiting closure (待归档)
 *                   `window#<code>#delivered` / `<delivery instant>#<caseNo>`; finished
 *                   `window#<code>#done` / `<last event>#<caseNo>`
 *   dueAt           the case deadline the queue sorts by (absent while suspended)
 *   clockShard/nextCheckAt  only while a clock runs: the sparse, sharded `clocks` index the
 *                   supervision sweep reads
 *
 *   figuresShard/figuresDueAt  from each intake or command until the kept figures count the change
 *                   (store/figures/pending.ts, projector.ts); `figures` and `figuresClaim` are the
 *                   projector's own attributes, never written here
 *
 * Beside it, one month-index item per month the case has an event in (store/figures/case-months.ts),
 * written just before the case on every intake and command; the ledger and the recount of the kept
 * figures read a month's cases through it.
 *
 * No personal data in any key. Creation is a put with `attribute_not_exists(pk)`.
 */
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/calendar/instant.ts';
import { normalizeInstant } from '../../domain/calendar/instant.ts';
import { caseDueAt, caseNextCheckAt, caseWarningLevel } from '../../domain/cases/case-clocks.ts';
import {
  type CaseStatus,
  caseStatusLabels,
  type QueuePhase,
  queuePhaseOf,
} from '../../domain/cases/states.ts';
import type { CaseState } from '../../domain/cases/types.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import type { WarningLevel } from '../../domain/clocks/settings.ts';
import { dynamoDocumentClient } from '../client.ts';
import { isConditionFailure, setAndRemove } from '../conditional-write.ts';
import { recordCaseMonth } from '../figures/case-months.ts';
import { figuresPending, sourceId } from '../figures/pending.ts';
import { clockShardFor } from '../table.ts';
import { coHandlingPartition, syncCoHandling } from './co-handling.ts';

export function caseKey(caseNo: string) {
  return { pk: `case#${caseNo}`, sk: 'case' };
}

export interface SealedApplicant {
  applicantSealed: string;
  queryCodeSalt: string;
  queryCodeHash: string;
}

export interface StoredCase extends SealedApplicant {
  state: CaseState;
  /** Keyed hash of the applicant's ID number (absent on cases taken in before it was kept). */
  applicantDigest?: string;
  /** Keyed hash of the organisation's credit code, when an organisation applied. */
  organisationDigest?: string;
}

/** A command lost the race: the case moved on since it was read. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly caseNo: string,
    readonly expectedVersion: number,
    readonly currentVersion: number | null,
    readonly currentStatus: CaseStatus | null,
  ) {
    super(
      currentVersion === null
        ? `Case ${caseNo} does not exist.`
        : `Case ${caseNo} is at version ${currentVersion}, not ${expectedVersion}.`,
    );
  }
}

function lastEventAt(state: CaseState): Instant {
  return state.history.at(-1)?.at ?? state.receivedAt;
}

/** The index partition of a window's list. */
export function queuePartition(window: string, phase: QueuePhase): string {
  if (phase === 'awaitingClosure') return `window#${window}#delivered`;
  return phase === 'finished' ? `window#${window}#done` : `window#${window}`;
}

function queueSortKey(state: CaseState, phase: QueuePhase, dueAt: Instant | null): string {
  switch (phase) {
    case 'inProgress':
      return `${state.priority.flagged ? 0 : 1}#${dueAt ?? '9999'}#${state.caseNo}`;
    case 'awaitingClosure':
      // Oldest delivery first: the case waiting longest to be archived heads the list.
      return `${state.delivery?.at ?? lastEventAt(state)}#${state.caseNo}`;
    case 'finished':
      return `${lastEventAt(state)}#${state.caseNo}`;
  }
}

/** The queue, deadline and running-clock attributes of a case at `now`. */
export function indexAttributes(state: CaseState, now: Instant | Date, ctx: ClockContext) {
  const dueAt = caseDueAt(state, ctx);
  const nextCheckAt = caseNextCheckAt(state, now, ctx);
  const phase = queuePhaseOf(state.status);
  return {
    gsi1pk: queuePartition(state.window, phase),
    gsi1sk: queueSortKey(state, phase, dueAt),
    dueAt,
    warningLevel: caseWarningLevel(state, now, ctx),
    clockShard: nextCheckAt === null ? null : clockShardFor(state.caseNo),
    nextCheckAt,
  };
}

/** The put that creates a case; exported so the intake bench can issue the very same write. */
export function insertCaseCommand(
  tableName: string,
  stored: StoredCase,
  now: Instant | Date,
  ctx: ClockContext,
): PutCommandInput {
  const { state } = stored;
  const index = indexAttributes(state, now, ctx);
  const item: Record<string, unknown> = {
    ...caseKey(state.caseNo),
    type: 'case',
    caseNo: state.caseNo,
    data: state,
    version: state.version,
    status: state.status,
    department: state.department,
    window: state.window,
    ...(state.handler ? { handler: state.handler } : {}),
    applicantSealed: stored.applicantSealed,
    queryCodeSalt: stored.queryCodeSalt,
    queryCodeHash: stored.queryCodeHash,
    ...(stored.applicantDigest ? { applicantDigest: stored.applicantDigest } : {}),
    ...(stored.organisationDigest ? { organisationDigest: stored.organisationDigest } : {}),
    createdAt: normalizeInstant(now),
    updatedAt: normalizeInstant(now),
    ...figuresPending(sourceId('case', state.caseNo)),
  };
  for (const [name, value] of Object.entries(index)) if (value !== null) item[name] = value;
  return {
    TableName: tableName,
    Item: item,
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}

export async function insertCase(
  tableName: string,
  stored: StoredCase,
  now: Instant | Date,
  ctx: ClockContext,
): Promise<void> {
  await recordCaseMonth(tableName, stored.state);
  await dynamoDocumentClient().send(new PutCommand(insertCaseCommand(tableName, stored, now, ctx)));
}

function fromItem(item: Record<string, unknown>): StoredCase {
  return {
    state: item.data as CaseState,
    applicantSealed: item.applicantSealed as string,
    queryCodeSalt: item.queryCodeSalt as string,
    queryCodeHash: item.queryCodeHash as string,
    ...(typeof item.applicantDigest === 'string' ? { applicantDigest: item.applicantDigest } : {}),
    ...(typeof item.organisationDigest === 'string' ? { organisationDigest: item.organisationDigest } : {}),
  };
}

export async function loadCase(tableName: string, caseNo: string): Promise<StoredCase | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: caseKey(caseNo), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

/**
 * Writes the state `decide()` returned, on the condition that the case is still at the version the
 * command was decided against (`state.version - 1`). One write; the loser of a race gets
 * {@link VersionConflictError} with the version now stored.
 */
export async function saveCase(
  tableName: string,
  state: CaseState,
  now: Instant | Date,
  ctx: ClockContext,
): Promise<void> {
  const expectedVersion = state.version - 1;
  const index = indexAttributes(state, now, ctx);
  const set: Record<string, unknown> = {
    data: state,
    version: state.version,
    status: state.status,
    department: state.department,
    window: state.window,
    updatedAt: normalizeInstant(now),
    ...(state.handler ? { handler: state.handler } : {}),
    ...figuresPending(sourceId('case', state.caseNo)),
  };
  const remove: string[] = state.handler ? [] : ['handler'];
  // A command can land between a threshold crossing and the next sweep; moving nextCheckAt past
  // `now` here would skip that crossing's announcement. The item is left due instead: the next
  // sweep records what changed and sets the next check from the clocks.
  if (index.nextCheckAt !== null) index.nextCheckAt = normalizeInstant(now);
  await recordCaseMonth(tableName, state);
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: caseKey(state.caseNo),
        ConditionExpression: '#version = :expected',
        ...setAndRemove(
          { ...set, ...index },
          remove,
          { '#version': 'version' },
          { ':expected': expectedVersion },
        ),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // dynalite does not return the old item on a failed condition: read what won.
    const current = await dynamoDocumentClient().send(
      new GetCommand({
        TableName: tableName,
        Key: caseKey(state.caseNo),
        ConsistentRead: true,
        ProjectionExpression: '#version, #status',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
      }),
    );
    throw new VersionConflictError(
      state.caseNo,
      expectedVersion,
      current.Item ? Number(current.Item.version) : null,
      current.Item ? (current.Item.status as CaseStatus) : null,
    );
  }
  try {
    await syncCoHandling(tableName, state, ctx);
  } catch (error) {
    // The command is done and stays done; the co-departments' listing catches up with the case's
    // next command. Only the case number is logged: no personal data.
    console.warn(`Co-handling listing of ${state.caseNo} not updated: ${(error as Error).name}`);
  }
}

export interface QueueQuery {
  window: string;
  /** The joint cases awaiting this department's co-opinion (联办待办) instead of the window's queue. */
  coHandlingOf?: string;
  /** All of one list (queuePhaseOf): in progress, awaiting closure, or finished; none = in progress. */
  statuses?: readonly CaseStatus[];
  levels?: readonly WarningLevel[];
  /** Only cases due at or before this instant. */
  dueBefore?: Instant;
  limit: number;
  cursor?: string;
}

export interface QueueEntry {
  caseNo: string;
  version: number;
  status: CaseStatus;
  statusLabel: string;
  item: { code: string; name: string };
  applicantName: string;
  handler: string | null;
  priority: boolean;
  receivedAt: Instant;
  dueAt: Instant | null;
  /** When the result was handed over; null before delivery. */
  deliveredAt: Instant | null;
  warningLevel: WarningLevel;
}

export interface QueuePage {
  items: QueueEntry[];
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

interface CursorKey {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.gsi1pk, key.gsi1sk, key.pk, key.sk])).toString('base64url');
}

function decodeCursor(cursor: string, partition: string): CursorKey {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === 4 && parts.every((part) => typeof part === 'string')) {
      const [gsi1pk, gsi1sk, pk, sk] = parts as [string, string, string, string];
      if (gsi1pk === partition) return { gsi1pk, gsi1sk, pk, sk };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError('The cursor does not belong to this listing.');
}

/** The case items a page of co-handling companions points to, by case number. */
async function casesPointedTo(
  tableName: string,
  companions: Record<string, unknown>[],
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const caseNos = [...new Set(companions.map((companion) => companion.caseNo as string))];
  for (let i = 0; i < caseNos.length; i += 100) {
    let keys: Record<string, unknown>[] = caseNos.slice(i, i + 100).map(caseKey);
    while (keys.length > 0) {
      const result = await dynamoDocumentClient().send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[tableName] ?? []) found.set(item.caseNo as string, item);
      keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}

/** At most this many index pages per request, however selective the filters are. */
const maxPagesPerRequest = 10;

/**
 * One of a window's lists, chosen by the status filter (all its statuses in one list): the work
 * queue, priority lane first, then by deadline; the delivered cases awaiting closure (待归档),
 * oldest delivery first; finished cases, most recent first. The warning level is computed now.
 */
export async function listQueue(
  tableName: string,
  query: QueueQuery,
  now: Instant | Date,
  ctx: ClockContext,
): Promise<QueuePage> {
  const first = query.statuses?.[0];
  const phase = first ? queuePhaseOf(first) : 'inProgress';
  const done = phase === 'finished';
  const joint = query.coHandlingOf !== undefined;
  const partition = joint
    ? coHandlingPartition(query.coHandlingOf as string)
    : queuePartition(query.window, phase);
  let startKey: CursorKey | undefined = query.cursor ? decodeCursor(query.cursor, partition) : undefined;
  const filters: string[] = [];
  const names: Record<string, string> = { '#gsi1pk': 'gsi1pk' };
  const values: Record<string, unknown> = { ':partition': partition };
  // Companions carry no status or deadline: joint listings filter the cases they point to, in code.
  if (!joint && query.statuses && query.statuses.length > 0) {
    names['#status'] = 'status';
    filters.push(`#status IN (${query.statuses.map((_, i) => `:st${i}`).join(', ')})`);
    query.statuses.forEach((status, i) => {
      values[`:st${i}`] = status;
    });
  }
  if (!joint && query.dueBefore) {
    names['#dueAt'] = 'dueAt';
    values[':dueBefore'] = query.dueBefore;
    filters.push('#dueAt <= :dueBefore');
  }
  const items: QueueEntry[] = [];
  let more = false;
  for (let page = 0; page < maxPagesPerRequest; page += 1) {
    const result = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: '#gsi1pk = :partition',
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: !done,
        Limit: Math.max(query.limit, 25),
        ...(startKey ? { ExclusiveStartKey: { ...startKey } } : {}),
      }),
    );
    let stoppedEarly = false;
    const cases = joint ? await casesPointedTo(tableName, result.Items ?? []) : undefined;
    for (const [index, raw] of (result.Items ?? []).entries()) {
      startKey = { pk: raw.pk, sk: raw.sk, gsi1pk: raw.gsi1pk, gsi1sk: raw.gsi1sk };
      const caseItem = cases ? cases.get(raw.caseNo as string) : raw;
      if (!caseItem) continue;
      const state = caseItem.data as CaseState;
      const level = caseWarningLevel(state, now, ctx);
      if (query.levels && query.levels.length > 0 && !query.levels.includes(level)) continue;
      if (joint && query.statuses && query.statuses.length > 0 && !query.statuses.includes(state.status))
        continue;
      if (joint && query.dueBefore && !(caseItem.dueAt && (caseItem.dueAt as string) <= query.dueBefore))
        continue;
      items.push({
        caseNo: state.caseNo,
        version: state.version,
        status: state.status,
        statusLabel: caseStatusLabels[state.status],
        item: { code: state.item.code, name: state.item.name },
        applicantName: state.applicant.name,
        handler: state.handler,
        priority: state.priority.flagged,
        receivedAt: state.receivedAt,
        dueAt: (caseItem.dueAt as string | undefined) ?? null,
        deliveredAt: state.delivery?.at ?? null,
        warningLevel: level,
      });
      if (items.length === query.limit) {
        stoppedEarly = index < (result.Items?.length ?? 0) - 1;
        break;
      }
    }
    if (items.length === query.limit) {
      more = stoppedEarly || result.LastEvaluatedKey !== undefined;
      break;
    }
    if (!result.LastEvaluatedKey) {
      more = false;
      break;
    }
    startKey = result.LastEvaluatedKey as CursorKey;
    more = true;
  }
  return { items, nextCursor: more && startKey ? encodeCursor(startKey) : null };
}
