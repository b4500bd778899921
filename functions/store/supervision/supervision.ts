/**
 * Supervision items in the single table, besides the case items the sweep annotates:
 *
 *   inbox   pk = inbox#<address>  sk = <occurredAt>#<eventId>   one per recipient of an escalation;
 *           address = user#<username> | window#<code> | chief#<dept> | leader#<dept> | supervisor
 *   card    pk = card#<eventId>   sk = card                       a yellow or red card (督办单) with
 *           the department's answer clock; while it runs it carries clockShard/nextCheckAt, so the
 *           sweep watches it like a case. Listed per department (gsi1 `cards#<department>`) and
 *           for the whole centre (gsi2 `cards`), newest first by `<issuedAt>#<id>`; marked for
 *           the kept figures until they count it (store/figures/pending.ts: the figures job does)
 *
 * Writing the same event's items again changes nothing: a card is put with `attribute_not_exists(pk)`
 * (it changes once answered), an inbox entry is fixed by its key.
 *
 * On a watched item (case, card) the sweep keeps:
 *   recordedLevels   { <clock>: { level, since } } — the levels announced (or lowered) so far
 *   outbox           events recorded but not yet published (cleared once published)
 *   outboxClaim      { run, atMs } — which sweep publishes the outbox; another may take over after
 *                    the lease (a crashed run)
 *   supervisionRev   the condition of every sweep write, so overlapping sweeps serialise
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/calendar/instant.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import {
  type CardRecord,
  cardSubject,
  inboxAddress,
  type SupervisionEvent,
  subjectNextCheckAt,
} from '../../domain/supervision/index.ts';
import { dynamoDocumentClient } from '../client.ts';
import { isConditionFailure } from '../conditional-write.ts';
import { figuresPending, sourceId } from '../figures/pending.ts';
import { dayRange, queryIndexRange } from '../query-range.ts';
import { clockShardFor } from '../table.ts';
import { batchPut, existingKeys, keyString, mapBounded, putOnce } from './writes.ts';

const inboxRetentionDays = 400;

export interface InboxEntry {
  eventId: string;
  type: string;
  level: SupervisionEvent['level'];
  levelLabel: string;
  occurredAt: Instant;
  subject: SupervisionEvent['subject'];
  clock: SupervisionEvent['clock'];
  department: string;
  window?: string;
  handler?: string;
  card?: SupervisionEvent['card'];
  /** The inbox it was filed in (user#…, window#…, chief#…, leader#…, supervisor). */
  address: string;
}

/** The inbox items announcing the events: one per event and recipient. */
function inboxItems(events: readonly SupervisionEvent[]): Record<string, unknown>[] {
  return events.flatMap((event) => {
    const expiresAt = Math.floor(Date.parse(event.occurredAt) / 1000) + inboxRetentionDays * 86_400;
    return event.recipients.map((recipient) => {
      const address = inboxAddress(recipient);
      const entry: InboxEntry = {
        eventId: event.eventId,
        type: event.type,
        level: event.level,
        levelLabel: event.levelLabel,
        occurredAt: event.occurredAt,
        subject: event.subject,
        clock: event.clock,
        department: event.department,
        ...(event.window ? { window: event.window } : {}),
        ...(event.handler ? { handler: event.handler } : {}),
        ...(event.card ? { card: event.card } : {}),
        address,
      };
      return {
        pk: `inbox#${address}`,
        sk: `${event.occurredAt}#${event.eventId}`,
        type: 'inbox',
        entry,
        expiresAt,
      };
    });
  });
}

/**
 * Files each event in each of its recipients' inboxes and returns how many entries were new. An
 * entry is fixed by its event, so events announced for the first time go in batches (a batch put
 * overwrites: the same entry again changes nothing); a `replay` (an outbox another run recorded and
 * may have published in part) puts each entry only if it is missing, which counts the new ones.
 */
export async function fileInInboxes(
  tableName: string,
  events: readonly SupervisionEvent[],
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  options: { replay?: boolean; concurrency?: number } = {},
): Promise<number> {
  const items = inboxItems(events);
  const concurrency = options.concurrency ?? 4;
  if (!options.replay) return batchPut(client, tableName, items, concurrency);
  const created = await mapBounded(items, concurrency, (item) => putOnce(client, tableName, item));
  return created.filter(Boolean).length;
}

/** The newest entries of several inboxes, merged, newest first. */
export async function readInboxes(
  tableName: string,
  addresses: readonly string[],
  limit: number,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Promise<InboxEntry[]> {
  const pages = await Promise.all(
    addresses.map((address) =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `inbox#${address}` },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    ),
  );
  const seen = new Set<string>();
  return pages
    .flatMap((page) => (page.Items ?? []).map((item) => item.entry as InboxEntry))
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0))
    .filter((entry) => {
      // One event may reach a reader through two inboxes (their own and their role's).
      if (seen.has(entry.eventId)) return false;
      seen.add(entry.eventId);
      return true;
    })
    .slice(0, limit);
}

