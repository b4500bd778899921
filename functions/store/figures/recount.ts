/**
 * Rebuilding the kept figures from the sources, and finishing what interrupted requests left.
 *
 * `recountMonth` — after a catalogue, calendar or figure-settings change, a lost event, or to check:
 * every source of the month (its cases through the month index, the complaints received, the cards
 * issued, the ratings of its deliveries) is brought up to date by the projector, with the
 * definitions as they are now; then every cell of the month and of its days is compared with the
 * sum of what its sources record as counted, and rewritten where they differ (or where a crash left
 * tags); then the month's late overdue list likewise. The rewrite is conditional on the cell's
 * `rev` as read before the sources were: a projection that lands meanwhile makes it fail, and the
 * month is recounted again. The open overdue list is checked whole (`recountOpenOverdue`): it
 * holds the open cases, and a calendar change moves their due instants.
 *
 * `projectPending` — the figures job's regular run: the sources whose pending mark is older than a
 * grace (a request that died before its projection, a sweep's new cards), each projected.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { normalizeInstant } from '../../domain/calendar/instant.ts';
import type { CaseState } from '../../domain/cases/types.ts';
import { cellKey, type KeptCell, type LeafKind } from '../../domain/figures/contributions.ts';
import { addCounts, figureCountKeys, type PartialCounts, sameCounts } from '../../domain/figures/counts.ts';
import { type OverdueSubject, overdueSubjectOf } from '../../domain/figures/facts.ts';
import { type Period, parsePeriod, periodDays, periodMonths } from '../../domain/figures/periods.ts';
import { caseKey } from '../cases/cases.ts';
import { complaintListPartitions } from '../complaints/complaints.ts';
import { conditionally } from '../conditional-write.ts';
import { queryPages } from '../query-range.ts';
import { ratingMonthPartition } from '../ratings/ratings.ts';
import { centreCardsPartition } from '../supervision/supervision.ts';
import { batchGet, mapBounded } from '../supervision/writes.ts';
import { figuresShards } from '../table.ts';
import { caseMonthPartition } from './case-months.ts';
import {
  cellItem,
  cellOfItem,
  deleteOverdueEntry,
  lateOverdueKey,
  lateOverduePartition,
  openOverduePartition,
  putOverdueEntry,
  readCells,
  tagsOfItem,
} from './kept.ts';
import { type Counted, type ProjectionOptions, projectSource, sameCounted, targetOf } from './projector.ts';

type Item = Record<string, unknown>;

export interface MonthRecount {
  month: string;
  /** Sources of the month read. */
  sources: number;
  /** Of them, those whose kept figures were behind (or whose definitions changed) and were projected. */
  projected: number;
  /** Cells rewritten (their sum differed from their sources', or a crash left tags), and removed. */
  cellsRewritten: number;
  cellsRemoved: number;
  /** Late overdue entries written or removed. */
  lateFixed: number;
  /** Passes over the month (more than one: projections landed while it was being recounted). */
  passes: number;
  /** Items read and written, for the bench's cost per case. */
  itemsRead: number;
  itemsWritten: number;
}

export interface RecountSummary {
  period: string;
  months: MonthRecount[];
  open: { entries: number; projected: number; removed: number };
}

export interface RecountOptions extends Omit<ProjectionOptions, 'wait'> {
  /** Sources read and checked at once. */
  concurrency?: number;
}

/** The keys of a month's sources, page by page (at most `pageSize` a page). */
async function* monthSourceKeys(
  client: DynamoDBDocumentClient,
  tableName: string,
  centre: string,
  month: string,
  pageSize: number,
): AsyncGenerator<{ keys: Item[]; read: number }> {
  const queries: QueryCommandInput[] = [
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': caseMonthPartition(centre, month) },
      ProjectionExpression: 'caseNo',
    },
    ...complaintListPartitions.map((partition) => ({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :month)',
      ExpressionAttributeValues: { ':pk': partition, ':month': month },
      ProjectionExpression: 'pk, sk',
    })),
    {
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :month)',
      ExpressionAttributeValues: { ':pk': centreCardsPartition, ':month': month },
      ProjectionExpression: 'pk, sk',
    },
    {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': ratingMonthPartition(month) },
      ProjectionExpression: 'pk, sk',
    },
  ];
  for (const [index, query] of queries.entries()) {
    let startKey: Item | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          ...query,
          Limit: pageSize,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const keys = (page.Items ?? []).map((item) =>
        index === 0 ? caseKey(item.caseNo as string) : { pk: item.pk, sk: item.sk },
      );
      yield { keys, read: page.ScannedCount ?? keys.length };
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}

