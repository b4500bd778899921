/**
 * Figures and the ledger on dynalite (issue 14, first slice). Two tables: a small one with 1,000
 * cases received and finished in October 2026, and a large one with the same 1,000 in October and
 * 100,000 more in November (BatchWrite, the very items intake and the month index write).
 *
 * 1. Reading October's figures — what the month index promises: items read follow the period's
 *    cases, not the table. Target: items read (large) ÷ items read (small) ≤ 1.05.
 * 2. The November ledger of 100,000 cases exported page by page (CSV lines counted, not kept):
 *    rows per second and the memory the export adds at its peak. Target: under 256 MB. (dynalite
 *    runs in the same process, so the process's RSS is printed too, but is not the export's.)
 * Not measured here (not built yet): kept per-scope counts, so a month of 100,000 cases still reads
 * 100,000 cases for its figures; the recount's cost per case.
 *
 * Run: npx tsx --expose-gc bench/figures.ts   (BENCH_LARGE, default 100000; BENCH_SMALL, default 1000)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../functions/domain/cases/types.ts';
import { caseFigures } from '../functions/domain/figures/figures.ts';
import { ledgerCsvHeader, ledgerCsvLine, ledgerRow } from '../functions/domain/figures/ledger.ts';
import { type Period, parsePeriod } from '../functions/domain/figures/periods.ts';
import { defaultFigureSettings } from '../functions/domain/figures/settings.ts';
import { insertCaseCommand } from '../functions/store/cases/cases.ts';
import { caseMonthUpdate } from '../functions/store/figures/case-months.ts';
import { casesOfPeriod, ledgerPage } from '../functions/store/figures/figures.ts';
import { table } from '../functions/store/table.ts';
import { createTableInput, localCredentials, localRegion, startStore } from '../infra/local/store.ts';
import { clocks, commands, intake, run, T } from '../test/unit/cases/fixtures.ts';

const small = Number(process.env.BENCH_SMALL ?? 1000);
const large = Number(process.env.BENCH_LARGE ?? 100_000);

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

/** A case received on `day`, accepted, approved the next day and delivered: its case and index items. */
function template(day: string) {
  const state = run(
    intake(undefined, undefined, T(`${day}T09:00:00`)),
    [[commands.accept()], [commands.transfer('审查')], [commands.approve()], [commands.deliver()]],
    T(`${day}T10:00:00`),
  );
  const sealed = {
    applicantSealed: 'x'.repeat(180),
    queryCodeSalt: 'x'.repeat(22),
    queryCodeHash: 'x'.repeat(43),
  };
  return (caseNo: string): Record<string, unknown>[] => {
    const renamed: CaseState = { ...state, caseNo };
    const caseItem = insertCaseCommand('unused', { state: renamed, ...sealed }, T(`${day}T14:00:00`), clocks)
      .Item as Record<string, unknown>;
    const index = caseMonthUpdate('unused', renamed);
    const values = index.ExpressionAttributeValues as Record<string, unknown>;
    const indexItem = {
      ...index.Key,
      type: values[':type'],
      caseNo,
      receivedHere: values[':receivedHere'],
      days: values[':day'],
    };
    return [caseItem, indexItem];
  };
}

const october = template('2026-10-12');
const november = template('2026-11-09');

