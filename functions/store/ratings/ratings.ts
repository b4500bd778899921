/**
 * Ratings in the single table. One item per delivered case, and every command is one conditional
 * write on it:
 *
 *   pk = rating#<caseNo>   sk = rating   type = 'rating'
 *   data            the rating value (invitation, rating, rectification, history) — no rater identity
 *   version         the condition of every command write
 *   ratedAt         set by the one write that records the rating (`attribute_not_exists(ratedAt)`):
 *                   a visit is rated once, however many browsers submit at the same time
 *   gsi1pk/gsi1sk   the month's figures: `ratings#<YYYY-MM of delivery>` / `<window>#<caseNo>`
 *   gsi2pk/gsi2sk   the open rectification queue, only while a rectification is open:
 *                   `rectifications#<department>` / `<window>#<due instant or 9999>#<caseNo>` — by
 *                   department, because window codes are not enumerable (a chief reads the whole
 *                   partition, a clerk their window's prefix, the supervision office every
 *                   department of the catalogue)
 *   clockShard/nextCheckAt  only while a rectification clock runs (the supervision sweep's index)
 *   pendingComplaint  the complaint a bad rating is filed as (差评转投诉), whole — value, sealed
 *                   complainant, query-code hash — written by the same conditional write that
 *                   records the rating, and removed once the complaint item exists
 *                   (`complaintFiledAt` then): dynalite has no transactions, so a crash between the
 *                   two writes leaves it here, and the next read of the rating files it (a put with
 *                   `attribute_not_exists`, so filing twice is filing once)
 *
 *   figuresShard/figuresDueAt  from each command until the kept figures count the change
 *                   (store/figures/pending.ts); the invitation adds nothing to them and has none
 *
 * The sweep writes `recordedLevels`, `supervisionRev` and `outbox` on the same item; the commands
 * here SET their own attributes only, never a full put over an existing item.
 *
 * The rating token: `digest('rating-token', caseNo)` (HMAC), shortened to 22 base64url characters
 * (132 bits). Deterministic, so the receipt can be printed again; unforgeable without the key.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Instant, normalizeInstant } from '../../domain/calendar/instant.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import { monthOf, ratingSubject, rectificationDueAt } from '../../domain/ratings/index.ts';
import type { RatingState } from '../../domain/ratings/types.ts';
import { subjectNextCheckAt } from '../../domain/supervision/index.ts';
import { dynamoDocumentClient } from '../client.ts';
import type { StoredComplaint } from '../complaints/complaints.ts';
import { isConditionFailure, setAndRemove } from '../conditional-write.ts';
import { figuresPending, sourceId } from '../figures/pending.ts';
import { type PersonalDataCipher, sameDigest } from '../personal-data/cipher.ts';
import { queryAll } from '../query-range.ts';
import { clockShardFor } from '../table.ts';

export const ratingTokenLength = 22;

export async function ratingToken(cipher: PersonalDataCipher, caseNo: string): Promise<string> {
  return (await cipher.digest('rating-token', caseNo)).slice(0, ratingTokenLength);
}

/** Constant-time check of a token from a receipt link. */
export async function isRatingToken(
  cipher: PersonalDataCipher,
  caseNo: string,
  token: string,
): Promise<boolean> {
  return sameDigest(await ratingToken(cipher, caseNo), token);
}

export function ratingKey(caseNo: string) {
  return { pk: `rating#${caseNo}`, sk: 'rating' };
}

export interface StoredRating {
  state: RatingState;
  ratedAt?: string;
  /** The complaint the rating is filed as, recorded with the rating and not filed yet. */
  pendingComplaint?: StoredComplaint;
}

function storedRating(item: Record<string, unknown>): StoredRating {
  return {
    state: item.data as RatingState,
    ...(typeof item.ratedAt === 'string' ? { ratedAt: item.ratedAt } : {}),
    ...(item.pendingComplaint ? { pendingComplaint: item.pendingComplaint as StoredComplaint } : {}),
  };
}

/** A command lost the race, or the visit was rated meanwhile. */
export class RatingConflictError extends Error {
  override readonly name = 'RatingConflictError';
  constructor(
    readonly caseNo: string,
    readonly expectedVersion: number,
    readonly currentVersion: number | null,
    readonly alreadyRated: boolean,
  ) {
    super(`Rating ${caseNo} is at version ${currentVersion}, not ${expectedVersion}.`);
  }
}

/** The month's visits (gsi1), by the month of the delivery. */
export function ratingMonthPartition(month: string): string {
  return `ratings#${month}`;
}

/** The listing and clock attributes of a rating at `now`; null = remove the attribute. */
export function ratingIndexAttributes(state: RatingState, now: Instant | Date, ctx: ClockContext) {
  const open = state.rectification !== undefined && state.rectification.status !== 'closed';
  const next = subjectNextCheckAt(ratingSubject(state), now, ctx);
  return {
    gsi1pk: ratingMonthPartition(monthOf(state)),
    gsi1sk: `${state.window}#${state.caseNo}`,
    gsi2pk: open ? `rectifications#${state.department}` : null,
    gsi2sk: open ? `${state.window}#${rectificationDueAt(state, ctx) ?? '9999'}#${state.caseNo}` : null,
    clockShard: next === null ? null : clockShardFor(`rating#${state.caseNo}`),
    // A command can land between a threshold crossing and the next sweep: leave the item due so
    // the sweep records what changed and sets the next check itself (as saveCase does).
    nextCheckAt: next === null ? null : normalizeInstant(now),
  };
}

