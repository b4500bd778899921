/**
 * Complaints in the single table. One item per complaint, and every command is one conditional
 * write on it:
 *
 *   pk = complaint#<complaintNo>   sk = complaint
 *   type = 'complaint'; data = the complaint value (complainant masked only); version
 *   status, department, window  copies for filters
 *   complainantSealed   name, phone, contact preference — AES-256-GCM, context = the complaint number
 *   queryCodeSalt, queryCodeHash   the query code, only as a salted keyed hash
 *   gsi1pk/gsi1sk  the supervision office's listings: `complaints#triage` (registered),
 *                  `complaints#open`, `complaints#done` / `<receivedAt>#<complaintNo>`
 *   gsi2pk/gsi2sk  the department's listing once assigned: `complaints#department#<d>` /
 *                  `<window>#<open|done>#<receivedAt>#<complaintNo>` — a window reads its own
 *                  with begins_with(`<window>#`)
 *   clockShard/nextCheckAt  only while a clock runs (the sweep's sparse index)
 *   figuresShard/figuresDueAt  until the kept figures count the change (store/figures/pending.ts)
 *
 * Commands SET their own attributes only (never a Put over an existing item): the sweep keeps
 * `recordedLevels`, `supervisionRev` and `outbox` on the same item.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Instant, normalizeInstant } from '../../domain/calendar/instant.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import {
  type ComplaintState,
  type ComplaintStatus,
  complaintCategoryLabels,
  complaintChannelLabels,
  complaintDueAt,
  complaintStatusLabels,
  complaintWarningLevel,
  isValidComplaint,
  runningComplaintClocks,
  terminalComplaintStatuses,
} from '../../domain/complaints/index.ts';
import { dynamoDocumentClient } from '../client.ts';
import { isConditionFailure, setAndRemove } from '../conditional-write.ts';
import { figuresPending, sourceId } from '../figures/pending.ts';
import { dayRange, queryIndexRange } from '../query-range.ts';
import { clockShardFor } from '../table.ts';

export function complaintKey(complaintNo: string) {
  return { pk: `complaint#${complaintNo}`, sk: 'complaint' };
}

export interface StoredComplaint {
  state: ComplaintState;
  complainantSealed: string;
  queryCodeSalt: string;
  queryCodeHash: string;
}

/** A command lost the race: the complaint moved on since it was read. */
export class ComplaintVersionConflictError extends Error {
  override readonly name = 'ComplaintVersionConflictError';
  constructor(
    readonly complaintNo: string,
    readonly expectedVersion: number,
    readonly currentVersion: number | null,
    readonly currentStatus: ComplaintStatus | null,
  ) {
    super(`Complaint ${complaintNo} is at version ${currentVersion}, not ${expectedVersion}.`);
  }
}

export class ComplaintCursorError extends Error {
  override readonly name = 'ComplaintCursorError';
}

const complaintPhases = ['triage', 'open', 'done'] as const;

/** The supervision office's listing of complaints in a phase (gsi1), by `<receivedAt>#<no>`. */
const complaintListPartition = (phase: (typeof complaintPhases)[number]) => `complaints#${phase}`;
/** The office's listing partitions: every complaint is in one of them. */
export const complaintListPartitions = complaintPhases.map(complaintListPartition);

function phaseOf(status: ComplaintStatus): (typeof complaintPhases)[number] {
  if (status === 'registered') return 'triage';
  return terminalComplaintStatuses.includes(status) ? 'done' : 'open';
}

/** Listing keys and the running-clock index; `null` means remove the attribute. */
function indexAttributes(state: ComplaintState, now: Instant | Date): Record<string, unknown> {
  const phase = phaseOf(state.status);
  const assignment = state.assignment;
  const running = runningComplaintClocks(state).length > 0;
  return {
    gsi1pk: complaintListPartition(phase),
    gsi1sk: `${state.receivedAt}#${state.complaintNo}`,
    gsi2pk: assignment ? `complaints#department#${assignment.department}` : null,
    gsi2sk: assignment
      ? `${assignment.window}#${phase === 'done' ? 'done' : 'open'}#${state.receivedAt}#${state.complaintNo}`
      : null,
    department: assignment?.department ?? null,
    window: assignment?.window ?? null,
    // A command can land between a threshold crossing and the next sweep: leave the item due so
    // the sweep records what changed and sets the next check from the clocks (as saveCase does).
    clockShard: running ? clockShardFor(state.complaintNo) : null,
    nextCheckAt: running ? normalizeInstant(now) : null,
  };
}