async function seed(tableName: string, items: (i: number) => Record<string, unknown>[], count: number) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const batch: Record<string, unknown>[] = [];
      while (batch.length < 24 && next < count) batch.push(...items(next++));
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function createTable(name: string) {
  await store.client.send(new CreateTableCommand(createTableInput(table, name)));
  await waitUntilTableExists({ client: store.client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
}

const caseNo = (month: string, i: number) => `YC0001-2026${month}12-${String(i).padStart(6, '0')}`;
const octoberPeriod = parsePeriod('2026-10') as Period;
const novemberPeriod = parsePeriod('2026-11') as Period;

let seedStarted = performance.now();
await createTable('bench-figures-small');
await seed('bench-figures-small', (i) => october(caseNo('10', i)), small);
await createTable('bench-figures-large');
await seed('bench-figures-large', (i) => october(caseNo('10', i)), small);
await seed('bench-figures-large', (i) => november(caseNo('11', i)), large);
console.log(
  `seeded ${small} + ${small + large} cases in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
);

async function readOctober(tableName: string) {
  const started = performance.now();
  const { states, itemsRead } = await casesOfPeriod(tableName, 'YC0001', octoberPeriod);
  const figures = caseFigures({
    states,
    scope: { scope: { kind: 'centre' } },
    period: octoberPeriod,
    now: new Date(T('2026-12-01T09:00:00')),
    clocks,
    settings: defaultFigureSettings,
  });
  return {
    cases: states.length,
    itemsRead,
    ms: performance.now() - started,
    decided: figures.counts.decided,
  };
}

await readOctober('bench-figures-small'); // warm-up
const smallRead = await readOctober('bench-figures-small');
const largeRead = await readOctober('bench-figures-large');
console.log('\n1. October figures (1,000 cases in the month)');
console.log('table cases  month cases  items read  decided  ms');
for (const [total, figure] of [
  [small, smallRead],
  [small + large, largeRead],
] as const) {
  console.log(
    `${String(total).padStart(11)}  ${String(figure.cases).padStart(11)}  ${String(figure.itemsRead).padStart(10)}  ${String(figure.decided).padStart(7)}  ${figure.ms.toFixed(0)}`,
  );
}
const itemRatio = largeRead.itemsRead / smallRead.itemsRead;
console.log(
  `items read ratio ${small + large} ÷ ${small} table cases: ${itemRatio.toFixed(3)} — target ≤ 1.05: ${itemRatio <= 1.05 ? 'met' : 'NOT met'}; time ratio ${(largeRead.ms / smallRead.ms).toFixed(2)}`,
);

// dynalite runs in this process too, so the process's RSS is not the export's. What the export
// holds is the heap still live after each page: with --expose-gc it is collected page by page.
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const baseline = process.memoryUsage();
let peakLive = baseline.heapUsed;
let peakRss = baseline.rss;
let peakHeap = baseline.heapUsed;
const sample = () => {
  const memory = process.memoryUsage();
  peakRss = Math.max(peakRss, memory.rss);
  peakHeap = Math.max(peakHeap, memory.heapUsed);
};
const sampler = setInterval(sample, 20);
seedStarted = performance.now();
let rows = 0;
let bytes = Buffer.byteLength(ledgerCsvHeader());
let cursor: string | undefined;
const now = new Date(T('2026-12-01T09:00:00'));
do {
  const page = await ledgerPage('bench-figures-large', 'YC0001', novemberPeriod, 2000, cursor);
  for (const state of page.states) {
    bytes += Buffer.byteLength(ledgerCsvLine(ledgerRow(state, now, clocks, defaultFigureSettings)));
    rows += 1;
  }
  cursor = page.nextCursor ?? undefined;
  sample();
  if (collect) {
    collect();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  }
} while (cursor);
clearInterval(sampler);
const seconds = (performance.now() - seedStarted) / 1000;
console.log(
  `\n2. November ledger: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB of CSV in ${seconds.toFixed(1)} s`,
);
const mb = (value: number) => (value / 2 ** 20).toFixed(0);
const added = peakHeap - baseline.heapUsed;
console.log(
  `rows per second ${Math.round(rows / seconds)}; heap over the ${mb(baseline.heapUsed)} MB baseline at its peak ${mb(added)} MB, garbage included (target < 256 MB: ${added < 256 * 2 ** 20 ? 'met' : 'NOT met'})`,
);
if (collect)
  console.log(`live heap after each page at most ${mb(peakLive - baseline.heapUsed)} MB over the baseline`);
else console.log('run with `npx tsx --expose-gc bench/figures.ts` to see the live heap after each page');
console.log(
  `RSS of the whole process, dynalite included: ${mb(baseline.rss)} MB before, ${mb(peakRss)} MB at its peak`,
);

await store.stop();
await rm(dataDir, { recursive: true, force: true });
