/**
 * Keeps the figures as the sources change: for one source item (case, complaint, rating, card),
 * what it adds to the kept sums now (contributions.ts) minus what it added when last counted,
 * applied to each cell it touches, once.
 *
 * No transactions (dynalite has none) and delivery at least once: a request may be retried, a
 * Lambda may die between two writes, the same change may be announced twice. So the state to
 * count is always read from the source itself, and every write is one conditional write on one
 * item:
 *
 * 1. Claim (the source item): `figuresClaim = {run, atMs, seq, target, version}` if no live claim holds it
 *    and the counted sequence is the one read. `seq` numbers this source's projections (1, 2…);
 *    `target` is what the source adds now. A claim older than `claimLeaseMs` is taken over as it
 *    stands — same seq, same target — by the next projection (the figures job finds the source by
 *    its pending mark); the lease outlasts any function's timeout, so the run it replaces is gone.
 * 2. Add (each cell whose sum changes; the open and late overdue entries): `ADD` the difference
 *    with `t:<source> = seq`, refused if the cell carries that tag already — the second delivery of
 *    the same change adds nothing.
 * 3. Record (the source item): `figures = {seq, counted: target}`, the claim and — if the source
 *    did not change meanwhile — its pending mark removed, on condition that the claim is still ours.
 *    If it changed, the pending mark stays and the projection goes round again.
 * 4. Untag (each cell of step 2): remove `t:<source>` if it is still `seq`; a cell thus holds only
 *    the tags of changes in flight, not one per case of the month.
 *
 * A crash after 2 leaves the cells added and the claim; the resumed projection's adds are refused
 * by their tags and it records and untags. A crash after 3 leaves tags that a later projection of
 * the same source overwrites (its seq is higher) and the recount clears.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../../domain/cases/types.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import type { ComplaintState } from '../../domain/complaints/types.ts';
import {
  type Contribution,
  cardContributions,
  caseContributions,
  cellChanges,
  cellKey,
  complaintContributions,
  type KeptCell,
  keptCells,
  ratingContributions,
} from '../../domain/figures/contributions.ts';
import { sameCounts } from '../../domain/figures/counts.ts';
import { type OverdueSubject, overdueCandidacy, overdueSubjectOf } from '../../domain/figures/facts.ts';
import type { FigureSettings } from '../../domain/figures/settings.ts';
import type { RatingState } from '../../domain/ratings/types.ts';
import type { CardRecord } from '../../domain/supervision/index.ts';
import { conditionally } from '../conditional-write.ts';
import { mapBounded } from '../supervision/writes.ts';
import {
  addToCell,
  deleteOverdueEntry,
  lateOverdueKey,
  openOverdueKey,
  openOverduePartition,
  putOverdueEntry,
  removeCellTag,
} from './kept.ts';
import { figuresPendingNames, type SourceKind, sourceId } from './pending.ts';

type Item = Record<string, unknown>;

/**
 * A projection claim older than this is taken over: longer than any function may run (Lambda's
 * limit, 15 minutes, is the figures job's timeout), so the run it replaces is gone, not slow.
 */
export const claimLeaseMs = 16 * 60_000;

/** What a source adds to the kept figures, as recorded on it once counted. */
export interface Counted {
  cells: KeptCell[];
  /** The sort key of its entry in the open overdue list. */
  open?: string;
  /** The months whose late list holds it. */
  late?: string[];
  /** A digest of the overdue subject written to those lists, to rewrite them only when it changed. */
  overdue?: string;
}

export interface ProjectionOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  centre: string;
  ctx: ClockContext;
  settings: FigureSettings;
  /** Wall clock in ms, for claims (tests pass their own). */
  clockMs?: () => number;
  /** Wait for a live claim of another run to end (or lapse) instead of leaving the source to it. */
  wait?: boolean;
  /** Work inside one projection: cells and entries written at once. */
  concurrency?: number;
}

export type ProjectionOutcome = 'counted' | 'unchanged' | 'busy' | 'missing';

export interface ProjectionResult {
  outcome: ProjectionOutcome;
  /** What the source adds, as now recorded on it (absent when busy or missing). */
  counted?: Counted;
  /** The source item as last read (absent when missing). */
  item?: Item;
  /** Cells whose sums this call changed. */
  cellsAdded: number;
}

export const sourceKinds: readonly SourceKind[] = ['case', 'complaint', 'rating', 'card'];

export function isSourceItem(item: Item): boolean {
  return sourceKinds.includes(item.type as SourceKind);
}

