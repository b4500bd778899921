import { describe, expect, it } from 'vitest';
import centre from '../../../functions/config/centre.json' with { type: 'json' };
import { counterSettings } from '../../../functions/config/centre.ts';
import { checkCounterSettings } from '../../../functions/config/counter-check.ts';
import { createCalendar } from '../../../functions/domain/calendar/calendar.ts';
import { msAt } from '../../../functions/domain/calendar/instant.ts';
import { CounterError } from '../../../functions/domain/counter/errors.ts';
import { hallStateAt } from '../../../functions/domain/counter/hours.ts';
import { parseCounterSettings } from '../../../functions/domain/counter/settings.ts';

const calendar = createCalendar({ settings: centre });
const withCounter = (counter: Record<string, unknown>) => ({
  ...centre,
  counter: { ...centre.counter, ...counter },
});

function refusal(config: unknown): CounterError {
  try {
    checkCounterSettings(config);
  } catch (error) {
    if (error instanceof CounterError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('the counter settings of the centre configuration', () => {
  it('reads the sample centre: one category per department, over its own windows and items', () => {
    const settings = checkCounterSettings();
    expect(counterSettings()).toEqual(settings);
    expect(settings.categories.map((category) => `${category.prefix} ${category.code}`)).toEqual([
      'A civil-affairs',
      'B tax',
      'C real-estate',
      'D health',
      'E social-security',
      'F market',
    ]);
    expect(settings.categories[0]).toMatchObject({ name: '民政业务', windows: ['mz-01', 'mz-02', 'mz-03'] });
    expect(settings.categories[0]?.items).toContain('YC-MZ-0102');
    expect(settings.openAroundTheClock).toBe(true);
    expect(Object.keys(settings.priorityReasons)).toContain('elderly');
  });

  it.each([
    [{ categories: [{ ...centre.counter.categories[0], prefix: 'a1' }] }, 'counter.categories[0].prefix'],
    [
      { categories: [{ ...centre.counter.categories[0], windows: ['mz-09'] }] },
      'counter.categories[0].windows[0]',
    ],
    [
      { categories: [{ ...centre.counter.categories[0], items: ['YC-XX-0000'] }] },
      'counter.categories[0].items[0]',
    ],
    [
      { categories: [{ ...centre.counter.categories[0], waitTargetMinutes: 0 }] },
      'counter.categories[0].waitTargetMinutes',
    ],
    [
      { categories: [centre.counter.categories[0], { ...centre.counter.categories[1], prefix: 'A' }] },
      'counter.categories[1].prefix',
    ],
    [{ openingHours: [{ from: '12:00', to: '09:00' }] }, 'counter.openingHours[0].to'],
    [{ openingHours: [{ from: '9点', to: '12:00' }] }, 'counter.openingHours[0].from'],
    [{ openAroundTheClock: 'yes' }, 'counter.openAroundTheClock'],
  ])('refuses a wrong setting, naming its key (%#)', (counter, key) => {
    const error = refusal(withCounter(counter));
    expect(error.code).toBe('invalid-settings');
    expect(error.field).toBe(key);
    expect(error.message).toContain(key);
  });
});

describe('when the hall gives tickets', () => {
  const real = parseCounterSettings(withCounter({ openAroundTheClock: false }));

  it('is open in the opening hours of a working day, closed over lunch, before and after', () => {
    expect(hallStateAt(real, calendar, msAt('2026-01-05', '09:00'))).toMatchObject({ open: true });
    expect(hallStateAt(real, calendar, msAt('2026-01-05', '17:29'))).toMatchObject({ open: true });
    expect(hallStateAt(real, calendar, msAt('2026-01-05', '08:59'))).toMatchObject({
      open: false,
      reason: 'before-hours',
    });
    expect(hallStateAt(real, calendar, msAt('2026-01-05', '12:30'))).toMatchObject({
      open: false,
      reason: 'between-hours',
      message: expect.stringContaining('午间休息'),
    });
    expect(hallStateAt(real, calendar, msAt('2026-01-05', '17:30'))).toMatchObject({
      open: false,
      reason: 'after-hours',
    });
  });

  it('is closed on a holiday and open on a make-up working day (调休上班)', () => {
    const holiday = hallStateAt(real, calendar, msAt('2026-10-01', '10:00'));
    expect(holiday).toMatchObject({ open: false, reason: 'rest-day', date: '2026-10-01' });
    expect(holiday.open ? '' : holiday.message).toContain('国庆');
    // 2026-01-04 is a Sunday worked for New Year's Day.
    expect(hallStateAt(real, calendar, msAt('2026-01-04', '10:00'))).toMatchObject({
      open: true,
      date: '2026-01-04',
    });
    expect(hallStateAt(real, calendar, msAt('2026-01-03', '10:00'))).toMatchObject({
      open: false,
      reason: 'rest-day',
    });
  });

  it('never closes for the sample centre that keeps its hall open around the clock', () => {
    const sample = counterSettings();
    expect(hallStateAt(sample, calendar, msAt('2026-10-01', '23:30'))).toMatchObject({ open: true });
  });
});
