/**
 * Civil (calendar) dates as `YYYY-MM-DD` strings, and day numbers (days since 1970-01-01) for
 * arithmetic. Pure integer arithmetic (H. Hinnant's days-from-civil), no time zone involved: a
 * civil date is a day in Asia/Shanghai.
 */
import { CalendarError } from './errors.ts';

/** A date `YYYY-MM-DD` (proleptic Gregorian). Validate with {@link parseCivilDate}. */
export type CivilDate = string;

export interface CivilParts {
  year: number;
  month: number;
  day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a `YYYY-MM-DD` string, or `undefined` when it is not a real date. */
export function civilParts(text: string): CivilParts | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isCivilDate(value: unknown): value is CivilDate {
  return typeof value === 'string' && civilParts(value) !== undefined;
}

/** Validates a date string; throws `CalendarError('invalid-date')` with a readable message. */
export function parseCivilDate(text: string, what = 'date'): CivilDate {
  if (!isCivilDate(text)) {
    throw new CalendarError('invalid-date', `Invalid ${what} "${text}": expected a real date as YYYY-MM-DD.`);
  }
  return text;
}

/** Days since 1970-01-01 for valid parts. */
export function dayNumberOfParts({ year, month, day }: CivilParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 of a date string (which must be valid). */
export function dayNumber(date: CivilDate): number {
  const parts = civilParts(date);
  if (!parts) throw new CalendarError('invalid-date', `Invalid date "${date}": expected YYYY-MM-DD.`);
  return dayNumberOfParts(parts);
}

export function partsOfDayNumber(days: number): CivilParts {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function formatCivil({ year, month, day }: CivilParts): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function fromDayNumber(days: number): CivilDate {
  return formatCivil(partsOfDayNumber(days));
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(days: number): number {
  return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function weekday(date: CivilDate): number {
  return weekdayOfDayNumber(dayNumber(date));
}

export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

export const weekdayNames = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** `2026年12月31日`, as a report or a message writes a date. */
export function dateText(date: CivilDate): string {
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}
