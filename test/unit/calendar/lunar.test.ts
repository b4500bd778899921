/**
 * The lunar table and the solar-term computation, checked three ways: against the published
 * schedules (2025, 2026), against known festival dates, and against an independent construction
 * from first principles (new moons, principal terms) for every year of the supported range.
 */
import { describe, expect, it } from 'vitest';
import { solarTermInstant, sunApparentLongitude } from '../../../functions/domain/calendar/astronomy.ts';
import { fromDayNumber } from '../../../functions/domain/calendar/civil.ts';
import { formatInstant } from '../../../functions/domain/calendar/instant.ts';
import { lunarNewYear, lunarToCivil, lunarYear } from '../../../functions/domain/calendar/lunar.ts';
import { qingming } from '../../../functions/domain/calendar/solar-terms.ts';
import { astronomicalLunarYear, newMoonJde } from './support/astro-lunar.ts';

describe('astronomy (Meeus, Astronomical Algorithms)', () => {
  it('reproduces example 25.a: the Sun on 1992-10-13.0 TD', () => {
    expect(sunApparentLongitude(2448908.5)).toBeCloseTo(199.90895, 4);
  });

  it('reproduces example 49.a: the new moon of February 1977', () => {
    expect(newMoonJde(-283)).toBeCloseTo(2443192.65118, 4);
  });

  it('puts the 2025 winter solstice on 2025-12-21 in Beijing time', () => {
    expect(formatInstant(solarTermInstant(2025, 270)).slice(0, 10)).toBe('2025-12-21');
  });
});

describe('清明 (the Sun at 15°)', () => {
  it.each([
    [2008, '2008-04-04'],
    [2015, '2015-04-05'],
    [2019, '2019-04-05'],
    [2020, '2020-04-04'],
    [2024, '2024-04-04'],
    [2025, '2025-04-04'],
    [2026, '2026-04-05'],
    [2027, '2027-04-05'],
    [2028, '2028-04-04'],
  ])('%i → %s', (year, date) => {
    expect(qingming(year)).toBe(date);
  });

  it('agrees with the 寿星 formula [Y·0.2422 + 4.81] − [Y/4] in every year 2000–2099', () => {
    const disagreements: number[] = [];
    for (let year = 2000; year <= 2099; year += 1) {
      const y = year % 100;
      const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
      if (qingming(year) !== `${year}-04-${String(day).padStart(2, '0')}`) disagreements.push(year);
    }
    expect(disagreements).toEqual([]);
  });

  it('is never closer than 4 minutes to midnight, so the ~0.01° solar accuracy fixes the date', () => {
    // The closest call is 2071 (00:04 on 5 April, both methods agree); documented, not hidden.
    const close: [number, string][] = [];
    for (let year = 2000; year <= 2099; year += 1) {
      const instant = formatInstant(solarTermInstant(year, 15));
      const minutes = Number(instant.slice(11, 13)) * 60 + Number(instant.slice(14, 16));
      if (Math.min(minutes, 1440 - minutes) < 10) close.push([year, instant.slice(0, 16)]);
    }
    expect(close).toEqual([[2071, '2071-04-05T00:04']]);
  });
});

describe('the lunar table', () => {
  it.each([
    [2000, '2000-02-05'],
    [2020, '2020-01-25'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2033, '2033-01-31'],
  ])('春节 %i is %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it.each([
    [2025, '2025-05-31', '2025-10-06'],
    [2026, '2026-06-19', '2026-09-25'],
    [2027, '2027-06-09', '2027-09-15'],
    [2028, '2028-05-28', '2028-10-03'],
    [2033, '2033-06-01', '2033-09-08'],
  ])('%i: 端午 %s, 中秋 %s', (year, duanwu, zhongqiu) => {
    expect(lunarToCivil(year, 5, 5)).toBe(duanwu);
    expect(lunarToCivil(year, 8, 15)).toBe(zhongqiu);
  });

  it('knows the leap months of 2025 (闰六月) and 2033 (闰十一月, the famous 2033 problem)', () => {
    expect(
      lunarYear(2025)
        .months.filter((m) => m.leap)
        .map((m) => m.month),
    ).toEqual([6]);
    expect(
      lunarYear(2033)
        .months.filter((m) => m.leap)
        .map((m) => m.month),
    ).toEqual([11]);
  });

  it('matches a first-principles construction month by month, 2000–2099', () => {
    const disputed: string[] = [];
    for (let year = 2000; year <= 2099; year += 1) {
      const astro = astronomicalLunarYear(year);
      const table = lunarYear(year).months;
      expect(
        table.map((m) => `${m.leap ? '闰' : ''}${m.month}`),
        `${year}`,
      ).toEqual(astro.map((m) => `${m.leap ? '闰' : ''}${m.month}`));
      astro.forEach((month, i) => {
        const start = table[i]?.start;
        if (start === month.start) return;
        // Only a new moon within minutes of midnight may disagree: astronomy cannot decide it.
        expect(month.marginMinutes, `${year} month ${month.month}`).toBeLessThan(2);
        disputed.push(
          `${year}-${month.month}: table ${fromDayNumber(start ?? 0)}, astro ${fromDayNumber(month.start)}`,
        );
      });
      // The festivals the holiday law uses are never in a disputed month.
      const festival = (m: number, d: number) => {
        const found = astro.find((x) => x.month === m && !x.leap);
        return fromDayNumber((found?.start ?? 0) + d - 1);
      };
      expect([lunarNewYear(year), lunarToCivil(year, 5, 5), lunarToCivil(year, 8, 15)], `${year}`).toEqual([
        festival(1, 1),
        festival(5, 5),
        festival(8, 15),
      ]);
    }
    // 2097: the new moon of 七月 falls 20 seconds from midnight (2097-08-07/08).
    expect(disputed).toEqual(['2097-7: table 2097-08-08, astro 2097-08-07']);
  });

  it('refuses years outside its range', () => {
    expect(() => lunarNewYear(1999)).toThrow(/outside the supported range 2000–2099/);
    expect(() => lunarNewYear(2100)).toThrow(/outside the supported range/);
  });
});
