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
 * Two sweeps at once: the conditional write of step 2 lets one of them record a level; the other
 * re-reads and finds nothing new. The outbox is claimed by the run that wrote it; another run
 * publishes it only after the claim's lease ran out (a crashed run). It pages through what is due
 * and stops before its time limit, leaving the rest due for the next run.
 */

import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { centreClocks } from '../config/centre.ts';
import { readFunctionEnvironment } from '../config/env.ts';
import { formatInstant, toEpochMs } from '../domain/calendar/instant.ts';
import { caseWarningLevel } from '../domain/cases/case-clocks.ts';
import type { CaseState } from '../domain/cases/types.ts';
import type { ClockContext } from '../domain/clocks/clock.ts';
import { type ComplaintState, complaintSubject } from '../domain/complaints/index.ts';
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
import { fileInInboxes, recordCard } from '../store/supervision/supervision.ts';
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
  /** Read capacity the queries and re-reads consumed, as DynamoDB reports it. */
  readCapacity: number;
  /** Items returned by the index queries and re-reads. */
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

const defaults = { marginMs: 10_000, pageSize: 100, leaseMs: 90_000, concurrency: 8 };

interface Claim {
  run: string;
  atMs: number;
}

type Item = Record<string, unknown>;

function subjectOf(item: Item): Subject | null {
  if (item.type === 'case') return caseSubject(item.data as CaseState);
  if (item.type === 'card') return cardSubject(item.data as CardRecord);
  if (item.type === 'complaint') return complaintSubject(item.data as ComplaintState);
  if (item.type === 'rating') return ratingSubject(item.data as RatingState);
  // Complaints and ratings register here when their items exist.
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

  async publish(events: readonly SupervisionEvent[]) {
    for (const event of events) {
      if (event.card) {
        const card = cardFor(event, this.ctx, this.settings);
        if (card && (await recordCard(this.table, card, this.now, this.ctx, this.client))) {
          this.summary.cards += 1;
        }
      }
      this.summary.inboxEntries += await fileInInboxes(this.table, event, this.client);
    }
    const result = await this.bus.publish(events);
    this.summary.published += result.published;
    this.summary.duplicates += result.duplicates;
  }

  async process(first: Item): Promise<void> {
    let item: Item | undefined = first;
    for (let attempt = 0; item && attempt < 4; attempt += 1) {
      if (typeof item.nextCheckAt !== 'string' || item.nextCheckAt > this.nowInstant) return;
      const subject = subjectOf(item);
      if (!subject) return;
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
        if (!(await this.conditionalUpdate(item, set, remove))) {
          item = await this.reread(item);
          continue;
        }
        this.summary.changed += plan.changes.length;
        return;
      }
      if (plan.changes.length > 0 || claimable) {
        set.outbox = pending;
        if (claimable) set.outboxClaim = { run: this.runId, atMs: this.wall() } satisfies Claim;
        if (!(await this.conditionalUpdate(item, set, remove))) {
          item = await this.reread(item);
          continue;
        }
        this.summary.changed += plan.changes.length;
        for (const event of plan.events) {
          this.summary.changedByLevel[event.level] += 1;
          this.summary.changedByType[event.type] = (this.summary.changedByType[event.type] ?? 0) + 1;
        }
      }
      // Another live run holds the outbox: it publishes; the item stays due until it has.
      if (!claimable) return;
      const recordedItem: Item = { ...item, supervisionRev: rev + 1, outbox: pending };
      await this.publish(pending);
      const clear: Record<string, unknown> = { supervisionRev: rev + 2 };
      const clearRemove = ['outbox', 'outboxClaim'];
      this.indexUpdate(subject, clear, clearRemove);
      if (!(await this.conditionalUpdate(recordedItem, clear, clearRemove))) {
        // The case moved on meanwhile (a clerk's command): look again with what it is now.
        item = await this.reread(item);
        continue;
      }
      return;
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
  const concurrency = Math.max(1, options.concurrency ?? defaults.concurrency);
  const outOfTime = () => remainingMs() < margin;
  shards: for (let shard = 0; shard < clockShardCount; shard += 1) {
    let startKey: Item | undefined;
    do {
      if (outOfTime()) {
        sweep.summary.remaining = true;
        break shards;
      }
      const page = await sweep.queryDue(`clock#${shard}`, pageSize, startKey);
      const items = page.Items ?? [];
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          if (outOfTime()) {
            sweep.summary.remaining = true;
            return;
          }
          const item = items[next++] as Item;
          sweep.summary.examined += 1;
          await sweep.process(item);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
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
