/**
 * Instants. A clock is stored as JSON, so instants are ISO 8601 strings with an explicit offset;
 * the engine writes them in Beijing time (`2026-10-29T17:30:00+08:00`) so that stored values of one
 * centre sort lexicographically. Asia/Shanghai has had a fixed +08:00 offset since 1991 (no DST),
 * which is why no time-zone database is needed for the supported years.
 */
import { type CivilDate, civilParts, dayNumber, formatCivil, partsOfDayNumber } from './civil.ts';
import { CalendarError } from './errors.ts';

/** ISO 8601 date-time with `Z` or `±HH:MM`, e.g. `2026-09-24T10:15:00+08:00`. */
export type Instant = string;

/** The only time zone supported, and its fixed offset. */
export const CENTRE_TIME_ZONE = 'Asia/Shanghai';
export const CENTRE_OFFSET_MINUTES = 480;

const DAY_MS = 86_400_000;
const OFFSET_MS = CENTRE_OFFSET_MINUTES * 60_000;
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** Milliseconds since the Unix epoch of an instant string or a `Date`. */
export function toEpochMs(value: Instant | Date): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new CalendarError('invalid-instant', 'Invalid instant: an invalid Date.');
    return ms;
  }
  const match = INSTANT_PATTERN.exec(value);
  const hours = Number(match?.[2]);
  const minutes = Number(match?.[3]);
  const seconds = Number(match?.[4] ?? 0);
  if (!match || !civilParts(match[1] ?? '') || hours > 23 || minutes > 59 || seconds > 59) {
    throw new CalendarError(
      'invalid-instant',
      `Invalid instant "${value}": expected ISO 8601 with an offset, e.g. 2026-09-24T10:15:00+08:00.`,
    );
  }
  return Date.parse(value);
}

/** Formats an instant in Beijing time: `YYYY-MM-DDTHH:MM:SS+08:00` (milliseconds only when non-zero). */
export function formatInstant(ms: number): Instant {
  const local = ms + OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  const msOfDay = local - days * DAY_MS;
  const date = formatCivil(partsOfDayNumber(days));
  const hh = Math.floor(msOfDay / 3_600_000);
  const mm = Math.floor((msOfDay % 3_600_000) / 60_000);
  const ss = Math.floor((msOfDay % 60_000) / 1000);
  const milli = msOfDay % 1000;
  const pad = (n: number) => String(n).padStart(2, '0');
  const fraction = milli === 0 ? '' : `.${String(milli).padStart(3, '0')}`;
  return `${date}T${pad(hh)}:${pad(mm)}:${pad(ss)}${fraction}+08:00`;
}

/** Normalises any accepted instant to the engine's form (Beijing time). */
export function normalizeInstant(value: Instant | Date): Instant {
  return formatInstant(toEpochMs(value));
}

/** The Beijing-time day number of an instant. */
export function dayNumberAt(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** The Beijing-time civil date of an instant. */
export function civilDateAt(value: Instant | Date | number): CivilDate {
  const ms = typeof value === 'number' ? value : toEpochMs(value);
  return formatCivil(partsOfDayNumber(dayNumberAt(ms)));
}

/** Minutes after midnight of `HH:MM`; throws on anything else. */
export function parseTimeOfDay(text: string): number {
  const match = TIME_PATTERN.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) {
    throw new CalendarError(
      'invalid-settings',
      `Invalid time of day "${text}": expected HH:MM (00:00–23:59).`,
    );
  }
  return hours * 60 + minutes;
}

/** Unix ms of a Beijing-time wall-clock moment: `minutes` after midnight of the given day number. */
export function msAtDayNumber(days: number, minutes = 0): number {
  return days * DAY_MS - OFFSET_MS + minutes * 60_000;
}

/** Unix ms of `date` at `HH:MM` Beijing time. */
export function msAt(date: CivilDate, time = '00:00'): number {
  return msAtDayNumber(dayNumber(date), parseTimeOfDay(time));
}
