/**
 * The kept figures and the ledger archive on dynalite (issue 14). Two tables: one with 1,000 cases
 * in November 2026 and one with 100,000 cases in November 2026, spread over 60 windows (a clerk
 * each) of 6 departments, received on every day of the month, accepted, approved and delivered.
 * Each case is stored as the case store and the projector leave it — the case item with what it
 * counts, its month-index entry — and the kept sums are the sums of what the cases count, written
 * in bulk (the recount below checks that they are exactly what the projector would have kept).
 *
 * 1. Reading November's figures for the whole centre (GET /api/figures' read, periodFigures):
 *    items read and time with 1,000 and with 100,000 cases in the month, as a ratio.
 *    Target: items read (100,000) ÷ items read (1,000) ≤ 1.05.
 * 2. The recount of November with 100,000 cases (the job an operator runs): its cost per case —
 *    items read and written, milliseconds — and what it had to rewrite (0: the sums were right).
 * 3. November's ledger archived as JSON Lines (the month close; to a temporary folder, the local
 *    archive), 100,000 rows: rows per second and the memory the archive adds at its peak.
 *    Target: under 256 MB. dynalite runs in this process too, so the process's RSS is printed but
 *    is not the archive's; with --expose-gc the live heap after each part is printed as well.
 *
 * Run: npx tsx --expose-gc bench/figures.ts   (BENCH_LARGE, default 100000; BENCH_SMALL, default 1000)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../functions/domain/cases/types.ts';
import {
  caseContributions,
  cellKey,
  type KeptCell,
  keptCells,
} from '../functions/domain/figures/contributions.ts';
import { addCounts } from '../functions/domain/figures/counts.ts';
import { type Period, parsePeriod } from '../functions/domain/figures/periods.ts';
import { defaultFigureSettings } from '../functions/domain/figures/settings.ts';
import { insertCaseCommand } from '../functions/store/cases/cases.ts';
import { caseMonthUpdate } from '../functions/store/figures/case-months.ts';
import { cellItem, keptFigures } from '../functions/store/figures/kept.ts';
import { archiveMonthLedger, localLedgerArchive } from '../functions/store/figures/ledger-archive.ts';
import { recountMonth } from '../functions/store/figures/recount.ts';
import { table } from '../functions/store/table.ts';
import { createTableInput, localCredentials, localRegion, startStore } from '../infra/local/store.ts';
import { clocks, commands, intake, run, T } from '../test/unit/cases/fixtures.ts';

const small = Number(process.env.BENCH_SMALL ?? 1000);
const large = Number(process.env.BENCH_LARGE ?? 100_000);
const centre = 'YC0001';
const settings = defaultFigureSettings;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-figures-'));
const store = await startStore(dataDir);
Object.assign(process.env, {
  AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
  AWS_REGION: localRegion,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
});
const client = DynamoDBDocumentClient.from(store.client, {
  marshallOptions: { removeUndefinedValues: true },
});

/** 60 windows of 6 departments, one clerk each. */
const departments = ['mz', 'rs', 'sw', 'sj', 'bdc', 'gjj'];
const windows = departments.flatMap((department) =>
  Array.from({ length: 10 }, (_, i) => ({
    department,
    window: `${department}-${String(i + 1).padStart(2, '0')}`,
    handler: `clerk-${department}-${i + 1}`,
  })),
);