/** Every card of the centre (gsi2), newest first by `<issuedAt>#<id>`. */
export const centreCardsPartition = 'cards';

export function cardKey(id: string) {
  return { pk: `card#${id}`, sk: 'card' };
}

function cardItem(card: CardRecord, now: Instant | Date, ctx: ClockContext): Record<string, unknown> {
  const next = subjectNextCheckAt(cardSubject(card), now, ctx);
  const listed = `${card.issuedAt}#${card.id}`;
  return {
    ...cardKey(card.id),
    type: 'card',
    data: card,
    version: 1,
    department: card.department,
    gsi1pk: `cards#${card.department}`,
    gsi1sk: listed,
    gsi2pk: centreCardsPartition,
    gsi2sk: listed,
    ...(next === null ? {} : { clockShard: clockShardFor(card.id), nextCheckAt: next }),
    ...figuresPending(sourceId('card', card.id)),
  };
}

/** Records a card with its running answer clock, indexed for the sweep; false if it exists. */
export async function recordCard(
  tableName: string,
  card: CardRecord,
  now: Instant | Date,
  ctx: ClockContext,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Promise<boolean> {
  return putOnce(client, tableName, cardItem(card, now, ctx));
}

export interface RecordedCards {
  /** Cards written now (the others existed). */
  created: number;
  /** What the existence check read: read capacity and keys found. */
  readCapacity: number;
  itemsRead: number;
}

/**
 * Records the cards of events announced for the first time. An existing card is never written
 * again — its department may have answered it — so the cards' keys are read first (one consistent
 * BatchGetItem per 100) and only the missing ones are put, in batches. Nobody else writes a missing
 * card meanwhile: only the sweep run holding the announcing item's outbox claim publishes its events.
 * Cards of a replayed outbox go through {@link recordCard}, one conditional put each.
 */
export async function recordNewCards(
  tableName: string,
  cards: readonly CardRecord[],
  now: Instant | Date,
  ctx: ClockContext,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  concurrency = 4,
): Promise<RecordedCards> {
  if (cards.length === 0) return { created: 0, readCapacity: 0, itemsRead: 0 };
  const found = await existingKeys(
    client,
    tableName,
    cards.map((card) => cardKey(card.id)),
    concurrency,
  );
  const missing = cards.filter((card) => !found.keys.has(keyString(cardKey(card.id))));
  const created = await batchPut(
    client,
    tableName,
    missing.map((card) => cardItem(card, now, ctx)),
    concurrency,
  );
  return { created, readCapacity: found.readCapacity, itemsRead: found.keys.size };
}

export interface StoredCard {
  card: CardRecord;
  version: number;
}

export async function loadCard(
  tableName: string,
  id: string,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Promise<StoredCard | undefined> {
  const result = await client.send(
    new GetCommand({ TableName: tableName, Key: cardKey(id), ConsistentRead: true }),
  );
  return result.Item
    ? { card: result.Item.data as CardRecord, version: Number(result.Item.version) }
    : undefined;
}

/**
 * Writes an answered card on the condition that it is still at `expectedVersion` (a sweep that
 * recorded a level meanwhile, or another answer, wins; the caller reads again). The card leaves
 * the clocks index: nothing of it runs any more. False when the condition failed.
 */
export async function saveCardAnswer(
  tableName: string,
  card: CardRecord,
  expectedVersion: number,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Promise<boolean> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: cardKey(card.id),
        UpdateExpression: 'SET #data = :data, #version = :next REMOVE clockShard, nextCheckAt',
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#data': 'data', '#version': 'version' },
        ExpressionAttributeValues: {
          ':data': card,
          ':next': expectedVersion + 1,
          ':expected': expectedVersion,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Cards of one department, or of the whole centre (`department` undefined), newest first. */
export async function listCards(
  tableName: string,
  department: string | undefined,
  limit: number,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Promise<StoredCard[]> {
  const byDepartment = department !== undefined;
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: byDepartment ? 'gsi1' : 'gsi2',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': byDepartment ? 'gsi1pk' : 'gsi2pk' },
      ExpressionAttributeValues: { ':pk': byDepartment ? `cards#${department}` : centreCardsPartition },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => ({
    card: item.data as CardRecord,
    version: Number(item.version),
  }));
}

/**
 * The cards issued on the days `from`–`to` (Beijing time, inclusive) of one department or the whole
 * centre (`department` undefined), oldest first: a range of the listing index (its key starts with
 * the issue instant).
 */
export async function listCardsIssued(
  tableName: string,
  from: string,
  to: string,
  department?: string,
): Promise<CardRecord[]> {
  const range = dayRange(from, to);
  const items =
    department === undefined
      ? await queryIndexRange(tableName, 'gsi2', centreCardsPartition, range.from, range.to)
      : await queryIndexRange(tableName, 'gsi1', `cards#${department}`, range.from, range.to);
  return items.map((item) => item.data as CardRecord);
}
