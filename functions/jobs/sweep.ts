/**
 * The supervision sweep (电子监察). Invoked by the EventBridge schedule in the cloud and by the
 * local runtime's timer on the same cadence (schedule.ts).
 *
 * For each shard of the sparse `clocks` index it reads the items with `nextCheckAt <= now` — so its
 * reads follow the due items, not the open ones — and for each:
 *
 * 1. evaluates its clocks (domain/supervision: levelChanges) against the levels recorded on it;
 * 2. when a level changed, records the new levels and appends the announcing events to an outbox
 *    on the same item, in one conditional write (`version` unchanged since read, `supervisionRev`
 *    unchanged). The item stays due, so a crash from here on leaves it for the next sweep;
 * 3. publishes the outbox — cards (督办单, with the answer clock), inbox entries per recipient, the
 *    bus event — each write idempotent by the deterministic event id;
 * 4. clears the outbox and moves `nextCheckAt` to the next threshold in one conditional write.
 *
 * A page of due items goes through the steps together: step 2 for every item (a bounded number of
 * writes at once), then step 3 for every outbox recorded — the cards, inbox entries and bus events
 * of the whole page in batches (BatchWriteItem of 25, PutEvents of 10; the cards' keys read first,
 * so an existing card is never overwritten) — then step 4 for every item. Only once all of an item's announcements are written is its outbox
 * cleared, so a crash anywhere leaves each unannounced level in an outbox, and a replay writes the
 * same ids again.
 *
 * Two sweeps at once: the conditional write of step 2 lets one of them record a level; the other
 * re-reads and finds nothing new. The outbox is claimed by the run that wrote it; another run
 * publishes it only after the claim's lease ran out (a crashed run). It pages through what is due
 * and stops before its time limit, leaving the rest due for the next run.
 */

import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { centreClocks, counterSettings } from '../config/centre.ts';
import { readFunctionEnvironment } from '../config/env.ts';
import { formatInstant, toEpochMs } from '../domain/calendar/instant.ts';
import { caseWarningLevel } from '../domain/cases/case-clocks.ts';
import type { CaseState } from '../domain/cases/types.ts';
import type { ClockContext } from '../domain/clocks/clock.ts';
import { type ComplaintState, complaintSubject } from '../domain/complaints/index.ts';
import { findCategory } from '../domain/counter/settings.ts';
import type { Ticket } from '../domain/counter/tickets.ts';
import { ticketSubject } from '../domain/counter/waits.ts';
import { type RatingState, ratingSubject } from '../domain/ratings/index.ts';
import {
  type AnnouncedLevel,
  type CardRecord,
  cardFor,
  cardSubject,
  caseSubject,
  defaultSupervisionSettings,
  planSubject,
  type RecordedLevels,
  type Subject,
  type SupervisionEvent,
  type SupervisionSettings,
  subjectNextCheckAt,
} from '../domain/supervision/index.ts';
import { logger } from '../http/observability.ts';
import { dynamoDocumentClient } from '../store/client.ts';
import { isConditionFailure, setAndRemove } from '../store/conditional-write.ts';
import { type EventBus, eventBusFromEnvironment } from '../store/supervision/event-bus.ts';
import { fileInInboxes, recordCard, recordNewCards } from '../store/supervision/supervision.ts';
import { mapBounded } from '../store/supervision/writes.ts';
import { clockShardCount } from '../store/table.ts';
import { nextSweepAt } from './schedule.ts';

export interface SweepSummary {
  at: string;
  /** Due items read and evaluated. */
  examined: number;
  /** Clock levels that changed (new levels announced, and levels lowered by an extension). */
  changed: number;
  /** New levels announced, by level. */
  changedByLevel: Record<AnnouncedLevel, number>;
  /** New levels announced, by event type (CaseReminded, CaseYellowCard…). */
  changedByType: Record<string, number>;
  /** Events the bus accepted in this run. */
  published: number;
  /** Events republished after a crash that the local bus already had (never counted twice). */
  duplicates: number;
  cards: number;
  inboxEntries: number;
  /** Read capacity the queries, re-reads and card existence checks consumed, as DynamoDB reports it. */
  readCapacity: number;
  /** Items returned by the index queries, re-reads and card existence checks. */
  itemsRead: number;
  /** Stopped before the time limit with due items left: the next run continues. */
  remaining: boolean;
  nextRunHint: { nextScheduledAt: string; earliestNextCheckAt: string | null };
  durationMs: number;
}

