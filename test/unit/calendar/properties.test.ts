/** Property tests (fast-check) of the working-day arithmetic. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkdays,
  dayInfo,
  defaultCalendar,
  isWorkday,
  workdaysBetween,
} from '../../../functions/domain/calendar/calendar.ts';
import { addDays, dayNumber, fromDayNumber } from '../../../functions/domain/calendar/civil.ts';
import { statutoryHolidays } from '../../../functions/domain/calendar/statutory.ts';

const calendar = defaultCalendar();

/**
 * Any date from the last unpublished years before the notices kept here (2000–2003) or from the
 * years around the latest published one, through 2030 (no schedule).
 */
const dates = fc
  .oneof(
    fc.integer({ min: dayNumber('2003-06-01'), max: dayNumber('2004-12-31') }),
    fc.integer({ min: dayNumber('2024-06-01'), max: dayNumber('2030-12-31') }),
  )
  .map((day) => fromDayNumber(day));
const days = fc.integer({ min: 0, max: 150 });

/** Independent oracle: a day needs a schedule that is not loaded (2004–2026 are). */
function needsUnpublishedSchedule(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year < 2004 || year > 2026 || (year === 2026 && date >= '2026-12-25');
}

describe('working-day arithmetic', () => {
  it('never puts the due day before the start, and after it for n ≥ 1 (on a working day)', () => {
    fc.assert(
      fc.property(dates, days, (from, n) => {
        const { due } = addWorkdays(calendar, from, n);
        expect(due >= from).toBe(true);
        if (n >= 1) {
          expect(due > from).toBe(true);
          expect(isWorkday(calendar, due)).toBe(true);
        }
      }),
    );
  });

  it('adds n then m as it adds n + m', () => {
    fc.assert(
      fc.property(dates, days, days, (from, n, m) => {
        const first = addWorkdays(calendar, from, n);
        expect(addWorkdays(calendar, first.due, m).due).toBe(addWorkdays(calendar, from, n + m).due);
      }),
    );
  });

  it('counts back what it added: workdaysBetween(from, from + n) = n', () => {
    fc.assert(
      fc.property(dates, days, (from, n) => {
        expect(workdaysBetween(calendar, from, addWorkdays(calendar, from, n).due).workdays).toBe(n);
      }),
    );
  });

  it('marks a result provisional exactly when a counted day needs an unpublished schedule', () => {
    fc.assert(
      fc.property(dates, days, (from, n) => {
        const result = addWorkdays(calendar, from, n);
        let expected = false;
        for (let d = addDays(from, 1); d <= result.due; d = addDays(d, 1))
          expected ||= needsUnpublishedSchedule(d);
        expect(result.provisional).toBe(expected);
      }),
    );
  });

  it('marks every day of an unpublished year provisional and never makes its statutory holidays working days', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 2000, max: 2003 }), fc.integer({ min: 2027, max: 2099 })),
        (year) => {
          for (const { date } of statutoryHolidays(year)) {
            expect(dayInfo(calendar, date)).toMatchObject({ workday: false, provisional: true });
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