/** November's working days: a case received on each, accepted, approved the next day, delivered. */
const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`).filter(
  (day) => {
    const weekday = new Date(`${day}T12:00:00+08:00`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  },
);
const templates = days.map((day) =>
  run(
    intake(undefined, undefined, T(`${day}T09:00:00`)),
    [[commands.accept()], [commands.transfer('审查')], [commands.approve()], [commands.deliver()]],
    T(`${day}T10:00:00`),
  ),
);
const sealed = {
  applicantSealed: 'x'.repeat(180),
  queryCodeSalt: 'x'.repeat(22),
  queryCodeHash: 'x'.repeat(43),
};

/** Case `i`: its items as intake, the commands and the projector leave them; its cells added to `sums`. */
function caseItems(i: number, sums: Map<string, KeptCell>): Record<string, unknown>[] {
  const owner = windows[i % windows.length] as (typeof windows)[number];
  const template = templates[Math.floor(i / windows.length) % templates.length] as CaseState;
  const day = template.receivedAt.slice(0, 10).replaceAll('-', '');
  const state: CaseState = { ...template, ...owner, caseNo: `YC0001-${day}-${String(i).padStart(6, '0')}` };
  const cells = keptCells(caseContributions(state, clocks, settings));
  for (const cell of cells) {
    const sum = sums.get(cellKey(cell)) ?? { ...cell, counts: {} };
    addCounts(sum.counts, cell.counts);
    sums.set(cellKey(sum), sum);
  }
  const item = insertCaseCommand('unused', { state, ...sealed }, T('2026-11-30T18:00:00'), clocks)
    .Item as Record<string, unknown>;
  // Counted: what the projector records, the pending mark gone.
  const { figuresShard: _shard, figuresDueAt: _due, ...counted } = item;
  const index = caseMonthUpdate('unused', state);
  const values = index.ExpressionAttributeValues as Record<string, unknown>;
  return [
    { ...counted, figures: { seq: 1, counted: { cells } } },
    {
      ...index.Key,
      type: values[':type'],
      caseNo: state.caseNo,
      receivedHere: values[':receivedHere'],
      days: values[':day'],
    },
  ];
}

async function writeAll(
  tableName: string,
  items: AsyncIterable<Record<string, unknown>[]> | Iterable<Record<string, unknown>[]>,
) {
  const inFlight = new Set<Promise<void>>();
  for await (const batch of items) {
    const write = (async () => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    })();
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

async function seed(tableName: string, count: number) {
  await store.client.send(new CreateTableCommand(createTableInput(table, tableName)));
  await waitUntilTableExists(
    { client: store.client, maxWaitTime: 30, minDelay: 1 },
    { TableName: tableName },
  );
  const sums = new Map<string, KeptCell>();
  function* batches() {
    for (let i = 0; i < count; i += 12) {
      const batch: Record<string, unknown>[] = [];
      for (let j = i; j < Math.min(count, i + 12); j += 1) batch.push(...caseItems(j, sums));
      yield batch;
    }
  }
  await writeAll(tableName, batches());
  const cells = [...sums.values()].map((cell) => cellItem(centre, cell, 1));
  const cellBatches = Array.from({ length: Math.ceil(cells.length / 25) }, (_, i) =>
    cells.slice(i * 25, i * 25 + 25),
  );
  await writeAll(tableName, cellBatches);
  return sums.size;
}

const november = parsePeriod('2026-11') as Period;
const now = new Date(T('2026-12-02T09:00:00'));
const ms = (value: number) => `${value.toFixed(0)} ms`;
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

let started = performance.now();
const smallCells = await seed('bench-figures-small', small);
const largeCells = await seed('bench-figures-large', large);
console.log(
  `seeded ${small} and ${large} cases in November (${windows.length} windows), ${smallCells} and ${largeCells} kept sums, in ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${loadAverage()}`,
);

async function readNovember(tableName: string) {
  const begun = performance.now();
  const { figures, itemsRead } = await keptFigures(
    client,
    tableName,
    centre,
    { scope: { kind: 'centre' } },
    november,
    now,
    clocks,
  );
  return {
    itemsRead,
    ms: performance.now() - begun,
    received: figures.counts.received,
    delivered: figures.counts.delivered,
  };
}

await readNovember('bench-figures-small'); // warm-up
await readNovember('bench-figures-large');
const reads = {
  small: [] as Awaited<ReturnType<typeof readNovember>>[],
  large: [] as Awaited<ReturnType<typeof readNovember>>[],
};
for (let i = 0; i < 5; i += 1) {
  reads.small.push(await readNovember('bench-figures-small'));
  reads.large.push(await readNovember('bench-figures-large'));
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const smallRead = {
  ...(reads.small[0] as (typeof reads.small)[number]),
  ms: median(reads.small.map((r) => r.ms)),
};
const largeRead = {
  ...(reads.large[0] as (typeof reads.large)[number]),
  ms: median(reads.large.map((r) => r.ms)),
};
console.log('\n1. November’s figures for the whole centre (periodFigures: the kept sums), median of 5 reads');
console.log('cases in November (received)  delivered  items read  time');
for (const read of [smallRead, largeRead]) {
  console.log(
    `${String(read.received).padStart(27)}  ${String(read.delivered).padStart(9)}  ${String(read.itemsRead).padStart(10)}  ${ms(read.ms)}`,
  );
}
const itemRatio = largeRead.itemsRead / smallRead.itemsRead;
console.log(
  `items read ${large} ÷ ${small} cases: ${itemRatio.toFixed(3)} — target ≤ 1.05: ${itemRatio <= 1.05 ? 'met' : 'NOT met'}; time ratio ${(largeRead.ms / smallRead.ms).toFixed(2)}; load average ${loadAverage()}`,
);

started = performance.now();
const recount = await recountMonth(
  { client, tableName: 'bench-figures-large', centre, ctx: clocks, settings },
  '2026-11',
);
const recountMs = performance.now() - started;
console.log(`\n2. Recount of November, ${large} cases`);
console.log(
  `${recount.sources} sources in ${(recountMs / 1000).toFixed(1)} s: ${(recountMs / recount.sources).toFixed(2)} ms, ${(recount.itemsRead / recount.sources).toFixed(2)} items read and ${(recount.itemsWritten / recount.sources).toFixed(4)} written per case; projected ${recount.projected}, sums rewritten ${recount.cellsRewritten}, removed ${recount.cellsRemoved} (0 and 0: the bulk-written sums are what the projector keeps); passes ${recount.passes}; load average ${loadAverage()}`,
);

// dynalite runs in this process too, so the process's RSS is not the archive's. What the archive
// holds is the heap still live after each part: with --expose-gc it is collected part by part.
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const baseline = process.memoryUsage();
let peakHeap = baseline.heapUsed;
let peakLive = baseline.heapUsed;
let peakRss = baseline.rss;
const sample = () => {
  const memory = process.memoryUsage();
  peakHeap = Math.max(peakHeap, memory.heapUsed);
  peakRss = Math.max(peakRss, memory.rss);
};
const sampler = setInterval(sample, 20);
const archiveDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-ledger-'));
started = performance.now();
const archived = await archiveMonthLedger(
  {
    tableName: 'bench-figures-large',
    centre,
    ctx: clocks,
    settings,
    archive: localLedgerArchive(archiveDir),
    now,
    onPart: () => {
      sample();
      if (collect) {
        collect();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      }
    },
  },
  '2026-11',
);
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;
const mb = (value: number) => (value / 2 ** 20).toFixed(0);
const added = peakHeap - baseline.heapUsed;
console.log(
  `\n3. November’s ledger archived as JSON Lines: ${archived.rows} rows, ${archived.parts} parts, ${(archived.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
);
console.log(
  `rows per second ${Math.round(archived.rows / seconds)}; heap over the ${mb(baseline.heapUsed)} MB baseline at its peak ${mb(added)} MB, garbage included — target < 256 MB: ${added < 256 * 2 ** 20 ? 'met' : 'NOT met'}`,
);
if (collect)
  console.log(`live heap after each part at most ${mb(peakLive - baseline.heapUsed)} MB over the baseline`);
else console.log('run with `npx tsx --expose-gc bench/figures.ts` to see the live heap after each part');
console.log(
  `RSS of the whole process, dynalite included: ${mb(baseline.rss)} MB before, ${mb(peakRss)} MB at its peak`,
);
console.log(`load average ${loadAverage()}`);

await store.stop();
await rm(dataDir, { recursive: true, force: true });
await rm(archiveDir, { recursive: true, force: true });
