/**
 * The front counter under a day's load, on the local store: 3,000 tickets over the sample centre's
 * six categories, called by 60 windows (ten per category) twice over —
 *
 * - the worst case: all 60 windows calling back-to-back at once until nobody waits, ten in flight
 *   on every queue all the time;
 * - the day's pace: another 3,000 tickets called in the order a hall calls them — arrivals at
 *   random (a Poisson process) at the day's mean rate, 3,000 calls over the opening hours
 *   (`counter.openingHours`, 7 h: one call every 8.4 s across the hall), each by a random window of
 *   the ticket's category. A call starts at its arrival, so two calls overlap only when one arrives
 *   while the other is still running, as in the hall. Gaps longer than 250 ms — longer than any
 *   call takes here at this pace — are cut short (the next call starts once the hall is idle), so
 *   the day runs in a few seconds and the overlaps it has are the ones a real day has.
 *
 * For both: call latency (median, p99), writes per call — the conditional claims (with those lost
 * to another window) and the hall's latest-call put — against the target (1 conditional write + at
 * most 1 more: met when the mean rounds to 2.00 or less), queries per call; then what the display
 * costs: one read of the hall state a second behind the 1 s edge cache (queries, and the items
 * they examine and return), on a quiet hall and on one with 300 waiting. Through the store
 * functions the call handler uses, not HTTP, so the figures are the storage design's.
 *
 * Run: npx tsx bench/counter.ts   (BENCH_TICKETS, default 3000; BENCH_WINDOWS, default 60)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { envNames } from '../functions/config/env.ts';
import { table } from '../functions/store/table.ts';
import { localCredentials, localRegion, localTableName, startStore } from '../infra/local/store.ts';
import { countRequests, type RequestCounts } from './request-counter.ts';

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
const { callingPlace } = await import('../functions/domain/counter/settings.ts');
const { callTicket, takeTicket } = await import('../functions/domain/counter/tickets.ts');
const { dynamoDocumentClient } = await import('../functions/store/client.ts');
const { nextTicketSerial } = await import('../functions/store/counters.ts');
const tickets = await import('../functions/store/counter/tickets.ts');

const { snapshot } = countRequests(dynamoDocumentClient(), 'benchCounter');

const sample = counterSettings();
type Category = (typeof sample.categories)[number];
// The sample's categories, each served by its tenth of the bench's windows (bench-01, -07, … for the first).
const windows = Array.from({ length: windowCount }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
const settings = {
  ...sample,
  categories: sample.categories.map((category, k) => ({
    ...category,
    windows: windows.filter((_, i) => i % sample.categories.length === k),
  })),
};
const categories = settings.categories;
const date = civilDateAt(Date.now());
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

// Taking: ten clients at a time, as kiosks and phones do; every tenth ticket a priority one.
const takeLatencies: number[] = [];
async function takeTickets(count: number): Promise<void> {
  let taken = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (taken < count) {
        const index = taken;
        taken += 1;
        const category = categories[index % categories.length] as Category;
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
}

// One call as POST /api/windows/{window}/calls makes it: the claim, then the hall's latest call.
const seen = new Set<string>();
async function callAt(window: string, category: Category): Promise<number | undefined> {
  const started = performance.now();
  const ticket = await tickets.claimFirstWaiting(
    tableName,
    date,
    [{ window }, { category: category.code }],
    callingPlace(settings, window),
    (t) => callTicket(t, window, window, new Date()),
  );
  if (!ticket) return undefined;
  await tickets.recordHallCall(tableName, date, {
    ticketNo: ticket.ticketNo,
    window,
    category: ticket.category,
    calledAt: ticket.calledAt as string,
  });
  if (seen.has(ticket.ticketNo)) throw new Error(`${ticket.ticketNo} was called twice`);
  seen.add(ticket.ticketNo);
  return performance.now() - started;
}

interface Calling {
  name: string;
  latencies: number[];
  seconds: number;
  counts: RequestCounts;
  note: string;
}

async function worstCase(): Promise<Calling> {
  const measuring = snapshot();
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    windows.map(async (window, i) => {
      const category = categories[i % categories.length] as Category;
      for (;;) {
        const latency = await callAt(window, category);
        if (latency === undefined) return;
        latencies.push(latency);
      }
    }),
  );
  return {
    name: 'worst case',
    latencies,
    seconds: (performance.now() - started) / 1000,
    counts: measuring(),
    note: `all ${windowCount} windows calling back-to-back at once`,
  };
}

/** Exponentially distributed gaps (a Poisson process of calls), in milliseconds. */
const gapMs = (mean: number) => -Math.log(1 - Math.random()) * mean;
const longestRealGap = 250;

