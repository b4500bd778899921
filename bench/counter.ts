/**
 * The front counter under a day's load, on the local store: 3,000 tickets taken over the sample
 * centre's six categories, then 60 windows (ten per category) calling at once until nobody waits.
 * Prints the take and call latency (median, p99), the writes per call — the conditional claim,
 * the claims lost to another window, and the hall's latest-call write (target: 1 conditional write
 * + at most 1 more) — and what one read of the hall state costs (queries and items counted).
 * Through the store functions the handlers use, not HTTP, so the figures are the storage design's.
 *
 * Run: npx tsx bench/counter.ts   (BENCH_TICKETS, default 3000; BENCH_WINDOWS, default 60)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { envNames } from '../functions/config/env.ts';
import { table } from '../functions/store/table.ts';
import { localCredentials, localRegion, localTableName, startStore } from '../infra/local/store.ts';
import { countRequests } from './request-counter.ts';

const ticketCount = Number(process.env.BENCH_TICKETS ?? 3000);
const windowCount = Number(process.env.BENCH_WINDOWS ?? 60);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-counter-'));
const store = await startStore(dataDir);
const tableName = localTableName(table);
Object.assign(process.env, {
  [envNames.tableName]: tableName,
  [envNames.dynamoEndpoint]: store.endpoint,
  AWS_REGION: localRegion,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
});
const { counterSettings } = await import('../functions/config/centre.ts');
const { civilDateAt } = await import('../functions/domain/calendar/instant.ts');
const { callTicket, takeTicket } = await import('../functions/domain/counter/tickets.ts');
const { dynamoDocumentClient } = await import('../functions/store/client.ts');
const { nextTicketSerial } = await import('../functions/store/counters.ts');
const tickets = await import('../functions/store/counter/tickets.ts');

const { snapshot } = countRequests(dynamoDocumentClient(), 'benchCounter');

const settings = counterSettings();
const categories = settings.categories;
const date = civilDateAt(Date.now());
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

// Taking: ten clients at a time, as kiosks and phones do.
const takeLatencies: number[] = [];
let taken = 0;
await Promise.all(
  Array.from({ length: 10 }, async () => {
    while (taken < ticketCount) {
      const index = taken;
      taken += 1;
      const category = categories[index % categories.length] as (typeof categories)[number];
      const started = performance.now();
      const serial = await nextTicketSerial(tableName, category.prefix, date);
      await tickets.createTicket(
        tableName,
        takeTicket({
          category,
          serial,
          date,
          now: new Date(),
          ...(index % 10 === 0 ? { priority: 'elderly' } : {}),
        }),
      );
      takeLatencies.push(performance.now() - started);
    }
  }),
);

// Calling: 60 windows, ten per category, each calling until its queue is empty.
const calling = snapshot();
const callLatencies: number[] = [];
let called = 0;
const seen = new Set<string>();
const callingStarted = performance.now();
await Promise.all(
  Array.from({ length: windowCount }, async (_, i) => {
    const category = categories[i % categories.length] as (typeof categories)[number];
    const window = `bench-${String(i + 1).padStart(2, '0')}`;
    for (;;) {
      const started = performance.now();
      const ticket = await tickets.claimFirstWaiting(
        tableName,
        date,
        [{ window }, { category: category.code }],
        { index: Math.floor(i / categories.length), among: windowCount / categories.length },
        (t) => callTicket(t, window, window, new Date()),
      );
      if (!ticket) return;
      await tickets.recordHallCall(tableName, date, {
        ticketNo: ticket.ticketNo,
        window,
        category: ticket.category,
        calledAt: ticket.calledAt as string,
      });
      callLatencies.push(performance.now() - started);
      if (seen.has(ticket.ticketNo)) throw new Error(`${ticket.ticketNo} was called twice`);
      seen.add(ticket.ticketNo);
      called += 1;
    }
  }),
);
const callingSeconds = (performance.now() - callingStarted) / 1000;
const calls = calling();
if (called !== ticketCount) throw new Error(`called ${called} of ${ticketCount} tickets`);

// One read of the hall state, as GET /api/public/hall makes it, on a quiet hall and a busy one.
async function hallRead() {
  const reading = snapshot();
  await Promise.all([
    tickets.hallCalls(tableName, date),
    ...categories.map((category) => tickets.countWaiting(tableName, date, { category: category.code })),
  ]);
  return reading();
}
const quietHall = await hallRead();
for (let i = 0; i < 300; i += 1) {
  const category = categories[i % categories.length] as (typeof categories)[number];
  const serial = await nextTicketSerial(tableName, category.prefix, date);
  await tickets.createTicket(tableName, takeTicket({ category, serial, date, now: new Date() }));
}
const busyHall = await hallRead();

const updates = calls.sent('UpdateCommand');
const puts = calls.sent('PutCommand');
console.log(
  `front counter, ${ticketCount} tickets over ${categories.length} categories, ${windowCount} windows calling at once`,
);
console.log(
  `take:  median ${ms(percentile(takeLatencies, 50))}, p99 ${ms(percentile(takeLatencies, 99))} (serial ADD + ticket put)`,
);
console.log(
  `call:  median ${ms(percentile(callLatencies, 50))}, p99 ${ms(percentile(callLatencies, 99))}; ${called} calls in ${callingSeconds.toFixed(1)} s`,
);
console.log(
  `writes per call: ${((updates + puts) / called).toFixed(2)} — conditional claims ${(updates / called).toFixed(2)} (of which lost to another window ${(calls.failed / called).toFixed(2)}), hall-call puts ${(puts / called).toFixed(2)}`,
);
console.log(`reads per call: ${(calls.sent('QueryCommand') / called).toFixed(2)} queries`);
console.log(
  `hall read: ${quietHall.sent('QueryCommand')} queries (1 + one COUNT per category); items counted ${quietHall.queried} with an empty queue, ${busyHall.queried} with 300 waiting — once a second per hall behind the 1 s edge cache`,
);

await store.stop();
await rm(dataDir, { recursive: true, force: true });
