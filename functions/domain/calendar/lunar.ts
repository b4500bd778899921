/**
 * The Chinese lunisolar calendar (农历) for the supported years, from a compact table.
 *
 * One entry per lunar year 2000–2099, in the encoding used by the common lunar-calendar libraries
 * (derived from Hong Kong Observatory / Purple Mountain Observatory tables):
 * - bits 15…4: months 1…12, 1 = 30 days (大月), 0 = 29 days (小月);
 * - bits 3…0: the leap month (闰月) number, 0 = none;
 * - bit 16: the leap month has 30 days.
 * The lunar year 2000 began on 2000-02-05. Widely copied tables disagree in a few entries (2033 is
 * the famous one: 闰十一月, not 闰七月); the unit tests rebuild every year of this table from first
 * principles (new moons and principal solar terms, Beijing time) and compare month by month.
 */
import { type CivilDate, dayNumberOfParts, fromDayNumber } from './civil.ts';
import { CalendarError } from './errors.ts';

export const LUNAR_FIRST_YEAR = 2000;
export const LUNAR_LAST_YEAR = 2099;

// biome-ignore format: ten years a row
const LUNAR_TABLE = [
  0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000
  0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010
  0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020
  0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030
  0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040
  0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06aa0, 0x1a6c4, 0x0aae0, // 2050
  0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060
  0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070
  0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080
  0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a4d0, 0x0d150, 0x0f252, // 2090
] as const;

/** 正月初一 of the lunar year 2000. */
const FIRST_NEW_YEAR = dayNumberOfParts({ year: 2000, month: 2, day: 5 });

export interface LunarMonth {
  /** 1…12. */
  month: number;
  leap: boolean;
  /** 29 or 30. */
  days: number;
  /** Day number (days since 1970-01-01) of the month's first day (初一). */
  start: number;
}

export interface LunarYear {
  year: number;
  /** 12 or 13 months in order, a leap month right after the month it repeats. */
  months: LunarMonth[];
}

function entry(year: number): number {
  const value = LUNAR_TABLE[year - LUNAR_FIRST_YEAR];
  if (value === undefined) {
    throw new CalendarError(
      'out-of-range',
      `Lunar year ${year} is outside the supported range ${LUNAR_FIRST_YEAR}–${LUNAR_LAST_YEAR}.`,
    );
  }
  return value;
}

function monthLengths(year: number): { month: number; leap: boolean; days: number }[] {
  const info = entry(year);
  const leapMonth = info & 0xf;
  const result: { month: number; leap: boolean; days: number }[] = [];
  for (let month = 1; month <= 12; month += 1) {
    result.push({ month, leap: false, days: info & (0x10000 >> month) ? 30 : 29 });
    if (month === leapMonth) result.push({ month, leap: true, days: info & 0x10000 ? 30 : 29 });
  }
  return result;
}

const newYearCache = new Map<number, number>();

/** Day number of 正月初一 of a lunar year. */
export function lunarNewYearDayNumber(year: number): number {
  entry(year);
  const cached = newYearCache.get(year);
  if (cached !== undefined) return cached;
  let days = FIRST_NEW_YEAR;
  for (let y = LUNAR_FIRST_YEAR; y < year; y += 1) {
    for (const month of monthLengths(y)) days += month.days;
  }
  newYearCache.set(year, days);
  return days;
}

export function lunarYear(year: number): LunarYear {
  let start = lunarNewYearDayNumber(year);
  const months: LunarMonth[] = [];
  for (const month of monthLengths(year)) {
    months.push({ ...month, start });
    start += month.days;
  }
  return { year, months };
}

/** The civil date of a lunar date (e.g. 端午 = 5/5, 中秋 = 8/15). */
export function lunarToCivil(year: number, month: number, day: number, leap = false): CivilDate {
  const found = lunarYear(year).months.find((m) => m.month === month && m.leap === leap);
  if (!found || !Number.isInteger(day) || day < 1 || day > found.days) {
    throw new CalendarError('invalid-argument', `No lunar date ${year}/${leap ? '闰' : ''}${month}/${day}.`);
  }
  return fromDayNumber(found.start + day - 1);
}

/** 正月初一 (春节) of the lunar year that begins in the Gregorian year `year`. */
export function lunarNewYear(year: number): CivilDate {
  return fromDayNumber(lunarNewYearDayNumber(year));
}