/** What a source records as counted, after bringing it up to date if it was behind. */
async function countedOf(
  options: RecountOptions,
  item: Item,
): Promise<{ counted: Counted; projected: boolean; item: Item }> {
  const recorded = (item.figures as { counted: Counted } | undefined)?.counted;
  if (recorded && item.figuresClaim === undefined) {
    const target = targetOf(item, options.centre, options.ctx, options.settings);
    if (sameCounted(recorded, target)) return { counted: recorded, projected: false, item };
  }
  const result = await projectSource({ ...options, wait: true }, item);
  return { counted: result.counted ?? { cells: [] }, projected: true, item: result.item ?? item };
}

const kinds: readonly LeafKind[] = ['window', 'clerk'];

export async function recountMonth(options: RecountOptions, month: string): Promise<MonthRecount> {
  const { client, tableName, centre } = options;
  const concurrency = options.concurrency ?? 8;
  const monthPeriod = parsePeriod(month) as Period;
  const periods = [month, ...periodDays(monthPeriod)];
  const summary: MonthRecount = {
    month,
    sources: 0,
    projected: 0,
    cellsRewritten: 0,
    cellsRemoved: 0,
    lateFixed: 0,
    passes: 0,
    itemsRead: 0,
    itemsWritten: 0,
  };
  for (let pass = 1; pass <= 4; pass += 1) {
    summary.passes = pass;
    // The cells as they are, before any source is read: their `rev` is the rewrite's condition.
    const stored = new Map<string, Item>();
    const reads = await Promise.all(
      periods.flatMap((period) => kinds.map((kind) => readCells(client, tableName, centre, period, kind))),
    );
    for (const read of reads) {
      summary.itemsRead += read.read;
      for (const item of read.items) stored.set(cellKey(cellOfItem(item)), item);
    }
    const expected = new Map<string, KeptCell>();
    const late = new Map<string, { subject: OverdueSubject; seq: number }>();
    for await (const page of monthSourceKeys(client, tableName, centre, month, 100)) {
      summary.itemsRead += page.read;
      const { items } = await batchGet(client, tableName, page.keys, { consistent: true });
      summary.itemsRead += items.length;
      await mapBounded(items, concurrency, async (source) => {
        const { counted, projected, item } = await countedOf(options, source);
        summary.sources += 1;
        if (projected) summary.projected += 1;
        for (const cell of counted.cells) {
          if (!cell.period.startsWith(month)) continue;
          const key = cellKey(cell);
          const sum = expected.get(key) ?? { ...cell, counts: {} };
          addCounts(sum.counts, cell.counts);
          expected.set(key, sum);
        }
        if (counted.late?.includes(month) && item.type === 'case') {
          const subject = overdueSubjectOf(item.data as CaseState);
          const seq = (item.figures as { seq: number } | undefined)?.seq ?? 0;
          if (subject) late.set(subject.caseNo, { subject, seq });
        }
      });
    }
    // Rewrite what differs, each on the condition that nothing was added since it was read.
    let conflict = false;
    const keys = [...new Set([...stored.keys(), ...expected.keys()])];
    await mapBounded(keys, concurrency, async (key) => {
      if (conflict) return;
      const item = stored.get(key);
      const cell = expected.get(key);
      const counts: PartialCounts = cell?.counts ?? {};
      const zero = figureCountKeys.every((name) => (counts[name] ?? 0) === 0);
      if (item && sameCounts(cellOfItem(item).counts, counts) && tagsOfItem(item).length === 0) return;
      if (!item && zero) return;
      const rev = item ? (item.rev as number) : undefined;
      const condition =
        rev === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#rev = :rev',
              ExpressionAttributeNames: { '#rev': 'rev' },
              ExpressionAttributeValues: { ':rev': rev },
            };
      const ok = zero
        ? await conditionally(() =>
            client.send(
              new DeleteCommand({ TableName: tableName, Key: { pk: item?.pk, sk: item?.sk }, ...condition }),
            ),
          )
        : await conditionally(() =>
            client.send(
              new PutCommand({
                TableName: tableName,
                Item: cellItem(centre, cell as KeptCell, (rev ?? 0) + 1),
                ...condition,
              }),
            ),
          );
      if (!ok) {
        conflict = true;
        return;
      }
      summary.itemsWritten += 1;
      if (zero) summary.cellsRemoved += 1;
      else summary.cellsRewritten += 1;
    });
    if (conflict) continue;
    // The month's late overdue list: what the sources say, nothing else.
    const storedLate = await queryPages(
      {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': lateOverduePartition(centre, month) },
      },
      client,
    );
    summary.itemsRead += storedLate.read;
    for (const entry of storedLate.items) {
      if (late.has(entry.caseNo as string)) continue;
      await conditionally(() =>
        client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { pk: entry.pk, sk: entry.sk },
            ConditionExpression: '#seq = :seq',
            ExpressionAttributeNames: { '#seq': 'seq' },
            ExpressionAttributeValues: { ':seq': entry.seq },
          }),
        ),
      );
      summary.lateFixed += 1;
      summary.itemsWritten += 1;
    }
    const present = new Map(storedLate.items.map((entry) => [entry.caseNo as string, entry]));
    for (const [caseNo, { subject, seq }] of late) {
      const entry = present.get(caseNo);
      if (entry && JSON.stringify(entry.subject) === JSON.stringify(subject)) continue;
      await putOverdueEntry(client, tableName, lateOverdueKey(centre, month, caseNo), subject, seq);
      summary.lateFixed += 1;
      summary.itemsWritten += 1;
    }
    return summary;
  }
  throw new Error(`Recount of ${month}: projections kept landing; run it again when it is quieter.`);
}

