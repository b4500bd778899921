/**
 * Bundles (一件事) in the single table. dynalite has no transactions, so intake is a sequence of
 * conditional writes that a retry completes rather than duplicates:
 *
 *   1. the intake claim  pk = bundle-intake#<keyed hash of caller + Idempotency-Key>  sk = claim
 *      — the plan: the bundle number, the planned case numbers and the query code (sealed, for
 *      the receipt of a retry; the claim expires after a day). `attribute_not_exists`: the first
 *      plan wins, a racer or a retry reads it back.
 *   2. the bundle record pk = bundle#<bundleNo>  sk = bundle — the record with its parts' case
 *      numbers, the query code only as a salted keyed hash. `attribute_not_exists`. Listed for
 *      its general window on gsi1: `bundles#<intake window>` / `<received instant>#<bundleNo>`.
 *   3. each part's case, through the case store's own put (`attribute_not_exists(pk)`), after its
 *      month-index entry (store/figures/case-months.ts), as every case is written.
 *
 * A crash anywhere leaves a prefix of these; running the plan again writes what is missing and
 * finds the rest in place. No personal data in any key.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BundlePart, BundleRecord } from '../../domain/bundles/types.ts';
import type { Instant } from '../../domain/calendar/instant.ts';
import { normalizeInstant } from '../../domain/calendar/instant.ts';
import type { CaseState } from '../../domain/cases/types.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import { insertCaseCommand, loadCase, type StoredCase } from '../cases/cases.ts';
import { dynamoDocumentClient } from '../client.ts';
import { isConditionFailure } from '../conditional-write.ts';
import { caseMonthUpdate } from '../figures/case-months.ts';
import { table } from '../table.ts';

/** The writes of intake go through this; the crash test hands in a client that fails part-way. */
export type Writer = Pick<ReturnType<typeof dynamoDocumentClient>, 'send'>;

export function bundleKey(bundleNo: string) {
  return { pk: `bundle#${bundleNo}`, sk: 'bundle' };
}

function claimKey(claimId: string) {
  return { pk: `bundle-intake#${claimId}`, sk: 'claim' };
}

/** What intake decides once, before it writes anything a retry must find the same. */
export interface IntakePlan {
  bundleNo: string;
  /** Keyed digest of the request: the same key with another request is refused. */
  requestDigest: string;
  queryCodeSalt: string;
  queryCodeHash: string;
  /** The query code sealed to the bundle number, so a retry's receipt shows it again. */
  sealedQueryCode: string;
  parts: BundlePart[];
  plannedAt: Instant;
}

export interface StoredBundle {
  record: BundleRecord;
  queryCodeSalt: string;
  queryCodeHash: string;
}

const claimSeconds = 24 * 3600;

export async function loadIntakeClaim(tableName: string, claimId: string): Promise<IntakePlan | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: claimKey(claimId), ConsistentRead: true }),
  );
  return result.Item ? (result.Item.plan as IntakePlan) : undefined;
}

/** Records the plan unless another is already recorded; returns the plan that stands. */
export async function claimIntake(
  tableName: string,
  claimId: string,
  plan: IntakePlan,
  writer: Writer = dynamoDocumentClient(),
): Promise<IntakePlan> {
  try {
    await writer.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...claimKey(claimId),
          type: 'bundleIntakeClaim',
          plan,
          [table.timeToLiveAttribute]: Math.floor(Date.parse(plan.plannedAt) / 1000) + claimSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return plan;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const standing = await loadIntakeClaim(tableName, claimId);
    if (!standing) throw new Error('An intake claim failed its condition but is not there.');
    return standing;
  }
}

