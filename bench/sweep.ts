/**
 * The supervision sweep: its reads follow the due items, not the open ones, and its time follows the
 * due items. Each run seeds its own dynalite table (BatchWrite, the very items the case store
 * writes) and sweeps it once, then once more (idle: nothing is due any more):
 *
 * - 100 due of 1,000 open, and 100 due of 100,000 open: read capacity (as dynalite reports it for
 *   ReturnConsumedCapacity=TOTAL) and items read; target reads(100,000) ÷ reads(1,000) ≤ 1.05, and
 *   ≤ 1.0 s per sweep of 100 due;
 * - 1,000 due of 10,000 open: target ≤ 10 s;
 * - a holiday wave, 2,000 of 10,000 open cases due at once (the first working day after a long
 *   holiday: half turn yellow and red, half remind and red, so a case brings one or two cards):
 *   held to the 1,000-due run's rate, 10 ms per due case (≤ 20 s), though its writes are heavier.
 *
 * Each due case of the first three runs announces a remind (2 inbox entries) and a red step clock
 * (4 inbox entries and a card). Figures on a shared machine are noisy: it prints the load average.
 *
 * Run: npx tsx bench/sweep.ts   (BENCH_RUNS, a comma list of run names, default all:
 * "100-of-1000,100-of-100000,1000-of-10000,wave-2000-of-10000"; BENCH_CONCURRENCY, the sweep's)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../functions/domain/cases/types.ts';
import { runSweep } from '../functions/jobs/sweep.ts';
import { insertCaseCommand } from '../functions/store/cases/cases.ts';
import { localEventBus } from '../functions/store/supervision/event-bus.ts';
import { table } from '../functions/store/table.ts';
import { createTableInput, localCredentials, localRegion, startStore } from '../infra/local/store.ts';
import { clocks, commands, intake, run, T } from '../test/unit/cases/fixtures.ts';

interface Run {
  name: string;
  open: number;
  due: number;
  /** Every second due case of a wave turns yellow as well (2 cards instead of 1). */
  wave?: boolean;
  targetMs?: number;
}
const allRuns: Run[] = [
  { name: '100-of-1000', open: 1_000, due: 100, targetMs: 1_000 },
  { name: '100-of-100000', open: 100_000, due: 100, targetMs: 1_000 },
  { name: '1000-of-10000', open: 10_000, due: 1_000, targetMs: 10_000 },
  { name: 'wave-2000-of-10000', open: 10_000, due: 2_000, wave: true, targetMs: 20_000 },
];
const chosen = (process.env.BENCH_RUNS ?? allRuns.map((r) => r.name).join(',')).split(',');
// The first sweep of a process also compiles the code (a Lambda's first run after a cold start);
// a small sweep first keeps that out of the figures of the runs, and shows it on its own line.
const warmUp: Run = { name: 'warm-up', open: 100, due: 20 };
const runs = [warmUp, ...allRuns.filter((r) => chosen.includes(r.name))];
const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
const sweepAt = T('2026-11-13T09:00:00');
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-sweep-'));
const store = await startStore(dataDir);
Object.assign(process.env, {
  AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
  AWS_REGION: localRegion,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  POWERTOOLS_LOG_LEVEL: 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
});
const client = DynamoDBDocumentClient.from(store.client, {
  marshallOptions: { removeUndefinedValues: true },
});

/** A case accepted on `day` at 10:00, in review from 11:00; its item as intake-then-save writes it. */
function template(day: string) {
  const state = run(
    { ...intake(undefined, undefined, T(`${day}T09:00:00`)) },
    [[commands.accept()], [commands.transfer('审查')]],
    T(`${day}T10:00:00`),
  );
  const stored = {
    state,
    applicantSealed: 'x'.repeat(180),
    queryCodeSalt: 'x'.repeat(22),
    queryCodeHash: 'x'.repeat(43),
  };
  return (caseNo: string) => {
    const renamed: CaseState = { ...state, caseNo };
    return insertCaseCommand('unused', { ...stored, state: renamed }, T(`${day}T11:00:00`), clocks)
      .Item as Record<string, unknown>;
  };
}

const dueItem = template('2026-11-02'); // remind of the promised clock from 2026-11-13 00:00
const yellowItem = template('2026-10-30'); // yellow of the promised clock on 2026-11-13
const laterItem = template('2026-11-12'); // nothing due until later in November
const sampleDue = dueItem('YC0001-20261102-000001');
const sampleLater = laterItem('YC0001-20261112-000001');
if (String(sampleDue.nextCheckAt) > sweepAt || String(sampleLater.nextCheckAt) <= sweepAt) {
  throw new Error(
    `templates: due ${sampleDue.nextCheckAt}, later ${sampleLater.nextCheckAt}, sweep ${sweepAt}`,
  );
}
const itemBytes = Buffer.byteLength(JSON.stringify(sampleDue));

