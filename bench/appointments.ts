/**
 * Appointments (预约) under load, on the local store, through the commands the handlers run (the
 * slot rules, the phone's history, the seat claim, the sealed holder, the booking put):
 * 2,000 bookings by ten clients at a time over the sample centre's categories and the next days'
 * slots — booking latency (median, p99) and the requests per booking by kind; then 50 clients at
 * once at a slot of three seats — winners, and what a loser costs; then what the booking page's
 * listing of 14 days and the desk's list of a busy day read.
 *
 * Run: npx tsx bench/appointments.ts   (BENCH_BOOKINGS, default 2000)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { envNames } from '../functions/config/env.ts';
import { table } from '../functions/store/table.ts';
import { localCredentials, localRegion, localTableName, startStore } from '../infra/local/store.ts';
import { countRequests } from './request-counter.ts';

const bookingCount = Number(process.env.BENCH_BOOKINGS ?? 2000);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-appointments-'));
const store = await startStore(dataDir);
const tableName = localTableName(table);
Object.assign(process.env, {
  [envNames.tableName]: tableName,
  [envNames.dynamoEndpoint]: store.endpoint,
  AWS_REGION: localRegion,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});
const { bookSlot } = await import('../functions/http/counter/appointment-commands.ts');
const { slotListing } = await import('../functions/http/counter/appointment-views.ts');
const { counterSettings } = await import('../functions/config/centre.ts');
const { appointmentsOfDay } = await import('../functions/store/counter/appointments.ts');
const { dynamoDocumentClient } = await import('../functions/store/client.ts');
const { CounterError } = await import('../functions/domain/counter/errors.ts');

const { snapshot } = countRequests(dynamoDocumentClient(), 'benchAppointments');
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const phone = (n: number) => `1380000${String(n).padStart(4, '0')}`;

const categories = counterSettings().categories;
// The slots ahead of every category (the sample hall books round the clock), in time order.
const slotsOf = new Map<string, { date: string; time: string }[]>();
for (const category of categories) {
  const listing = await slotListing(tableName, { category: category.code, days: '14' }, Date.now());
  slotsOf.set(
    category.code,
    listing.days.flatMap((day) => day.slots.map((slot) => ({ date: day.date, time: slot.time }))),
  );
}

// 2,000 bookings, ten clients at a time, each to its own slot and phone.
const booking = snapshot();
const latencies: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: 10 }, async () => {
    while (next < bookingCount) {
      const index = next;
      next += 1;
      const category = categories[index % categories.length] as (typeof categories)[number];
      const slots = slotsOf.get(category.code) ?? [];
      const slot = slots[Math.floor(index / categories.length) % slots.length] as {
        date: string;
        time: string;
      };
      const began = performance.now();
      await bookSlot(
        tableName,
        { category: category.code, ...slot, name: '压测预约', phone: phone(index) },
        Date.now(),
      );
      latencies.push(performance.now() - began);
    }
  }),
);
const bookingSeconds = (performance.now() - started) / 1000;
const booked = booking();

// 50 clients at once at a fresh slot of three seats.
const contested = slotsOf.get('civil-affairs')?.at(-1) as { date: string; time: string };
const race = snapshot();
const outcomes = await Promise.all(
  Array.from({ length: 50 }, (_, i) =>
    bookSlot(
      tableName,
      { category: 'civil-affairs', ...contested, name: '压测抢号', phone: phone(5000 + i) },
      Date.now(),
    ).then(
      () => 'won',
      (error: unknown) => (error instanceof CounterError && error.code === 'slot-full' ? 'full' : 'error'),
    ),
  ),
);
const raced = race();

// The booking page's listing and the desk's list of the busiest day.
const listing = snapshot();
const listingStarted = performance.now();
await slotListing(tableName, { category: 'civil-affairs', days: '14' }, Date.now());
const listingMs = performance.now() - listingStarted;
const listed = listing();
const busiest = slotsOf.get('civil-affairs')?.[0]?.date ?? '';
const desk = snapshot();
const deskStarted = performance.now();
const dayBookings = await appointmentsOfDay(tableName, busiest);
const deskMs = performance.now() - deskStarted;
const deskRead = desk();

const per = (value: number) => (value / bookingCount).toFixed(2);
console.log(`appointments, ${bookingCount} bookings by 10 clients over ${categories.length} categories`);
console.log(
  `book: median ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}; ${(bookingCount / bookingSeconds).toFixed(0)} bookings/s`,
);
console.log(
  `requests per booking: ${per(booked.sent('UpdateCommand'))} seat claims (conditional ADD), ${per(booked.sent('PutCommand'))} booking puts, ${per(booked.sent('QueryCommand'))} queries (the phone's history); failed conditions ${booked.failed}`,
);
const won = outcomes.filter((outcome) => outcome === 'won').length;
const full = outcomes.filter((outcome) => outcome === 'full').length;
console.log(
  `last seats: 50 clients at a slot of 3 seats → ${won} booked, ${full} refused slot-full, ${outcomes.length - won - full} errors; ${raced.sent('UpdateCommand')} claims of which ${raced.failed} failed, ${raced.sent('PutCommand')} puts`,
);
console.log(
  `listing of 14 days: ${listed.sent('QueryCommand')} query, ${listed.queried} seat counters read, ${ms(listingMs)}`,
);
console.log(
  `desk's day (${busiest}): ${deskRead.sent('QueryCommand')} queries, ${deskRead.queried} items for ${dayBookings.length} bookings, ${ms(deskMs)}`,
);
console.log(
  `load average: ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);

await store.stop();
await rm(dataDir, { recursive: true, force: true });