export interface SweepOptions {
  tableName?: string;
  client?: DynamoDBDocumentClient;
  bus?: EventBus;
  clocks?: ClockContext;
  settings?: SupervisionSettings;
  /** Milliseconds left before the invocation is cut off (Lambda: `context.getRemainingTimeInMillis`). */
  remainingMs?: () => number;
  /** Stop taking new work when fewer than this many milliseconds are left. */
  marginMs?: number;
  /** Items per index page. */
  pageSize?: number;
  /** Items of a page processed at once (each is independent: its own conditional writes). */
  concurrency?: number;
  /** Identifies this run's outbox claims. */
  runId?: string;
  /** Wall clock for outbox leases (process time, not the business `now`). */
  wallClock?: () => number;
  /** How long a run's outbox claim holds before another run may publish it (a crashed run). */
  leaseMs?: number;
}

const defaults = { marginMs: 10_000, pageSize: 100, leaseMs: 90_000, concurrency: 16 };

interface Claim {
  run: string;
  atMs: number;
}

type Item = Record<string, unknown>;

/** An outbox this run recorded and claimed, to publish and then clear. */
interface Publication {
  /** The item as the level write left it: the condition of the clearing write. */
  item: Item;
  subject: Subject;
  pending: SupervisionEvent[];
  /** Ids of the events that were already in the outbox as read (another run may have published them). */
  replayed: ReadonlySet<string>;
}

/** What is left of one item after a step: its outbox to publish, or the item read again to retry. */
type Step = { publish: Publication } | { retry: Item } | undefined;

