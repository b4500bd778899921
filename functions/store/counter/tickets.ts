/**
 * Queue tickets and the hall's latest calls in the single table. Every command on a ticket is one
 * conditional write on its item; a call adds at most one more (the window's latest call, for the
 * hall display).
 *
 *   pk = ticket#<date>#<ticketNo>   sk = ticket   type = 'ticket'
 *   data            the ticket value (domain/counter/tickets.ts)
 *   status, version the condition of every command write
 *   gsi1pk/gsi1sk   only while waiting (sparse): the queue, `queue#<date>#category#<code>` or
 *                   `queue#<date>#window#<window>` after a transfer to one window, ordered by
 *                   `queueOrderKey` (priority first, then the instant the place counts from, then
 *                   the serial). "The first waiting" is a query of a few items, however long the
 *                   queue; the waiting count is a COUNT query on the same key.
 *   gsi2pk/gsi2sk   the day's tickets, `tickets#<date>` / `<ticketNo>`, for the day's figures
 *   clockShard/nextCheckAt  only until the first call (sparse): the supervision sweep's `clocks`
 *                   index, due when the category's wait target passes (domain/counter/waits.ts).
 *                   The first call removes them, so a ticket served in time is never read by a sweep
 *   phoneSealed     the visitor's phone for the "your number is near" message, sealed with the
 *                   personal-data cipher (context `ticket:<date>:<ticketNo>`), when one was given
 *   nearlyCalledAt  when that message was queued (it is queued once)
 *   caseNos         the cases taken in from the visit, appended with one write each (never in
 *                   conflict with a step on the ticket, which writes `data`)
 *
 *   pk = hall#<date>   sk = call#<window>   the window's latest call (ticketNo, calledAt): the hall
 *                   display reads the whole day's calls with one query
 *
 * Calling the next (claimFirstWaiting): the first page of every queue the window serves, merged in
 * queue order; the first claim (`status = waiting AND version = v`) is on the head, and a claim
 * lost to another window moves on among the next few by the window's place (nextCandidateIndex,
 * where the argument for the order is). Two windows calling at once never get the same ticket: the
 * loser's condition fails. An index read may be stale in the cloud (GSIs are eventually
 * consistent); the condition on the item makes a stale candidate harmless.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CivilDate } from '../../domain/calendar/civil.ts';
import { type Instant, normalizeInstant } from '../../domain/calendar/instant.ts';
import type { CallingPlace } from '../../domain/counter/settings.ts';
import { queueOrderKey, type Ticket, type TicketQueue } from '../../domain/counter/tickets.ts';
import { awaitsFirstCall } from '../../domain/counter/waits.ts';
import { dynamoDocumentClient } from '../client.ts';
import { conditionally, isConditionFailure, setAndRemove } from '../conditional-write.ts';
import { queryAll } from '../query-range.ts';
import { mapBounded } from '../supervision/writes.ts';
import { clockShardFor, table } from '../table.ts';

export function ticketKey(date: CivilDate, ticketNo: string) {
  return { pk: `ticket#${date}#${ticketNo}`, sk: 'ticket' };
}

/** The context a ticket's sealed phone is bound to: it opens on this ticket only. */
export function ticketPhoneContext(date: CivilDate, ticketNo: string): string {
  return `ticket:${date}:${ticketNo}`;
}

/** A ticket as stored, with the attributes kept beside its value. */
function ticketOf(item: Record<string, unknown>): Ticket {
  const ticket = item.data as Ticket;
  const caseNos = item.caseNos as string[] | undefined;
  return caseNos && caseNos.length > 0 ? { ...ticket, caseNos } : ticket;
}

export function queueKey(date: CivilDate, queue: TicketQueue): string {
  return 'window' in queue
    ? `queue#${date}#window#${queue.window}`
    : `queue#${date}#category#${queue.category}`;
}

/** Tickets expire from the cloud table after a year and a month (the figures keep their counts). */
const expiresAt = (date: CivilDate) => Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000) + 400 * 86_400;

/** The queue attributes of a ticket; null removes them once it no longer waits. */
function queueAttributes(ticket: Ticket) {
  const waiting = ticket.status === 'waiting' && ticket.queue !== undefined;
  return {
    gsi1pk: waiting && ticket.queue ? queueKey(ticket.date, ticket.queue) : null,
    gsi1sk: waiting ? queueOrderKey(ticket) : null,
  };
}

