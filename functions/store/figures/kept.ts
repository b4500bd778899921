/**
 * The kept figures in the single table: sums per leaf and period, and the small lists of cases
 * that may be overdue. Nothing here reads a case.
 *
 *   cell     pk = figkept#<centre>#<period>#<window|clerk>   sk = <window code or username>#<department>
 *            period `2026-11` or `2026-11-03`; one item per window (or clerk) of a department that
 *            had anything counted that day or month. Its counts are top-level numbers `n:<count>`
 *            (ADD works on top-level attributes only), `rev` counts the writes (the recount's
 *            condition), and `t:<source>` = the projection sequence number of a source whose change
 *            is being added: the condition that makes adding the same change twice add it once.
 *            The projector removes its tag once the source records the change as counted, so a
 *            cell holds only the tags of changes in flight, whatever the number of cases.
 *   open     pk = figkept#<centre>#overdue#open   sk = <15-digit epoch ms>#<caseNo>
 *            every case whose statutory clock is open, keyed by the instant it turns overdue if
 *            nothing else happens (facts.ts overdueCandidacy): a period's overdue candidates are
 *            the keys up to its end — as many items as cases actually overdue.
 *   late     pk = figkept#<centre>#<YYYY-MM>#overdue   sk = <caseNo>
 *            a case whose statutory clock stopped past its limit, in each month from the clock's
 *            start to its stop.
 *   Both lists hold the case's OverdueSubject (its statutory clock, owner, item, status) and the
 *   projection sequence number that wrote it (`seq`): an older projection never overwrites it.
 *
 * Reading a month's figures for a centre is one query of the month's window partition (one item
 * per window: about 60), one of the open list up to the month's end (the overdue cases) and one of
 * the month's late list — whatever the number of cases. A quarter or year sums its months.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { toEpochMs } from '../../domain/calendar/instant.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import {
  cellSelected,
  cellSelection,
  type KeptCell,
  type LeafKind,
} from '../../domain/figures/contributions.ts';
import {
  addCounts,
  type FigureCountKey,
  type FigureCounts,
  figureCountKeys,
  type PartialCounts,
  zeroCounts,
} from '../../domain/figures/counts.ts';
import { type OverdueCase, type OverdueSubject, overdueInPeriod } from '../../domain/figures/facts.ts';
import { type CaseFigures, figuresFromCounts, sortOverdue } from '../../domain/figures/figures.ts';
import { type Period, periodBounds, periodMonths } from '../../domain/figures/periods.ts';
import { caseInScope, formatScope, type ReadableScope } from '../../domain/figures/scopes.ts';
import { conditionally } from '../conditional-write.ts';
import { queryPages } from '../query-range.ts';

type Item = Record<string, unknown>;

export function cellPartition(centre: string, period: string, kind: LeafKind): string {
  return `figkept#${centre}#${period}#${kind}`;
}

export function cellItemKey(centre: string, cell: Pick<KeptCell, 'period' | 'kind' | 'department' | 'code'>) {
  return { pk: cellPartition(centre, cell.period, cell.kind), sk: `${cell.code}#${cell.department}` };
}

export function openOverduePartition(centre: string): string {
  return `figkept#${centre}#overdue#open`;
}

export function lateOverduePartition(centre: string, month: string): string {
  return `figkept#${centre}#${month}#overdue`;
}

export function openOverdueKey(centre: string, watchFrom: string, caseNo: string) {
  return {
    pk: openOverduePartition(centre),
    sk: `${String(toEpochMs(watchFrom)).padStart(15, '0')}#${caseNo}`,
  };
}

export function lateOverdueKey(centre: string, month: string, caseNo: string) {
  return { pk: lateOverduePartition(centre, month), sk: caseNo };
}

const countName = (key: FigureCountKey) => `n:${key}`;
export const tagName = (source: string) => `t:${source}`;

/** The counts of a cell item. */
export function countsOfItem(item: Item): PartialCounts {
  const counts: PartialCounts = {};
  for (const key of figureCountKeys) {
    const value = item[countName(key)];
    if (typeof value === 'number' && value !== 0) counts[key] = value;
  }
  return counts;
}

export function tagsOfItem(item: Item): string[] {
  return Object.keys(item).filter((name) => name.startsWith('t:'));
}

/**
 * Adds a change to one cell, once: the write carries the tag `t:<source> = seq` and is refused when
 * the cell already carries it (a retried request, a projection resumed after a crash). True when
 * this write added it.
 */
export async function addToCell(
  client: DynamoDBDocumentClient,
  tableName: string,
  centre: string,
  cell: KeptCell,
  source: string,
  seq: number,
): Promise<boolean> {
  const names: Record<string, string> = {
    '#tag': tagName(source),
    '#rev': 'rev',
    '#type': 'type',
    '#period': 'period',
    '#kind': 'kind',
    '#department': 'department',
    '#code': 'code',
  };
  const values: Record<string, unknown> = {
    ':seq': seq,
    ':one': 1,
    ':type': 'figures-cell',
    ':period': cell.period,
    ':kind': cell.kind,
    ':department': cell.department,
    ':code': cell.code,
  };
  const adds = ['#rev :one'];
  figureCountKeys.forEach((key, i) => {
    const value = cell.counts[key];
    if (value === undefined || value === 0) return;
    names[`#n${i}`] = countName(key);
    values[`:n${i}`] = value;
    adds.push(`#n${i} :n${i}`);
  });
  return conditionally(() =>
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: cellItemKey(centre, cell),
        UpdateExpression: `SET #tag = :seq, #type = :type, #period = :period, #kind = :kind, #department = :department, #code = :code ADD ${adds.join(', ')}`,
        ConditionExpression: 'attribute_not_exists(#tag) OR #tag <> :seq',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    ),
  );
}