/** Waits for every promise, then throws the first failure (nothing still writes after a throw). */
async function settleAll(promises: readonly Promise<unknown>[]) {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

function subjectOf(item: Item): Subject | null {
  if (item.type === 'case') return caseSubject(item.data as CaseState);
  if (item.type === 'card') return cardSubject(item.data as CardRecord);
  if (item.type === 'complaint') return complaintSubject(item.data as ComplaintState);
  if (item.type === 'rating') return ratingSubject(item.data as RatingState);
  if (item.type === 'ticket') {
    const ticket = item.data as Ticket;
    const category = findCategory(counterSettings(), ticket.category);
    return category ? ticketSubject(ticket, category) : null;
  }
  return null;
}

function emptySummary(now: Date): SweepSummary {
  return {
    at: now.toISOString(),
    examined: 0,
    changed: 0,
    changedByLevel: { remind: 0, yellow: 0, red: 0 },
    changedByType: {},
    published: 0,
    duplicates: 0,
    cards: 0,
    inboxEntries: 0,
    readCapacity: 0,
    itemsRead: 0,
    remaining: false,
    nextRunHint: { nextScheduledAt: nextSweepAt(now).toISOString(), earliestNextCheckAt: null },
    durationMs: 0,
  };
}

class Sweep {
  readonly table: string;
  readonly client: DynamoDBDocumentClient;
  readonly bus: EventBus;
  readonly ctx: ClockContext;
  readonly settings: SupervisionSettings;
  readonly runId: string;
  readonly wall: () => number;
  readonly leaseMs: number;
  readonly summary: SweepSummary;
  readonly nowInstant: string;
  readonly concurrency: number;

  constructor(
    readonly now: Date,
    options: SweepOptions,
  ) {
    this.table = options.tableName ?? readFunctionEnvironment().tableName;
    this.client = options.client ?? dynamoDocumentClient();
    this.bus = options.bus ?? eventBusFromEnvironment();
    this.ctx = options.clocks ?? centreClocks();
    this.settings = options.settings ?? defaultSupervisionSettings;
    this.runId = options.runId ?? randomUUID();
    this.wall = options.wallClock ?? Date.now;
    this.leaseMs = options.leaseMs ?? defaults.leaseMs;
    this.summary = emptySummary(now);
    this.nowInstant = formatInstant(now.getTime());
    this.concurrency = Math.max(1, options.concurrency ?? defaults.concurrency);
  }

  countRead(result: { ConsumedCapacity?: { CapacityUnits?: number } | undefined }, items: number) {
    this.summary.readCapacity += result.ConsumedCapacity?.CapacityUnits ?? 0;
    this.summary.itemsRead += items;
  }

  async queryDue(shard: string, limit: number, startKey?: Item) {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'clocks',
        KeyConditionExpression: '#shard = :shard AND #next <= :now',
        ExpressionAttributeNames: { '#shard': 'clockShard', '#next': 'nextCheckAt' },
        ExpressionAttributeValues: { ':shard': shard, ':now': this.nowInstant },
        Limit: limit,
        ReturnConsumedCapacity: 'TOTAL',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    this.countRead(result, result.Items?.length ?? 0);
    return result;
  }

  async reread(item: Item): Promise<Item | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: item.pk, sk: item.sk },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.countRead(result, result.Item ? 1 : 0);
    return result.Item;
  }

  /** The next check instant to store: the next threshold, or leave the index when nothing runs. */
  indexUpdate(subject: Subject, set: Record<string, unknown>, remove: string[]) {
    const next = subjectNextCheckAt(subject, this.now, this.ctx);
    if (next === null) remove.push('clockShard', 'nextCheckAt');
    else set.nextCheckAt = next;
  }

  async conditionalUpdate(item: Item, set: Record<string, unknown>, remove: string[]): Promise<boolean> {
    const rev = item.supervisionRev as number | undefined;
    const values: Record<string, unknown> = { ':version': item.version };
    if (rev !== undefined) values[':rev'] = rev;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: item.pk, sk: item.sk },
          ConditionExpression:
            rev === undefined
              ? '#version = :version AND attribute_not_exists(#rev)'
              : '#version = :version AND #rev = :rev',
          ...setAndRemove(set, remove, { '#version': 'version', '#rev': 'supervisionRev' }, values),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Looks at the item again after a conditional write lost (a clerk's command, another sweep). */
  async retry(item: Item): Promise<Step> {
    const again = await this.reread(item);
    return again ? { retry: again } : undefined;
  }

  /**
   * Step 2 for one item: records its new levels (and, when this run may publish, the outbox with
   * this run's claim) in one conditional write. What it returns: the outbox to publish, the item
   * read again after losing the condition, or nothing more to do.
   */
  async record(item: Item): Promise<Step> {
    if (typeof item.nextCheckAt !== 'string' || item.nextCheckAt > this.nowInstant) return undefined;
    const subject = subjectOf(item);
    if (!subject) return undefined;
    const rev = (item.supervisionRev as number | undefined) ?? 0;
    const recorded = (item.recordedLevels as RecordedLevels | undefined) ?? {};
    const outbox = (item.outbox as SupervisionEvent[] | undefined) ?? [];
    const claim = item.outboxClaim as Claim | undefined;
    const plan = planSubject(subject, recorded, this.now, this.ctx, this.settings);
    const claimable = !claim || claim.run === this.runId || this.wall() - claim.atMs > this.leaseMs;
    const known = new Set(outbox.map((event) => event.eventId));
    const pending = [...outbox, ...plan.events.filter((event) => !known.has(event.eventId))];
    const set: Record<string, unknown> = { supervisionRev: rev + 1 };
    const remove: string[] = [];
    if (plan.changes.length > 0) {
      set.recordedLevels = plan.recorded;
      if (item.type === 'case')
        set.warningLevel = caseWarningLevel(item.data as CaseState, this.now, this.ctx);
    }
    if (pending.length === 0) {
      // Nothing to announce: record (a lowered level) and move on to the next threshold at once.
      this.indexUpdate(subject, set, remove);
      if (!(await this.conditionalUpdate(item, set, remove))) return this.retry(item);
      this.summary.changed += plan.changes.length;
      return undefined;
    }
    if (plan.changes.length > 0 || claimable) {
      set.outbox = pending;
      if (claimable) set.outboxClaim = { run: this.runId, atMs: this.wall() } satisfies Claim;
      if (!(await this.conditionalUpdate(item, set, remove))) return this.retry(item);
      this.summary.changed += plan.changes.length;
      for (const event of plan.events) {
        this.summary.changedByLevel[event.level] += 1;
        this.summary.changedByType[event.type] = (this.summary.changedByType[event.type] ?? 0) + 1;
      }
    }
    // Another live run holds the outbox: it publishes; the item stays due until it has.
    if (!claimable) return undefined;
    const recordedItem: Item = { ...item, supervisionRev: rev + 1, outbox: pending };
    return { publish: { item: recordedItem, subject, pending, replayed: known } };
  }

  /**
   * Step 3 for the outboxes of a page at once, in batches: the cards not yet recorded (an answered
   * card is never overwritten), the inbox entries and the bus events. An event from an outbox read
   * from the item (a crashed or overtaken run's) is written one conditional put at a time instead,
   * so what it already wrote is counted as such. A failure throws: every outbox stays on its item
   * for the next run.
   */
  async publish(publications: readonly Publication[]) {
    const fresh: SupervisionEvent[] = [];
    const replayed: SupervisionEvent[] = [];
    for (const { pending, replayed: known } of publications) {
      for (const event of pending) (known.has(event.eventId) ? replayed : fresh).push(event);
    }
    const cardsOf = (events: SupervisionEvent[]) =>
      events.flatMap((event) => {
        const card = event.card ? cardFor(event, this.ctx, this.settings) : null;
        return card ? [card] : [];
      });
    const batches = Math.ceil(this.concurrency / 2);
    const announce = async (events: SupervisionEvent[], replay: boolean) => {
      if (events.length === 0) return;
      await settleAll([
        fileInInboxes(this.table, events, this.client, { replay, concurrency: batches }).then((filed) => {
          this.summary.inboxEntries += filed;
        }),
        this.bus.publish(events, { replay }).then((bus) => {
          this.summary.published += bus.published;
          this.summary.duplicates += bus.duplicates;
        }),
      ]);
    };
    await settleAll([
      (async () => {
        const cards = await recordNewCards(
          this.table,
          cardsOf(fresh),
          this.now,
          this.ctx,
          this.client,
          batches,
        );
        this.summary.cards += cards.created;
        this.summary.readCapacity += cards.readCapacity;
        this.summary.itemsRead += cards.itemsRead;
      })(),
      mapBounded(cardsOf(replayed), this.concurrency, async (card) => {
        if (await recordCard(this.table, card, this.now, this.ctx, this.client)) this.summary.cards += 1;
      }),
      announce(fresh, false),
      announce(replayed, true),
    ]);
  }

  /** Step 4 for one item: clears its published outbox and moves `nextCheckAt` on. */
  async clear({ item, subject }: Publication): Promise<Step> {
    const set: Record<string, unknown> = { supervisionRev: (item.supervisionRev as number) + 1 };
    const remove = ['outbox', 'outboxClaim'];
    this.indexUpdate(subject, set, remove);
    // The case moved on meanwhile (a clerk's command): look again with what it is now.
    if (!(await this.conditionalUpdate(item, set, remove))) return this.retry(item);
    return undefined;
  }

  /**
   * One page of due items: every item's level write, then every outbox published together, then
   * every outbox cleared — each step a bounded number of writes at once. An item whose condition
   * failed is read again and goes through the steps once more, up to four times.
   */
  async sweepPage(items: readonly Item[], outOfTime: () => boolean) {
    let round: readonly Item[] = items;
    for (let attempt = 0; round.length > 0 && attempt < 4; attempt += 1) {
      const first = attempt === 0;
      const recorded = await mapBounded(round, this.concurrency, async (item) => {
        if (first) {
          if (outOfTime()) {
            this.summary.remaining = true;
            return undefined;
          }
          this.summary.examined += 1;
        }
        return this.record(item);
      });
      const publications = recorded.flatMap((step) => (step && 'publish' in step ? [step.publish] : []));
      await this.publish(publications);
      const cleared = await mapBounded(publications, this.concurrency, (publication) =>
        this.clear(publication),
      );
      round = [...recorded, ...cleared].flatMap((step) => (step && 'retry' in step ? [step.retry] : []));
    }
  }

  async earliestNextCheck(): Promise<string | null> {
    let earliest: string | null = null;
    for (let shard = 0; shard < clockShardCount; shard += 1) {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'clocks',
          KeyConditionExpression: '#shard = :shard AND #next > :now',
          ExpressionAttributeNames: { '#shard': 'clockShard', '#next': 'nextCheckAt' },
          ExpressionAttributeValues: { ':shard': `clock#${shard}`, ':now': this.nowInstant },
          Limit: 1,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.countRead(result, result.Items?.length ?? 0);
      const next = result.Items?.[0]?.nextCheckAt as string | undefined;
      if (next && !next.startsWith('9999') && (earliest === null || toEpochMs(next) < toEpochMs(earliest))) {
        earliest = next;
      }
    }
    return earliest;
  }
}