/** A ticket changed between the read and the write (another window called it first…). */
export class TicketConflictError extends Error {
  override readonly name = 'TicketConflictError';
  constructor(readonly ticketNo: string) {
    super(`Ticket ${ticketNo} changed meanwhile.`);
  }
}

export interface NewTicketAttributes {
  /** The visitor's phone, sealed under {@link ticketPhoneContext}. */
  phoneSealed?: string;
  /** When its wait passes the category's target: the sweep looks at it then (and only if still waiting). */
  waitTargetAt?: Instant;
}

/** Stores a new ticket; its serial is fresh from the day's counter, so the key cannot exist. */
export async function createTicket(
  tableName: string,
  ticket: Ticket,
  attributes: NewTicketAttributes = {},
): Promise<void> {
  const queue = queueAttributes(ticket);
  await dynamoDocumentClient().send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...ticketKey(ticket.date, ticket.ticketNo),
        type: 'ticket',
        data: ticket,
        status: ticket.status,
        version: ticket.version,
        ...(queue.gsi1pk && queue.gsi1sk ? { gsi1pk: queue.gsi1pk, gsi1sk: queue.gsi1sk } : {}),
        gsi2pk: `tickets#${ticket.date}`,
        gsi2sk: ticket.ticketNo,
        ...(attributes.phoneSealed ? { phoneSealed: attributes.phoneSealed } : {}),
        ...(attributes.waitTargetAt
          ? {
              clockShard: clockShardFor(`ticket#${ticket.date}#${ticket.ticketNo}`),
              nextCheckAt: normalizeInstant(attributes.waitTargetAt),
            }
          : {}),
        [table.timeToLiveAttribute]: expiresAt(ticket.date),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function loadTicket(
  tableName: string,
  date: CivilDate,
  ticketNo: string,
): Promise<Ticket | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: ticketKey(date, ticketNo), ConsistentRead: true }),
  );
  return result.Item ? ticketOf(result.Item) : undefined;
}

/** The sealed phone of a ticket, when its visitor gave one. */
export async function loadTicketPhone(
  tableName: string,
  date: CivilDate,
  ticketNo: string,
): Promise<string | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({
      TableName: tableName,
      Key: ticketKey(date, ticketNo),
      ProjectionExpression: 'phoneSealed',
      ConsistentRead: true,
    }),
  );
  return result.Item?.phoneSealed as string | undefined;
}

/**
 * Records a case taken in from the visit on its ticket: one append, idempotent (a case already
 * listed is not listed twice), apart from the ticket's value so no step on the ticket conflicts.
 */
export async function linkTicketCase(
  tableName: string,
  date: CivilDate,
  ticketNo: string,
  caseNo: string,
): Promise<void> {
  // Refused when listed already (a retried intake): nothing to do.
  await conditionally(() =>
    dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: ticketKey(date, ticketNo),
        UpdateExpression: 'SET caseNos = list_append(if_not_exists(caseNos, :none), :case)',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(caseNos, :caseNo)',
        ExpressionAttributeValues: { ':none': [], ':case': [caseNo], ':caseNo': caseNo },
      }),
    ),
  );
}

/**
 * Writes the next value of a ticket decided on `previous`: one conditional write on the status
 * and version it was decided on. Throws TicketConflictError when the ticket moved on meanwhile.
 */
export async function saveTicket(tableName: string, previous: Ticket, next: Ticket): Promise<void> {
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: ticketKey(next.date, next.ticketNo),
        ConditionExpression: '#status = :expectedStatus AND #version = :expectedVersion',
        ...setAndRemove(
          {
            data: next,
            status: next.status,
            version: next.version,
            ...queueAttributes(next),
            // Once called, its wait is known: the sweep has nothing more to watch.
            ...(awaitsFirstCall(next) ? {} : { clockShard: null, nextCheckAt: null }),
          },
          [],
          { '#status': 'status', '#version': 'version' },
          { ':expectedStatus': previous.status, ':expectedVersion': previous.version },
        ),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new TicketConflictError(next.ticketNo);
    throw error;
  }
}

/** A queue's first `limit` waiting items in queue order, and whether more wait behind them. */
async function waitingPage(tableName: string, date: CivilDate, queue: TicketQueue, limit: number) {
  const result = await dynamoDocumentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :queue',
      ExpressionAttributeValues: { ':queue': queueKey(date, queue) },
      Limit: limit,
    }),
  );
  return { items: result.Items ?? [], more: result.LastEvaluatedKey !== undefined };
}

