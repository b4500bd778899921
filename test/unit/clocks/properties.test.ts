/** Property tests (fast-check) of the clock engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../functions/domain/calendar/calendar.ts';
import { addDays } from '../../../functions/domain/calendar/civil.ts';
import { civilDateAt, formatInstant, toEpochMs } from '../../../functions/domain/calendar/instant.ts';
import {
  type Clock,
  clockContext,
  decisionClocks,
  dueOf,
  evaluate,
  nextCheckAt,
  resume,
  suspend,
  warningLevel,
  warningLevels,
} from '../../../functions/domain/clocks/index.ts';

const calendar = defaultCalendar();
const ctx = clockContext(calendar);
const HOUR = 3_600_000;

/** Instants from 2026-01-01 to 2027-06-30, Beijing time, to the minute. */
const instants = fc
  .integer({
    min: Date.parse('2026-01-01T00:00:00+08:00') / 60_000,
    max: Date.parse('2027-06-30T00:00:00+08:00') / 60_000,
  })
  .map((minute) => minute * 60_000);

const clocks = fc
  .record({ start: instants, budget: fc.integer({ min: 0, max: 45 }) })
  .map(
    ({ start, budget }) =>
      decisionClocks({ acceptedAt: formatInstant(start), promisedWorkdays: budget, statutoryWorkdays: 45 })
        .promised,
  );

/** Up to three suspensions, as (hours after the previous event, duration in hours). */
const suspensionPlans = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 300 })),
  {
    maxLength: 3,
  },
);

function withSuspensions(clock: Clock, plan: [number, number][]): Clock {
  let at = toEpochMs(clock.start);
  let result = clock;
  for (const [gap, length] of plan) {
    at += gap * HOUR;
    result = suspend(result, { at: formatInstant(at), reason: 'expertReview' });
    at += length * HOUR;
    result = resume(result, formatInstant(at));
  }
  return result;
}

function dueMs(clock: Clock): number {
  const due = dueOf(clock, calendar);
  if (!due) throw new Error('no due instant');
  return toEpochMs(due.dueAt);
}

describe('clock properties', () => {
  it('the due instant is never before the start', () => {
    fc.assert(
      fc.property(clocks, suspensionPlans, (clock, plan) => {
        expect(dueMs(withSuspensions(clock, plan))).toBeGreaterThanOrEqual(toEpochMs(clock.start));
      }),
    );
  });

  it('a suspension never moves the due instant earlier', () => {
    fc.assert(
      fc.property(
        clocks,
        suspensionPlans,
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 300 }),
        (clock, plan, gap, length) => {
          const before = withSuspensions(clock, plan);
          const after = withSuspensions(clock, [...plan, [gap, length]]);
          expect(dueMs(after)).toBeGreaterThanOrEqual(dueMs(before));
        },
      ),
    );
  });

  it('marks the due instant provisional exactly when a counted day needs an unpublished schedule', () => {
    fc.assert(
      fc.property(clocks, (clock) => {
        const due = dueOf(clock, calendar);
        let expected = false;
        const start = civilDateAt(clock.start);
        for (let d = addDays(start, 1); d <= (due?.dueDate ?? start); d = addDays(d, 1)) {
          expected ||= d.startsWith('2027') || d >= '2026-12-25';
        }
        expect(due?.provisional).toBe(expected);
      }),
    );
  });

  it('levels only rise as time passes, and change exactly at nextCheckAt', () => {
    fc.assert(
      fc.property(clocks, fc.integer({ min: 0, max: 90 * 24 }), (clock, hours) => {
        const now = toEpochMs(clock.start) + hours * HOUR;
        const level = warningLevel(clock, formatInstant(now), ctx);
        const next = nextCheckAt(clock, formatInstant(now), ctx);
        if (next === null) {
          expect(level).toBe('red');
          return;
        }
        const at = toEpochMs(next.at);
        expect(at).toBeGreaterThan(now);
        expect(warningLevel(clock, formatInstant(at - 1), ctx)).toBe(level);
        expect(warningLevel(clock, next.at, ctx)).toBe(next.level);
        expect(warningLevels.indexOf(next.level)).toBeGreaterThan(warningLevels.indexOf(level));
      }),
    );
  });

  it('used + left = budget until due, and used grows by one per working day', () => {
    fc.assert(
      fc.property(clocks, fc.integer({ min: 0, max: 60 }), (clock, days) => {
        const at = `${addDays(civilDateAt(clock.start), days)}T20:00:00+08:00`;
        const status = evaluate(clock, at, ctx);
        if (status.level !== 'red') expect(status.usedWorkdays + status.leftWorkdays).toBe(status.budget);
        // Working days after the start day up to `at`, at most one per calendar day.
        expect(status.usedWorkdays).toBeLessThanOrEqual(days);
        const later = evaluate(clock, `${addDays(civilDateAt(clock.start), days + 1)}T20:00:00+08:00`, ctx);
        expect(later.usedWorkdays - status.usedWorkdays).toBeGreaterThanOrEqual(0);
        expect(later.usedWorkdays - status.usedWorkdays).toBeLessThanOrEqual(1);
      }),
    );
  });
});