export async function runSweep(now: Date, options: SweepOptions = {}): Promise<SweepSummary> {
  const started = performance.now();
  const sweep = new Sweep(now, options);
  const remainingMs = options.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const margin = options.marginMs ?? defaults.marginMs;
  const pageSize = options.pageSize ?? defaults.pageSize;
  const outOfTime = () => remainingMs() < margin;
  shards: for (let shard = 0; shard < clockShardCount; shard += 1) {
    let startKey: Item | undefined;
    do {
      if (outOfTime()) {
        sweep.summary.remaining = true;
        break shards;
      }
      const page = await sweep.queryDue(`clock#${shard}`, pageSize, startKey);
      await sweep.sweepPage((page.Items ?? []) as Item[], outOfTime);
      if (sweep.summary.remaining) break shards;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  sweep.summary.nextRunHint.earliestNextCheckAt = sweep.summary.remaining
    ? sweep.nowInstant
    : await sweep.earliestNextCheck();
  sweep.summary.durationMs = Math.round(performance.now() - started);
  return sweep.summary;
}

/** The scheduler's event carries the instant it was meant to fire; a retry keeps that instant. */
export async function handler(
  event: { time?: string } = {},
  context?: Partial<Context>,
): Promise<SweepSummary> {
  const scheduled = event.time ? new Date(event.time) : new Date();
  const remaining = context?.getRemainingTimeInMillis;
  const summary = await runSweep(
    Number.isNaN(scheduled.getTime()) ? new Date() : scheduled,
    remaining ? { remainingMs: () => remaining.call(context) } : {},
  );
  logger.info('Supervision sweep', { ...summary });
  return summary;
}
