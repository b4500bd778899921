import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  fromDayNumber,
  isCivilDate,
  weekday,
} from '../../../functions/domain/calendar/civil.ts';
import {
  civilDateAt,
  formatInstant,
  msAt,
  normalizeInstant,
  toEpochMs,
} from '../../../functions/domain/calendar/instant.ts';

describe('civil dates', () => {
  it('agree with Date.UTC on every day 1999–2101', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2101, 11, 31) }), (ms) => {
        const iso = new Date(ms).toISOString().slice(0, 10);
        const days = Math.floor(ms / 86_400_000);
        expect(fromDayNumber(days)).toBe(iso);
        expect(dayNumber(iso)).toBe(days);
        expect(weekday(iso)).toBe(new Date(ms).getUTCDay());
      }),
    );
  });

  it('reject impossible dates', () => {
    expect(['2026-02-29', '2026-04-31', '2026-00-10', '26-01-01', '2026-1-1', ''].map(isCivilDate)).toEqual(
      Array(6).fill(false),
    );
    expect(['2024-02-29', '2000-02-29', '2026-12-31'].map(isCivilDate)).toEqual([true, true, true]);
    expect(isCivilDate('2100-02-29')).toBe(false);
  });

  it('add days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('instants (Beijing time, +08:00)', () => {
  it('print in Beijing time whatever offset they came in', () => {
    expect(normalizeInstant('2026-10-29T09:30:00Z')).toBe('2026-10-29T17:30:00+08:00');
    expect(normalizeInstant(new Date('2026-10-28T16:00:00.250Z'))).toBe('2026-10-29T00:00:00.250+08:00');
    expect(formatInstant(msAt('2026-10-29', '17:30'))).toBe('2026-10-29T17:30:00+08:00');
  });

  it('fall on the Beijing civil date', () => {
    expect(civilDateAt('2026-10-28T16:30:00Z')).toBe('2026-10-29');
    expect(civilDateAt('2026-10-29T23:59:59+08:00')).toBe('2026-10-29');
  });

  it('must carry an offset and be real', () => {
    for (const bad of [
      '2026-10-29T17:30:00',
      '2026-02-30T10:00:00+08:00',
      '2026-10-29 17:30+08:00',
      'tomorrow',
    ]) {
      expect(() => toEpochMs(bad), bad).toThrow(/Invalid instant/);
    }
  });
});