/** Puts `item` unless its key is taken; true when this call wrote it. */
async function putOnce(writer: Writer, input: ConstructorParameters<typeof PutCommand>[0]): Promise<boolean> {
  try {
    await writer.send(new PutCommand(input));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export function insertBundle(
  tableName: string,
  stored: StoredBundle,
  now: Instant | Date,
  writer: Writer = dynamoDocumentClient(),
): Promise<boolean> {
  const { record } = stored;
  return putOnce(writer, {
    TableName: tableName,
    Item: {
      ...bundleKey(record.bundleNo),
      type: 'bundle',
      bundleNo: record.bundleNo,
      data: record,
      intakeWindow: record.intakeWindow,
      gsi1pk: `bundles#${record.intakeWindow}`,
      gsi1sk: `${record.receivedAt}#${record.bundleNo}`,
      queryCodeSalt: stored.queryCodeSalt,
      queryCodeHash: stored.queryCodeHash,
      createdAt: normalizeInstant(now),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
}

/** A part's case, unless the case number is already taken (by this bundle's earlier attempt). */
export async function insertPartOnce(
  tableName: string,
  stored: StoredCase,
  now: Instant | Date,
  ctx: ClockContext,
  writer: Writer = dynamoDocumentClient(),
): Promise<boolean> {
  await writer.send(new UpdateCommand(caseMonthUpdate(tableName, stored.state)));
  return putOnce(writer, insertCaseCommand(tableName, stored, now, ctx));
}

/**
 * Runs a plan to the end: the record, then each part's case as `partCase` builds it. Parts already
 * stored are left as they are (they may have moved on since). Returns how many writes it made.
 */
export async function completeIntake(
  tableName: string,
  stored: StoredBundle,
  partCase: (part: BundlePart) => Promise<StoredCase>,
  now: Instant | Date,
  ctx: ClockContext,
  writer: Writer = dynamoDocumentClient(),
): Promise<number> {
  let writes = (await insertBundle(tableName, stored, now, writer)) ? 1 : 0;
  for (const part of stored.record.parts) {
    const existing = await loadCase(tableName, part.caseNo);
    if (existing) continue;
    if (await insertPartOnce(tableName, await partCase(part), now, ctx, writer)) writes += 1;
  }
  return writes;
}

export async function loadBundle(tableName: string, bundleNo: string): Promise<StoredBundle | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: bundleKey(bundleNo), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  return {
    record: result.Item.data as BundleRecord,
    queryCodeSalt: result.Item.queryCodeSalt as string,
    queryCodeHash: result.Item.queryCodeHash as string,
  };
}

/** The parts' cases as stored now, by case number (a part not yet written is absent). */
export async function loadParts(tableName: string, record: BundleRecord): Promise<Map<string, CaseState>> {
  const found = await Promise.all(record.parts.map((part) => loadCase(tableName, part.caseNo)));
  return new Map(found.flatMap((stored) => (stored ? [[stored.state.caseNo, stored.state] as const] : [])));
}

export interface BundleListPage {
  items: BundleRecord[];
  nextCursor: string | null;
}

export class InvalidBundleCursorError extends Error {
  override readonly name = 'InvalidBundleCursorError';
}

/** The bundles a general window took in, most recent first. */
export async function listBundles(
  tableName: string,
  window: string,
  limit: number,
  cursor?: string,
): Promise<BundleListPage> {
  const partition = `bundles#${window}`;
  let startKey: Record<string, unknown> | undefined;
  if (cursor) {
    try {
      startKey = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new InvalidBundleCursorError('The cursor does not belong to this listing.');
    }
    if (startKey?.gsi1pk !== partition)
      throw new InvalidBundleCursorError('The cursor does not belong to this listing.');
  }
  const result = await dynamoDocumentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: '#gsi1pk = :partition',
      ExpressionAttributeNames: { '#gsi1pk': 'gsi1pk' },
      ExpressionAttributeValues: { ':partition': partition },
      ScanIndexForward: false,
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => item.data as BundleRecord),
    nextCursor: result.LastEvaluatedKey
      ? Buffer.from(JSON.stringify(result.LastEvaluatedKey)).toString('base64url')
      : null,
  };
}