export async function insertComplaint(
  tableName: string,
  stored: StoredComplaint,
  now: Instant | Date,
): Promise<void> {
  const { state } = stored;
  const item: Record<string, unknown> = {
    ...complaintKey(state.complaintNo),
    type: 'complaint',
    complaintNo: state.complaintNo,
    data: state,
    version: state.version,
    status: state.status,
    complainantSealed: stored.complainantSealed,
    queryCodeSalt: stored.queryCodeSalt,
    queryCodeHash: stored.queryCodeHash,
    createdAt: normalizeInstant(now),
    updatedAt: normalizeInstant(now),
    ...figuresPending(sourceId('complaint', state.complaintNo)),
  };
  for (const [name, value] of Object.entries(indexAttributes(state, now)))
    if (value !== null) item[name] = value;
  await dynamoDocumentClient().send(
    new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

/**
 * The same put, for a complaint that may have been filed already (the complaint of a bad rating,
 * filed again after a crash): false when it exists — whatever happened to it since stays.
 */
export async function insertComplaintOnce(
  tableName: string,
  stored: StoredComplaint,
  now: Instant | Date,
): Promise<boolean> {
  try {
    await insertComplaint(tableName, stored, now);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function loadComplaint(
  tableName: string,
  complaintNo: string,
): Promise<StoredComplaint | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: complaintKey(complaintNo), ConsistentRead: true }),
  );
  const item = result.Item;
  if (item?.type !== 'complaint') return undefined;
  return {
    state: item.data as ComplaintState,
    complainantSealed: item.complainantSealed as string,
    queryCodeSalt: item.queryCodeSalt as string,
    queryCodeHash: item.queryCodeHash as string,
  };
}

/**
 * Writes the state `decideComplaint()` returned, on the condition that the complaint is still at
 * the version the command was decided against. One write; the loser of a race gets
 * {@link ComplaintVersionConflictError}.
 */
export async function saveComplaint(
  tableName: string,
  state: ComplaintState,
  now: Instant | Date,
): Promise<void> {
  const expectedVersion = state.version - 1;
  const set: Record<string, unknown> = {
    data: state,
    version: state.version,
    status: state.status,
    updatedAt: normalizeInstant(now),
    ...figuresPending(sourceId('complaint', state.complaintNo)),
  };
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: complaintKey(state.complaintNo),
        ConditionExpression: '#version = :expected',
        ...setAndRemove(
          { ...set, ...indexAttributes(state, now) },
          [],
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
        Key: complaintKey(state.complaintNo),
        ConsistentRead: true,
        ProjectionExpression: '#version, #status',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
      }),
    );
    throw new ComplaintVersionConflictError(
      state.complaintNo,
      expectedVersion,
      current.Item ? Number(current.Item.version) : null,
      current.Item ? (current.Item.status as ComplaintStatus) : null,
    );
  }
}

/** Which listing: one of the office's, or a department's (all its windows, or one). */
export type ComplaintListing =
  | { kind: 'office'; phase: 'triage' | 'open' | 'done' }
  | { kind: 'department'; department: string; window?: string };

export interface ComplaintListQuery {
  listing: ComplaintListing;
  statuses?: readonly ComplaintStatus[];
  limit: number;
  cursor?: string;
}

export interface ComplaintListEntry {
  complaintNo: string;
  version: number;
  status: ComplaintStatus;
  statusLabel: string;
  channelLabel: string;
  category: string;
  categoryLabel: string;
  respondent: ComplaintState['respondent'];
  assignment: { department: string; window: string } | null;
  receivedAt: Instant;
  dueAt: Instant | null;
  warningLevel: string;
}