async function seed(tableName: string, run: Run) {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < run.open; i += 1) {
    const due = i < run.due;
    const caseNo = `YC0001-2026110${due ? '2' : '9'}-${String(i).padStart(6, '0')}`;
    items.push(due ? (run.wave && i % 2 === 1 ? yellowItem : dueItem)(caseNo) : laterItem(caseNo));
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]?.map((Item) => ({ PutRequest: { Item } }));
      while (pending && pending.length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = result.UnprocessedItems?.[tableName] as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

interface Figure {
  run: Run;
  seedSeconds: number;
  examined: number;
  changed: number;
  cards: number;
  inboxEntries: number;
  published: number;
  readCapacity: number;
  itemsRead: number;
  sweepMs: number;
  /** CPU time of the process (the sweep and the embedded store) during the sweep. */
  cpuMs: number;
  idleSweepMs: number;
  idleReadCapacity: number;
  load: string;
}

const figures: Figure[] = [];
for (const run of runs) {
  const tableName = `bench-sweep-${run.name}`;
  await store.client.send(new CreateTableCommand(createTableInput(table, tableName)));
  await waitUntilTableExists(
    { client: store.client, maxWaitTime: 30, minDelay: 1 },
    { TableName: tableName },
  );
  const seeding = performance.now();
  await seed(tableName, run);
  const seedSeconds = (performance.now() - seeding) / 1000;
  const options = {
    tableName,
    client,
    bus: localEventBus(tableName, client),
    clocks,
    marginMs: 0,
    ...(concurrency ? { concurrency } : {}),
  };
  const load = loadAverage();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const summary = await runSweep(new Date(sweepAt), options);
  const sweepMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const idleStarted = performance.now();
  const idle = await runSweep(new Date(sweepAt), options);
  const idleSweepMs = performance.now() - idleStarted;
  figures.push({
    run,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    examined: summary.examined,
    changed: summary.changed,
    cards: summary.cards,
    inboxEntries: summary.inboxEntries,
    published: summary.published,
    readCapacity: summary.readCapacity,
    itemsRead: summary.itemsRead,
    sweepMs: Math.round(sweepMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    idleSweepMs: Math.round(idleSweepMs),
    idleReadCapacity: idle.readCapacity,
    load,
  });
  const { run: _, ...figure } = figures.at(-1) as Figure;
  console.log(JSON.stringify({ run: run.name, ...figure }));
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
console.log(
  `\nitem size ≈ ${itemBytes} bytes (JSON); sweep at ${sweepAt}; cpu ms: the process's CPU time (the sweep and the embedded store) while it ran; load average before each sweep`,
);
console.log(
  'run                   open    due  examined  cards  inbox  events   RCU  items read  sweep ms  cpu ms  ms/due  target        idle ms (RCU)  load (1, 5, 15 min)',
);
for (const f of figures) {
  const target =
    f.run.targetMs === undefined ? '—' : `≤ ${f.run.targetMs} ${verdict(f.sweepMs <= f.run.targetMs)}`;
  console.log(
    [
      f.run.name.padEnd(18),
      String(f.run.open).padStart(7),
      String(f.run.due).padStart(6),
      String(f.examined).padStart(9),
      String(f.cards).padStart(6),
      String(f.inboxEntries).padStart(6),
      String(f.published).padStart(7),
      f.readCapacity.toFixed(1).padStart(5),
      String(f.itemsRead).padStart(11),
      String(f.sweepMs).padStart(9),
      String(f.cpuMs).padStart(7),
      (f.sweepMs / f.run.due).toFixed(1).padStart(7),
      target.padEnd(13),
      `${f.idleSweepMs} (${f.idleReadCapacity.toFixed(1)})`.padStart(14),
      f.load,
    ].join('  '),
  );
}
const small = figures.find((f) => f.run.name === '100-of-1000');
const large = figures.find((f) => f.run.name === '100-of-100000');
if (small && large) {
  const ratio = large.readCapacity / small.readCapacity;
  const itemRatio = large.itemsRead / small.itemsRead;
  console.log(
    `\nreads ratio ${large.run.open} ÷ ${small.run.open} open (100 due each): ${ratio.toFixed(3)} (read capacity), ${itemRatio.toFixed(3)} (items) — target ≤ 1.05: ${verdict(ratio <= 1.05 && itemRatio <= 1.05)}`,
  );
  console.log(`time ratio: ${(large.sweepMs / small.sweepMs).toFixed(2)}`);
}
await store.stop();
await rm(dataDir, { recursive: true, force: true });