/**
 * The first `limit` waiting tickets of a queue with the number ahead of each (its place), those
 * whose visitor gave a phone and has not been told yet: one query of a few items.
 */
export async function nearTicketsToTell(
  tableName: string,
  date: CivilDate,
  queue: TicketQueue,
  limit: number,
): Promise<{ ticket: Ticket; ahead: number }[]> {
  const { items } = await waitingPage(tableName, date, queue, limit);
  return items.flatMap((item, ahead) =>
    typeof item.phoneSealed === 'string' && item.nearlyCalledAt === undefined
      ? [{ ticket: ticketOf(item), ahead }]
      : [],
  );
}

/** Notes that the "your number is near" message of a ticket is queued (so the next call skips it). */
export async function markNearlyCalled(
  tableName: string,
  date: CivilDate,
  ticketNo: string,
  at: Instant,
): Promise<void> {
  await dynamoDocumentClient().send(
    new UpdateCommand({
      TableName: tableName,
      Key: ticketKey(date, ticketNo),
      UpdateExpression: 'SET nearlyCalledAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}

/** Every ticket of the given days (the counter's figures): the days' partitions, a few at once. */
export async function ticketsOfDays(tableName: string, dates: readonly CivilDate[]): Promise<Ticket[]> {
  const days = await mapBounded(dates, 4, (date) =>
    queryAll({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :day',
      ExpressionAttributeValues: { ':day': `tickets#${date}` },
    }),
  );
  return days.flat().map(ticketOf);
}

/** How many wait in a queue; with `before`, how many of them are ahead of that queue order key. */
export async function countWaiting(
  tableName: string,
  date: CivilDate,
  queue: TicketQueue,
  before?: string,
): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: before ? 'gsi1pk = :queue AND gsi1sk < :before' : 'gsi1pk = :queue',
        ExpressionAttributeValues: {
          ':queue': queueKey(date, queue),
          ...(before ? { ':before': before } : {}),
        },
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += result.Count ?? 0;
    start = result.LastEvaluatedKey;
  } while (start);
  return count;
}

/** How many candidates of each queue one round of a call reads. */
const candidatesPerQueue = 25;

/** One queue's first page of waiting tickets, and whether more wait behind it. */
export interface WaitingPage {
  tickets: readonly Ticket[];
  more: boolean;
}

/**
 * The candidates of one round: the queues' pages merged in queue order, cut after the last ticket
 * of the shortest-reaching full page — a ticket sorting after that one may have an unread ticket
 * of that queue before it, so it waits for the next read. A window calling alone thus always gets
 * the true head of all its queues, and a window that lost claims never passes an unread ticket.
 */
export function mergeCandidates(pages: readonly WaitingPage[]): Ticket[] {
  const ends = pages.flatMap((page) => {
    const last = page.tickets.at(-1);
    return page.more && last ? [queueOrderKey(last)] : [];
  });
  const bound = ends.sort()[0];
  return pages
    .flatMap((page) => page.tickets)
    .filter((ticket) => bound === undefined || queueOrderKey(ticket) <= bound)
    .sort((a, b) => (queueOrderKey(a) < queueOrderKey(b) ? -1 : 1));
}

/**
 * Which candidate a call claims after `lost` claims lost in this round (−1 once it tried them all):
 *
 * - The first claim is the head, always: a window that meets no other call gets exactly the next
 *   ticket in priority-then-arrival order.
 * - After a lost claim, the first untried candidate whose serial falls to the window's place
 *   (serial mod `place.among` = `place.index`) among the next `place.among` × `lost` places, of
 *   the same rank as the first untried one — never an ordinary ticket while a priority one of the
 *   page is untried. Ten windows losing the same head thus go to ten different tickets instead of
 *   all to the next one, and they keep apart even when their reads are out of step (a window a
 *   few calls behind still aims at its own serials, not at the one a fresher window aims at).
 *   When no serial of its place is within reach (a short queue, queues merged), one of the next
 *   `place.among` at random.
 *
 * Why the order stays right: a claim is lost only when the ticket stopped waiting between the read
 * and the write — another window called it in that instant (or just before, for a stale index
 * read); no other step writes the status or version of a waiting ticket. So only a call made in
 * the same instant as another window's call on the same queue ever passes a ticket over — by fewer
 * than `place.among` places for each claim it lost, and never a priority ticket for an ordinary
 * one. The order changes only among the tickets at the head while several windows call at once,
 * the tickets those windows are calling; a ticket passed over stays at the head, where the next
 * call's first claim takes it, so none is skipped for good. Each claim is still one conditional
 * write, so a ticket goes to exactly one window however its candidate was chosen.
 */
export function nextCandidateIndex(
  candidates: readonly Pick<Ticket, 'priority' | 'serial'>[],
  tried: ReadonlySet<number>,
  lost: number,
  place: CallingPlace,
  random = Math.random,
): number {
  let first = 0;
  while (first < candidates.length && tried.has(first)) first += 1;
  if (first === candidates.length || lost === 0) return first === candidates.length ? -1 : first;
  const among = Math.max(1, place.among);
  const rank = Boolean(candidates[first]?.priority);
  const open = (index: number) => !tried.has(index) && Boolean(candidates[index]?.priority) === rank;
  const reach = Math.min(candidates.length, first + among * lost);
  for (let index = first; index < reach; index += 1) {
    if (open(index) && (candidates[index]?.serial ?? 0) % among === place.index % among) return index;
  }
  const near: number[] = [];
  for (let index = first; index < Math.min(candidates.length, first + among); index += 1) {
    if (open(index)) near.push(index);
  }
  return near[Math.floor(random() * near.length)] as number;
}

/** Thrown when the queue changed under every candidate for too many rounds (a retry will do). */
export class QueueBusyError extends Error {
  override readonly name = 'QueueBusyError';
}

/**
 * Calls the first waiting ticket of `queues` for a window at `place` among the windows calling
 * them: `decide` turns the candidate into the called ticket, and the first conditional write that
 * succeeds wins. A round reads each queue's first page once and claims from it until every
 * candidate was tried; only then does it read again. Undefined when nobody waits.
 */
export async function claimFirstWaiting(
  tableName: string,
  date: CivilDate,
  queues: readonly TicketQueue[],
  place: CallingPlace,
  decide: (ticket: Ticket) => Ticket,
): Promise<Ticket | undefined> {
  for (let round = 0; round < 20; round += 1) {
    const pages = await Promise.all(
      queues.map(async (queue) => {
        const page = await waitingPage(tableName, date, queue, candidatesPerQueue);
        return { tickets: page.items.map(ticketOf), more: page.more };
      }),
    );
    const candidates = mergeCandidates(pages);
    if (candidates.length === 0) return undefined;
    const tried = new Set<number>();
    for (let lost = 0; ; lost += 1) {
      const index = nextCandidateIndex(candidates, tried, lost, place);
      if (index < 0) break;
      tried.add(index);
      const candidate = candidates[index] as Ticket;
      const called = decide(candidate);
      try {
        await saveTicket(tableName, candidate, called);
        return called;
      } catch (error) {
        // Another window called it first (or the index was stale): another candidate.
        if (!(error instanceof TicketConflictError)) throw error;
      }
    }
  }
  throw new QueueBusyError('Every candidate of the queue was taken by other windows, round after round.');
}

export interface HallCall {
  ticketNo: string;
  window: string;
  category: string;
  calledAt: string;
}

/** Records the window's latest call for the hall display (the one write a call adds). */
export async function recordHallCall(tableName: string, date: CivilDate, call: HallCall): Promise<void> {
  await dynamoDocumentClient().send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: `hall#${date}`,
        sk: `call#${call.window}`,
        type: 'hall-call',
        ...call,
        [table.timeToLiveAttribute]: expiresAt(date) - 390 * 86_400,
      },
    }),
  );
}

/** The day's latest call of every window, latest first. */
export async function hallCalls(tableName: string, date: CivilDate): Promise<HallCall[]> {
  const calls: HallCall[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `hall#${date}` },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of result.Items ?? []) {
      calls.push({
        ticketNo: item.ticketNo as string,
        window: item.window as string,
        category: item.category as string,
        calledAt: item.calledAt as string,
      });
    }
    start = result.LastEvaluatedKey;
  } while (start);
  return calls.sort((a, b) => (a.calledAt < b.calledAt ? 1 : -1));
}