/** The source id (`case:<no>`…) of a source item. */
export function sourceIdOf(item: Item): string {
  const kind = item.type as SourceKind;
  const data = item.data as Record<string, string>;
  const id = kind === 'complaint' ? data.complaintNo : kind === 'card' ? data.id : data.caseNo;
  return sourceId(kind, id as string);
}

const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);

function overdueSubject(item: Item): OverdueSubject | undefined {
  return item.type === 'case' ? overdueSubjectOf(item.data as CaseState) : undefined;
}

/** What a source item adds to the kept figures now, with the calendar, catalogue and settings of now. */
export function targetOf(item: Item, centre: string, ctx: ClockContext, settings: FigureSettings): Counted {
  let contributions: Contribution[];
  switch (item.type as SourceKind) {
    case 'case':
      contributions = caseContributions(item.data as CaseState, ctx, settings);
      break;
    case 'complaint':
      contributions = complaintContributions(item.data as ComplaintState);
      break;
    case 'rating':
      contributions = ratingContributions(item.data as RatingState, ctx);
      break;
    case 'card':
      contributions = cardContributions(item.data as CardRecord);
      break;
  }
  const counted: Counted = { cells: keptCells(contributions) };
  const subject = overdueSubject(item);
  if (subject) {
    const candidacy = overdueCandidacy(subject, ctx);
    if (candidacy.watchFrom) counted.open = openOverdueKey(centre, candidacy.watchFrom, subject.caseNo).sk;
    if (candidacy.months?.length) counted.late = candidacy.months;
    if (counted.open || counted.late) counted.overdue = digest([subject, counted.open, counted.late]);
  }
  return counted;
}

export function sameCounted(a: Counted, b: Counted): boolean {
  if (a.cells.length !== b.cells.length || a.open !== b.open || a.overdue !== b.overdue) return false;
  if ((a.late ?? []).join() !== (b.late ?? []).join()) return false;
  return a.cells.every((cell, i) => {
    const other = b.cells[i] as KeptCell;
    return cellKey(cell) === cellKey(other) && sameCounts(cell.counts, other.counts);
  });
}

const emptyCounted: Counted = { cells: [] };

/** The writes that move a case's entries in the open and late overdue lists from `previous` to the claim's target. */
function overdueWrites(options: ProjectionOptions, item: Item, previous: Counted, claim: Claim) {
  const { client, tableName, centre } = options;
  const target = claim.target;
  if (target.overdue === previous.overdue && target.open === previous.open) return [];
  const caseNo = (item.data as CaseState).caseNo;
  const subject = overdueSubject(item);
  const writes: (() => Promise<void>)[] = [];
  const put = (key: { pk: string; sk: string }) => {
    if (subject) writes.push(() => putOverdueEntry(client, tableName, key, subject, claim.seq));
  };
  const remove = (key: { pk: string; sk: string }) => {
    writes.push(() => deleteOverdueEntry(client, tableName, key, claim.seq));
  };
  if (target.open) put({ pk: openOverduePartition(centre), sk: target.open });
  if (previous.open && previous.open !== target.open)
    remove({ pk: openOverduePartition(centre), sk: previous.open });
  for (const month of target.late ?? []) put(lateOverdueKey(centre, month, caseNo));
  for (const month of previous.late ?? []) {
    if (!(target.late ?? []).includes(month)) remove(lateOverdueKey(centre, month, caseNo));
  }
  return writes;
}

interface Claim {
  run: string;
  atMs: number;
  seq: number;
  target: Counted;
  /** The source version the target was read from: only if the source is still there is it counted up to date. */
  version: number;
}

async function readSource(options: ProjectionOptions, key: Item): Promise<Item | undefined> {
  const result = await options.client.send(
    new GetCommand({ TableName: options.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }),
  );
  return result.Item && isSourceItem(result.Item) ? result.Item : undefined;
}

function update(
  options: ProjectionOptions,
  input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
) {
  return conditionally(() =>
    options.client.send(new UpdateCommand({ TableName: options.tableName, ...input })),
  );
}

const pendingRemoval = figuresPendingNames.map((_, i) => `#p${i}`).join(', ');
const pendingNames = Object.fromEntries(figuresPendingNames.map((name, i) => [`#p${i}`, name]));

/**
 * Brings one source's kept figures up to date (steps 1–4 above) and returns what it now adds.
 * `busy`: another run holds a live claim (it goes round again if the source changed meanwhile).
 */