/** Removes a source's tag from a cell once its change is recorded as counted (the tag of that change only). */
export async function removeCellTag(
  client: DynamoDBDocumentClient,
  tableName: string,
  centre: string,
  cell: Pick<KeptCell, 'period' | 'kind' | 'department' | 'code'>,
  source: string,
  seq: number,
): Promise<void> {
  await conditionally(() =>
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: cellItemKey(centre, cell),
        UpdateExpression: 'REMOVE #tag',
        ConditionExpression: '#tag = :seq',
        ExpressionAttributeNames: { '#tag': tagName(source) },
        ExpressionAttributeValues: { ':seq': seq },
      }),
    ),
  );
}

/** Writes an overdue list entry unless a later projection of the same case wrote it. */
export async function putOverdueEntry(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: { pk: string; sk: string },
  subject: OverdueSubject,
  seq: number,
): Promise<void> {
  await conditionally(() =>
    client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key, type: 'figures-overdue', caseNo: subject.caseNo, subject, seq },
        ConditionExpression: 'attribute_not_exists(pk) OR #seq <= :seq',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: { ':seq': seq },
      }),
    ),
  );
}

/** Deletes an overdue list entry a projection before `seq` wrote. */
export async function deleteOverdueEntry(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: { pk: string; sk: string },
  seq: number,
): Promise<void> {
  await conditionally(() =>
    client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: '#seq < :seq',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: { ':seq': seq },
      }),
    ),
  );
}

/** A cell as one whole item (the recount's rewrite, the bench's bulk seeding): no tags, `rev` given. */
export function cellItem(centre: string, cell: KeptCell, rev: number): Item {
  const item: Item = {
    ...cellItemKey(centre, cell),
    type: 'figures-cell',
    period: cell.period,
    kind: cell.kind,
    department: cell.department,
    code: cell.code,
    rev,
  };
  for (const key of figureCountKeys) {
    const value = cell.counts[key];
    if (value !== undefined && value !== 0) item[countName(key)] = value;
  }
  return item;
}

/** The cell items of one partition (a period and a leaf kind), optionally those of one window or clerk. */
export function readCells(
  client: DynamoDBDocumentClient,
  tableName: string,
  centre: string,
  period: string,
  kind: LeafKind,
  code?: string,
) {
  return queryPages(
    {
      TableName: tableName,
      KeyConditionExpression: code === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :code)',
      ExpressionAttributeValues: {
        ':pk': cellPartition(centre, period, kind),
        ...(code ? { ':code': `${code}#` } : {}),
      },
    },
    client,
  );
}

/** The cell of an item, as read. */
export function cellOfItem(item: Item): KeptCell {
  return {
    period: item.period as string,
    kind: item.kind as LeafKind,
    department: item.department as string,
    code: item.code as string,
    counts: countsOfItem(item),
  };
}

export interface KeptRead {
  counts: FigureCounts;
  overdue: OverdueCase[];
  /** Items read: cells and overdue entries. */
  itemsRead: number;
}

/** Sums the kept cells of a scope and period and lists its overdue cases. */
export async function readKept(
  client: DynamoDBDocumentClient,
  tableName: string,
  centre: string,
  readable: ReadableScope,
  period: Period,
  now: Date,
  ctx: ClockContext,
): Promise<KeptRead> {
  const selection = cellSelection(readable, period);
  const bounds = periodBounds(period);
  const asOfMs = Math.min(bounds.endMs - 1, now.getTime());
  const months = periodMonths(period);
  const [cellReads, open, ...late] = await Promise.all([
    Promise.all(
      selection.periods.map((key) =>
        readCells(client, tableName, centre, key, selection.kind, selection.code),
      ),
    ),
    queryPages(
      {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk <= :bound',
        ExpressionAttributeValues: {
          ':pk': openOverduePartition(centre),
          ':bound': `${String(asOfMs).padStart(15, '0')}#\uffff`,
        },
      },
      client,
    ),
    ...months.map((month) =>
      queryPages(
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': lateOverduePartition(centre, month) },
        },
        client,
      ),
    ),
  ]);
  const counts = zeroCounts();
  let itemsRead = open.read + late.reduce((sum, read) => sum + read.read, 0);
  for (const read of cellReads) {
    itemsRead += read.read;
    for (const item of read.items) {
      const cell = cellOfItem(item);
      if (cellSelected(selection, cell)) addCounts(counts, cell.counts);
    }
  }
  // One subject per case: the one written by its latest projection.
  const subjects = new Map<string, { subject: OverdueSubject; seq: number }>();
  for (const item of [...open.items, ...late.flatMap((read) => read.items)]) {
    const found = subjects.get(item.caseNo as string);
    if (!found || found.seq < (item.seq as number)) {
      subjects.set(item.caseNo as string, {
        subject: item.subject as OverdueSubject,
        seq: item.seq as number,
      });
    }
  }
  const overdue = [...subjects.values()].flatMap(({ subject }) => {
    if (!caseInScope(subject.owner, readable)) return [];
    const found = overdueInPeriod(subject, bounds, asOfMs, ctx);
    return found ? [found] : [];
  });
  return { counts, overdue: sortOverdue(overdue), itemsRead };
}

/** The figures of a scope and period from the kept sums (what `periodFigures` answers). */
export async function keptFigures(
  client: DynamoDBDocumentClient,
  tableName: string,
  centre: string,
  readable: ReadableScope,
  period: Period,
  now: Date,
  ctx: ClockContext,
): Promise<{ figures: CaseFigures; itemsRead: number }> {
  const read = await readKept(client, tableName, centre, readable, period, now, ctx);
  return {
    figures: figuresFromCounts(formatScope(readable.scope), period, read.counts, read.overdue),
    itemsRead: read.itemsRead,
  };
}
