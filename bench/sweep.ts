/**
 * The supervision sweep's reads follow the due items, not the open ones. Seeds a dynalite table
 * with 1,000 and another with 100,000 open cases (BatchWrite, the very items the case store
 * writes), 100 of them due at the sweep instant in each, and runs one sweep on each: the read
 * capacity it consumed (as dynalite reports it for ReturnConsumedCapacity=TOTAL, plus the items
 * read) and the time it took. Target: reads(100,000) ÷ reads(1,000) ≤ 1.05.
 *
 * Run: npx tsx bench/sweep.ts   (BENCH_SIZES, default "1000,100000"; BENCH_DUE, default 100)
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

const sizes = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number);
const dueCount = Number(process.env.BENCH_DUE ?? 100);
const sweepAt = T('2026-11-13T09:00:00');

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
const laterItem = template('2026-11-12'); // nothing due until later in November
const sampleDue = dueItem('YC0001-20261102-000001');
const sampleLater = laterItem('YC0001-20261112-000001');
if (String(sampleDue.nextCheckAt) > sweepAt || String(sampleLater.nextCheckAt) <= sweepAt) {
  throw new Error(
    `templates: due ${sampleDue.nextCheckAt}, later ${sampleLater.nextCheckAt}, sweep ${sweepAt}`,
  );
}
const itemBytes = Buffer.byteLength(JSON.stringify(sampleDue));

async function seed(tableName: string, total: number) {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < total; i += 1) {
    const caseNo = `YC0001-2026110${i < dueCount ? '2' : '9'}-${String(i).padStart(6, '0')}`;
    items.push(i < dueCount ? dueItem(caseNo) : laterItem(caseNo));
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
  open: number;
  seedSeconds: number;
  examined: number;
  changed: number;
  readCapacity: number;
  itemsRead: number;
  sweepMs: number;
  idleSweepMs: number;
  idleReadCapacity: number;
}

const figures: Figure[] = [];
for (const size of sizes) {
  const tableName = `bench-sweep-${size}`;
  await store.client.send(new CreateTableCommand(createTableInput(table, tableName)));
  await waitUntilTableExists(
    { client: store.client, maxWaitTime: 30, minDelay: 1 },
    { TableName: tableName },
  );
  const seeding = performance.now();
  await seed(tableName, size);
  const seedSeconds = (performance.now() - seeding) / 1000;
  const options = { tableName, client, bus: localEventBus(tableName, client), clocks, marginMs: 0 };
  const started = performance.now();
  const summary = await runSweep(new Date(sweepAt), options);
  const sweepMs = performance.now() - started;
  const idleStarted = performance.now();
  const idle = await runSweep(new Date(sweepAt), options);
  const idleSweepMs = performance.now() - idleStarted;
  figures.push({
    open: size,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    examined: summary.examined,
    changed: summary.changed,
    readCapacity: summary.readCapacity,
    itemsRead: summary.itemsRead,
    sweepMs: Math.round(sweepMs),
    idleSweepMs: Math.round(idleSweepMs),
    idleReadCapacity: idle.readCapacity,
  });
  console.log(JSON.stringify(figures.at(-1)));
}

console.log(`\nitem size ≈ ${itemBytes} bytes (JSON); ${dueCount} due in each table; sweep at ${sweepAt}`);
console.log('open cases  examined  read capacity (RCU)  items read  sweep ms  idle sweep ms (RCU)');
for (const f of figures) {
  console.log(
    `${String(f.open).padStart(10)}  ${String(f.examined).padStart(8)}  ${f.readCapacity.toFixed(1).padStart(19)}  ${String(f.itemsRead).padStart(10)}  ${String(f.sweepMs).padStart(8)}  ${f.idleSweepMs} (${f.idleReadCapacity.toFixed(1)})`,
  );
}
const [small, large] = [figures[0], figures.at(-1)];
if (small && large && small !== large) {
  const ratio = large.readCapacity / small.readCapacity;
  const itemRatio = large.itemsRead / small.itemsRead;
  console.log(
    `\nreads ratio ${large.open} ÷ ${small.open}: ${ratio.toFixed(3)} (read capacity), ${itemRatio.toFixed(3)} (items) — target ≤ 1.05: ${ratio <= 1.05 && itemRatio <= 1.05 ? 'met' : 'NOT met'}`,
  );
  console.log(`time ratio: ${(large.sweepMs / small.sweepMs).toFixed(2)}`);
}
await store.stop();
await rm(dataDir, { recursive: true, force: true });