/**
 * The open overdue list, checked whole: each entry's case brought up to date (which moves or
 * removes its entry), and an entry no case stands behind any more removed.
 */
export async function recountOpenOverdue(options: RecountOptions): Promise<RecountSummary['open']> {
  const { client, tableName, centre } = options;
  const open = await queryPages(
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': openOverduePartition(centre) },
    },
    client,
  );
  const summary = { entries: open.items.length, projected: 0, removed: 0 };
  await mapBounded(open.items, options.concurrency ?? 8, async (entry) => {
    const result = await projectSource({ ...options, wait: true }, caseKey(entry.caseNo as string));
    if (result.cellsAdded > 0 || result.outcome === 'counted') summary.projected += 1;
    if (result.counted?.open === entry.sk) return;
    // Not where the case says it is (or no case): an entry a lost delete left.
    const seq = (result.item?.figures as { seq: number } | undefined)?.seq ?? 0;
    await deleteOverdueEntry(client, tableName, { pk: entry.pk as string, sk: entry.sk as string }, seq + 1);
    summary.removed += 1;
  });
  return summary;
}

/** Recounts every month of a period, then the open overdue list. */
export async function recountPeriod(options: RecountOptions, period: Period): Promise<RecountSummary> {
  const months: MonthRecount[] = [];
  for (const month of periodMonths(period)) months.push(await recountMonth(options, month));
  return { period: period.key, months, open: await recountOpenOverdue(options) };
}

export interface PendingSummary {
  found: number;
  counted: number;
  unchanged: number;
  busy: number;
  missing: number;
}

/** Projects the sources marked pending for longer than `graceMs` (all of them with 0). */
export async function projectPending(
  options: Omit<ProjectionOptions, 'wait'>,
  graceMs = 60_000,
): Promise<PendingSummary> {
  const now = options.clockMs ?? Date.now;
  const summary: PendingSummary = { found: 0, counted: 0, unchanged: 0, busy: 0, missing: 0 };
  const before = normalizeInstant(new Date(now() - graceMs));
  for (const shard of figuresShards) {
    const { items } = await queryPages(
      {
        TableName: options.tableName,
        IndexName: 'figures',
        KeyConditionExpression: 'figuresShard = :shard AND figuresDueAt <= :before',
        ExpressionAttributeValues: { ':shard': shard, ':before': before },
        ProjectionExpression: 'pk, sk',
      },
      options.client,
    );
    summary.found += items.length;
    await mapBounded(items, options.concurrency ?? 8, async (key) => {
      const result = await projectSource(options, key);
      summary[result.outcome] += 1;
    });
  }
  return summary;
}