/**
 * Records the invitation of a delivered case, once: a put with `attribute_not_exists(pk)`.
 * Returns false when it existed already (a retry, or the lazy creation by the rating routes).
 */
export async function createInvitation(
  tableName: string,
  state: RatingState,
  now: Instant | Date,
  ctx: ClockContext,
): Promise<boolean> {
  const item: Record<string, unknown> = {
    ...ratingKey(state.caseNo),
    type: 'rating',
    caseNo: state.caseNo,
    data: state,
    version: state.version,
    department: state.department,
    window: state.window,
    createdAt: normalizeInstant(now),
    updatedAt: normalizeInstant(now),
  };
  for (const [name, value] of Object.entries(ratingIndexAttributes(state, now, ctx))) {
    if (value !== null) item[name] = value;
  }
  try {
    await dynamoDocumentClient().send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function loadRating(tableName: string, caseNo: string): Promise<StoredRating | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: ratingKey(caseNo), ConsistentRead: true }),
  );
  return result.Item ? storedRating(result.Item) : undefined;
}

/**
 * Writes the state a domain move returned, on the condition that the item is still at the version
 * the move was decided against. `firstRating`: the write that records the rating, also on the
 * condition that none was recorded (`attribute_not_exists(ratedAt)`); with `pendingComplaint`, the
 * complaint the rating is filed as rides on that same write.
 */
export async function saveRating(
  tableName: string,
  state: RatingState,
  now: Instant | Date,
  ctx: ClockContext,
  options: { firstRating?: boolean; pendingComplaint?: StoredComplaint } = {},
): Promise<void> {
  const expectedVersion = state.version - 1;
  const set: Record<string, unknown> = {
    data: state,
    version: state.version,
    updatedAt: normalizeInstant(now),
    ...figuresPending(sourceId('rating', state.caseNo)),
    ...(options.firstRating ? { ratedAt: state.rating?.at ?? normalizeInstant(now) } : {}),
    ...(options.firstRating && options.pendingComplaint
      ? { pendingComplaint: options.pendingComplaint }
      : {}),
  };
  const names: Record<string, string> = { '#version': 'version' };
  let condition = '#version = :expected';
  if (options.firstRating) {
    names['#ratedAt'] = 'ratedAt';
    condition += ' AND attribute_not_exists(#ratedAt)';
  }
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: ratingKey(state.caseNo),
        ConditionExpression: condition,
        ...setAndRemove({ ...set, ...ratingIndexAttributes(state, now, ctx) }, [], names, {
          ':expected': expectedVersion,
        }),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // dynalite does not return the old item on a failed condition: read what won.
    const current = await loadRating(tableName, state.caseNo);
    throw new RatingConflictError(
      state.caseNo,
      expectedVersion,
      current ? current.state.version : null,
      current?.ratedAt !== undefined,
    );
  }
}

/**
 * Marks the rating's complaint as filed: removes the pending copy (the complaint item holds it now).
 * Not conditioned on the version — it touches no attribute a command writes.
 */
export async function markComplaintFiled(
  tableName: string,
  caseNo: string,
  now: Instant | Date,
): Promise<void> {
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: ratingKey(caseNo),
        UpdateExpression: 'SET #filedAt = :at REMOVE #pending',
        ConditionExpression: 'attribute_exists(#pending)',
        ExpressionAttributeNames: { '#filedAt': 'complaintFiledAt', '#pending': 'pendingComplaint' },
        ExpressionAttributeValues: { ':at': normalizeInstant(now) },
      }),
    );
  } catch (error) {
    // Someone else marked it first: done either way.
    if (!isConditionFailure(error)) throw error;
  }
}

/** The ratings of an index partition, optionally those whose sort key starts with `prefix`. */
async function queryRatings(
  tableName: string,
  index: 'gsi1' | 'gsi2',
  partition: string,
  prefix?: string,
): Promise<StoredRating[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: index,
    KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': `${index}pk`, ...(prefix ? { '#sk': `${index}sk` } : {}) },
    ExpressionAttributeValues: { ':pk': partition, ...(prefix ? { ':prefix': prefix } : {}) },
  });
  return items.filter((item) => item.type === 'rating').map(storedRating);
}

/** The open rectifications of a department (or one of its windows), by window, earliest deadline first. */
export function listRectifications(
  tableName: string,
  department: string,
  window?: string,
): Promise<StoredRating[]> {
  return queryRatings(tableName, 'gsi2', `rectifications#${department}`, window ? `${window}#` : undefined);
}

/** Every visit (invitation, rated or not) of a month, optionally of one window. */
export async function listMonth(tableName: string, month: string, window?: string): Promise<RatingState[]> {
  const stored = await queryRatings(
    tableName,
    'gsi1',
    ratingMonthPartition(month),
    window ? `${window}#` : undefined,
  );
  return stored.map((rating) => rating.state);
}