async function daysPace(): Promise<Calling> {
  const openMinutes = settings.openingHours.reduce(
    (sum, hours) => sum + hours.toMinute - hours.fromMinute,
    0,
  );
  const meanGap = (openMinutes * 60_000) / ticketCount;
  // The day's calls: each ticket's category once, shuffled, each by a random window of it.
  const order = Array.from({ length: ticketCount }, (_, i) => categories[i % categories.length] as Category);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j] as Category, order[i] as Category];
  }
  const measuring = snapshot();
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let overlapping = 0;
  let slow = 0;
  const started = performance.now();
  for (const category of order) {
    const gap = gapMs(meanGap);
    if (gap < longestRealGap) await sleep(gap);
    else await Promise.all(inFlight);
    if (inFlight.size > 0) overlapping += 1;
    const window = category.windows[Math.floor(Math.random() * category.windows.length)] as string;
    const call: Promise<void> = callAt(window, category).then((latency) => {
      if (latency === undefined) throw new Error(`nobody waiting for ${window} at the day's pace`);
      latencies.push(latency);
      if (latency > longestRealGap) slow += 1;
      inFlight.delete(call);
    });
    inFlight.add(call);
  }
  await Promise.all(inFlight);
  return {
    name: "day's pace",
    latencies,
    seconds: (performance.now() - started) / 1000,
    counts: measuring(),
    note: `a call every ${(meanGap / 1000).toFixed(1)} s across the hall at random (${openMinutes / 60} h open); ${overlapping} calls began while another ran${slow > 0 ? `; ${slow} calls took longer than the ${longestRealGap} ms a cut gap assumes, so the day overlapped less than it would have` : ''}`,
  };
}

await takeTickets(ticketCount);
const worst = await worstCase();
if (seen.size !== ticketCount) throw new Error(`called ${seen.size} of ${ticketCount} tickets`);
await takeTickets(ticketCount);
const day = await daysPace();
if (seen.size !== 2 * ticketCount)
  throw new Error(`called ${seen.size - ticketCount} of ${ticketCount} tickets`);

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
await takeTickets(300);
const busyHall = await hallRead();

console.log(
  `front counter, ${ticketCount} tickets over ${categories.length} categories, ${windowCount} windows (${windowCount / categories.length} per category)`,
);
console.log(
  `take:  median ${ms(percentile(takeLatencies, 50))}, p99 ${ms(percentile(takeLatencies, 99))} (serial ADD + ticket put)`,
);
for (const calling of [worst, day]) {
  const { counts, latencies } = calling;
  const calls = latencies.length;
  const claims = counts.sent('UpdateCommand') / calls;
  const puts = counts.sent('PutCommand') / calls;
  const writes = claims + puts;
  const met = Number(writes.toFixed(2)) <= 2 && Number(puts.toFixed(2)) <= 1;
  console.log(`\n${calling.name}: ${calling.note}`);
  console.log(
    `  call:  median ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}; ${calls} calls in ${calling.seconds.toFixed(1)} s`,
  );
  console.log(
    `  writes per call: ${writes.toFixed(2)} — conditional claims ${claims.toFixed(2)} (lost to another window: ${counts.failed} in ${calls} calls, ${(counts.failed / calls).toFixed(2)} per call), hall-call puts ${puts.toFixed(2)}; target 1 conditional write + at most 1 more: ${met ? 'met' : 'not met'}`,
  );
  console.log(`  reads per call: ${(counts.sent('QueryCommand') / calls).toFixed(2)} queries`);
}
const openSeconds = settings.openingHours.reduce(
  (sum, hours) => sum + (hours.toMinute - hours.fromMinute) * 60,
  0,
);
const perSecond = (hall: RequestCounts, name: string) =>
  `${name}: ${hall.sent('QueryCommand')} queries/s, ${hall.queried} items examined/s, ${hall.returned} returned/s`;
console.log(
  `\ndisplay: one hall read a second per hall behind the 1 s edge cache, however many screens (1 query of the day's calls + one COUNT per category):`,
);
console.log(`  ${perSecond(quietHall, 'quiet hall (none waiting)')}`);
console.log(`  ${perSecond(busyHall, 'busy hall (300 waiting)')}`);
console.log(
  `  over the ${openSeconds / 3600} h open: ${(quietHall.sent('QueryCommand') * openSeconds).toLocaleString('en')} queries a day`,
);
console.log(
  `\nload average: ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);

await store.stop();
await rm(dataDir, { recursive: true, force: true });