interface Cursor {
  partition: string;
  key: Record<string, string>;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, partition: string): Record<string, string> {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (cursor.partition === partition && cursor.key && typeof cursor.key === 'object') return cursor.key;
  } catch {
    // fall through
  }
  throw new ComplaintCursorError('The cursor does not belong to this listing.');
}

/** A page of a listing, newest first; the warning level is computed now. */
export async function listComplaints(
  tableName: string,
  query: ComplaintListQuery,
  now: Instant | Date,
  ctx: ClockContext,
): Promise<{ items: ComplaintListEntry[]; nextCursor: string | null }> {
  const { listing } = query;
  const index = listing.kind === 'office' ? 'gsi1' : 'gsi2';
  const partition =
    listing.kind === 'office'
      ? complaintListPartition(listing.phase)
      : `complaints#department#${listing.department}`;
  const names: Record<string, string> = { '#pk': `${index}pk` };
  const values: Record<string, unknown> = { ':partition': partition };
  let keyCondition = '#pk = :partition';
  if (listing.kind === 'department' && listing.window) {
    names['#sk'] = `${index}sk`;
    values[':prefix'] = `${listing.window}#`;
    keyCondition += ' AND begins_with(#sk, :prefix)';
  }
  let filter: string | undefined;
  if (query.statuses && query.statuses.length > 0) {
    names['#status'] = 'status';
    filter = `#status IN (${query.statuses.map((_, i) => `:st${i}`).join(', ')})`;
    query.statuses.forEach((status, i) => {
      values[`:st${i}`] = status;
    });
  }
  let startKey = query.cursor ? decodeCursor(query.cursor, partition) : undefined;
  const items: ComplaintListEntry[] = [];
  let lastKey: Record<string, string> | undefined;
  for (let page = 0; page < 10 && items.length < query.limit; page += 1) {
    const result = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ...(filter ? { FilterExpression: filter } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: query.limit - items.length,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const raw of result.Items ?? []) {
      const state = raw.data as ComplaintState;
      items.push({
        complaintNo: state.complaintNo,
        version: state.version,
        status: state.status,
        statusLabel: complaintStatusLabels[state.status],
        channelLabel: complaintChannelLabels[state.channel],
        category: state.category,
        categoryLabel: complaintCategoryLabels[state.category],
        respondent: state.respondent,
        assignment: state.assignment
          ? { department: state.assignment.department, window: state.assignment.window }
          : null,
        receivedAt: state.receivedAt,
        dueAt: complaintDueAt(state, ctx),
        warningLevel: complaintWarningLevel(state, now, ctx),
      });
    }
    lastKey = result.LastEvaluatedKey as Record<string, string> | undefined;
    if (!lastKey) break;
    startKey = lastKey;
  }
  return { items, nextCursor: lastKey ? encodeCursor({ partition, key: lastKey }) : null };
}

/**
 * The complaints received on the days `from`–`to` (Beijing time, inclusive), oldest first within a
 * phase: ranges of the office's listings (their keys start with the receipt instant), so what is
 * read is the period's complaints, not the listings' history. Every phase by default.
 */
export async function listComplaintsReceivedBetween(
  tableName: string,
  from: string,
  to: string,
  phases: readonly ('triage' | 'open' | 'done')[] = ['triage', 'open', 'done'],
): Promise<ComplaintState[]> {
  const range = dayRange(from, to);
  const pages = await Promise.all(
    phases.map((phase) =>
      queryIndexRange(tableName, 'gsi1', complaintListPartition(phase), range.from, range.to),
    ),
  );
  return pages.flat().map((item) => item.data as ComplaintState);
}

/**
 * The valid complaints (domain/complaints/validity.ts) received on the days `from`–`to`: those
 * triage has passed — assigned, answered or closed — and not found invalid; one still in triage is
 * not valid yet.
 */
export async function listValidComplaintsReceived(
  tableName: string,
  from: string,
  to: string,
): Promise<ComplaintState[]> {
  const states = await listComplaintsReceivedBetween(tableName, from, to, ['open', 'done']);
  return states.filter(isValidComplaint);
}