export async function projectSource(options: ProjectionOptions, key: Item): Promise<ProjectionResult> {
  const now = options.clockMs ?? Date.now;
  const run = randomUUID();
  const concurrency = options.concurrency ?? 8;
  let cellsAdded = 0;
  for (let round = 0; round < 20; round += 1) {
    const item = await readSource(options, key);
    if (!item) return { outcome: 'missing', cellsAdded };
    const source = sourceIdOf(item);
    const figures = item.figures as { seq: number; counted: Counted } | undefined;
    const previous = figures?.counted ?? emptyCounted;
    const seq = figures?.seq ?? 0;
    const held = item.figuresClaim as Claim | undefined;
    const pending = item.figuresShard !== undefined;
    let claim: Claim;
    if (held && held.atMs > now() - claimLeaseMs) {
      if (!options.wait) return { outcome: 'busy', item, cellsAdded };
      // Waiting for another run's claim to end (or lapse) is not a round of our own.
      round -= 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    if (held) {
      // A lapsed claim: finish what it began, as it began it.
      claim = { ...held, run, atMs: now() };
      const taken = await update(options, {
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET #claim.#run = :run, #claim.#at = :at',
        ConditionExpression: '#claim.#run = :held AND #claim.#at = :heldAt',
        ExpressionAttributeNames: { '#claim': 'figuresClaim', '#run': 'run', '#at': 'atMs' },
        ExpressionAttributeValues: {
          ':run': run,
          ':at': claim.atMs,
          ':held': held.run,
          ':heldAt': held.atMs,
        },
      });
      if (!taken) continue;
    } else {
      const target = targetOf(item, options.centre, options.ctx, options.settings);
      if (sameCounted(previous, target)) {
        if (pending) {
          // Counted already (a duplicate delivery): only the mark goes, if nothing changed since.
          await update(options, {
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: `REMOVE ${pendingRemoval}`,
            ConditionExpression: '#version = :version AND attribute_not_exists(#claim)',
            ExpressionAttributeNames: { ...pendingNames, '#version': 'version', '#claim': 'figuresClaim' },
            ExpressionAttributeValues: { ':version': item.version },
          });
        }
        return { outcome: cellsAdded > 0 ? 'counted' : 'unchanged', counted: previous, item, cellsAdded };
      }
      claim = { run, atMs: now(), seq: seq + 1, target, version: item.version as number };
      const claimed = await update(options, {
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET #claim = :claim',
        ConditionExpression:
          seq === 0
            ? 'attribute_not_exists(#claim) AND attribute_not_exists(#figures)'
            : 'attribute_not_exists(#claim) AND #figures.#seq = :seq',
        ExpressionAttributeNames: {
          '#claim': 'figuresClaim',
          '#figures': 'figures',
          ...(seq === 0 ? {} : { '#seq': 'seq' }),
        },
        ExpressionAttributeValues: { ':claim': claim, ...(seq === 0 ? {} : { ':seq': seq }) },
      });
      if (!claimed) continue;
    }
    // 2. Add the change to each cell, and move the overdue entries.
    const changes = cellChanges(previous.cells, claim.target.cells);
    const entryWrites = overdueWrites(options, item, previous, claim);
    await mapBounded(
      [
        ...changes.map((cell) => async () => {
          if (await addToCell(options.client, options.tableName, options.centre, cell, source, claim.seq))
            cellsAdded += 1;
        }),
        ...entryWrites,
      ],
      concurrency,
      (write) => write(),
    );
    // 3. Record what the source now adds; the pending mark goes only if the source did not change.
    const recorded = { seq: claim.seq, counted: claim.target };
    const names = { '#figures': 'figures', '#claim': 'figuresClaim', '#run': 'run' };
    let done = await update(options, {
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: `SET #figures = :figures REMOVE #claim, ${pendingRemoval}`,
      ConditionExpression: '#claim.#run = :run AND #version = :version',
      ExpressionAttributeNames: { ...names, ...pendingNames, '#version': 'version' },
      ExpressionAttributeValues: { ':figures': recorded, ':run': run, ':version': claim.version },
    });
    let again = false;
    if (!done) {
      again = true;
      done = await update(options, {
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET #figures = :figures REMOVE #claim',
        ConditionExpression: '#claim.#run = :run',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':figures': recorded, ':run': run },
      });
    }
    // Overtaken (our claim lapsed and another run took it over): that run records and untags.
    if (!done) return { outcome: 'busy', item, cellsAdded };
    // 4. Untag.
    await mapBounded(changes, concurrency, (cell) =>
      removeCellTag(options.client, options.tableName, options.centre, cell, source, claim.seq),
    );
    if (!again) return { outcome: 'counted', counted: claim.target, item, cellsAdded };
  }
  throw new Error(`Figures of ${String(key.pk)} did not settle after 20 rounds.`);
}
