/**
 * The working-day calendar (Administrative Licensing Law Art. 82; Civil Code Arts. 201, 203).
 *
 * A day is a working day unless it is a weekend day or a day off, where, from strongest to
 * weakest: the centre's local days (configuration), the published schedule of the State Council
 * with its amendments (data), and — for a year whose schedule is not published — the statutory
 * holidays computed from the holiday law (fixed dates, 春节 / 端午 / 中秋 from the lunar calendar,
 * 清明 from the Sun's longitude). Such a year is *provisional*: its make-up working days and
 * bridging days are not known yet, so every day of it, and every result that depends on one of
 * its days, is marked `provisional`. The last week of December is provisional too while the next
 * year is unpublished, because a notice can reach back into it (the 2019 notice made 2018-12-29 a
 * working day).
 *
 * Counting: the starting day is not counted; a period of n working days ends at the close of
 * business of its n-th working day.
 */
import {
  type CivilDate,
  dayNumber,
  dayNumberOfParts,
  fromDayNumber,
  parseCivilDate,
  partsOfDayNumber,
  weekdayNames,
  weekdayOfDayNumber,
  yearOf,
} from './civil.ts';
import { CalendarError } from './errors.ts';
import { formatInstant, type Instant, msAtDayNumber, parseTimeOfDay } from './instant.ts';
import { type Notice, parseSchedule, type Schedule, type ScheduledDay, scheduledDays } from './schedule.ts';
import { publishedScheduleFiles } from './schedules/index.ts';
import {
  type CalendarSettings,
  defaultCalendarSettings,
  type LocalDay,
  parseCalendarSettings,
} from './settings.ts';
import { holidayLaw, statutoryHolidays } from './statutory.ts';

/** The years the engine answers for. */
export const SUPPORTED_YEARS = { first: 2000, last: 2099 } as const;

/** From this day of December, a day also depends on the next year's (unpublished) notice. */
const YEAR_END_WINDOW = { month: 12, day: 25 } as const;

export type DayKind =
  | 'workday'
  | 'weekend'
  | 'holiday'
  | 'makeup'
  | 'localFestival'
  | 'localClosure'
  | 'localWorkday';

export interface DayInfo {
  date: CivilDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  workday: boolean;
  kind: DayKind;
  /** Human-readable reason, e.g. `调休上班 (国庆节)`. */
  reason: string;
  /** The holiday or local day's name, when there is one. */
  holiday?: string;
  /** Where the answer comes from: a notice's title, the holiday law, or the centre configuration. */
  source: string;
  provisional: boolean;
}

export interface Calendar {
  readonly settings: CalendarSettings;
  /** Published schedules, by year, as validated. */
  readonly schedules: ReadonlyMap<number, Schedule>;
  readonly firstYear: number;
  readonly lastYear: number;
}

interface Internals {
  closeMinutes: number;
  schedules: ScheduleBook;
  local: Map<number, LocalDay>;
  tables: Map<number, Uint8Array>;
  /** Flags of every day of the supported range (index: day − firstDay), filled a year at a time. */
  flags: Uint8Array;
  firstDay: number;
}

const WORKDAY = 1;
const PROVISIONAL = 2;
const COMPUTED = 4;

const internals = new WeakMap<Calendar, Internals>();

function inner(calendar: Calendar): Internals {
  const found = internals.get(calendar);
  if (!found) throw new CalendarError('invalid-argument', 'Not a calendar made by createCalendar().');
  return found;
}

/** A schedule as validated, and what it says about each day (key: day number). */
interface LoadedSchedule {
  schedule: Schedule;
  days: Map<number, ScheduledDay>;
}

/** A parsed schedule's days, checked against the holiday law of its year. */
function withDays(schedule: Schedule): LoadedSchedule {
  const days = scheduledDays(schedule);
  // A notice never makes a statutory holiday a working day: a schedule that does is mistyped.
  for (const holiday of statutoryHolidays(schedule.year)) {
    if (days.get(dayNumber(holiday.date))?.workday !== false) {
      throw new CalendarError(
        'invalid-schedule',
        `Holiday schedule ${schedule.year}: the statutory holiday ${holiday.name} on ${holiday.date} is not a day off.`,
      );
    }
  }
  return { schedule, days };
}

/**
 * The published schedules of a calendar, by year. Files a caller passes are all validated when
 * the calendar is made, so a bad one fails there. The bundled files (validated by the tests) are
 * each validated and expanded the first time their year is needed: a function touches a year or
 * two, and doing all of them made its first request some 10 ms slower.
 */
class ScheduleBook implements ReadonlyMap<number, Schedule> {
  readonly #loaded = new Map<number, LoadedSchedule>();
  readonly #unread: Map<number, unknown>;

  constructor(loaded: readonly LoadedSchedule[], unread: ReadonlyMap<number, unknown> = new Map()) {
    for (const entry of loaded) this.#loaded.set(entry.schedule.year, entry);
    this.#unread = new Map(unread);
  }

  /** The schedule of `year` with its days, validated on first use; undefined when none is published. */
  load(year: number): LoadedSchedule | undefined {
    const found = this.#loaded.get(year);
    if (found) return found;
    if (!this.#unread.has(year)) return undefined;
    const file = this.#unread.get(year);
    const entry = withDays(parseSchedule(file, SUPPORTED_YEARS.first, SUPPORTED_YEARS.last));
    this.#unread.delete(year);
    this.#loaded.set(year, entry);
    return entry;
  }

  has(year: number): boolean {
    return this.#loaded.has(year) || this.#unread.has(year);
  }

  get(year: number): Schedule | undefined {
    return this.load(year)?.schedule;
  }

  get size(): number {
    return this.#loaded.size + this.#unread.size;
  }

  keys(): MapIterator<number> {
    return [...this.#loaded.keys(), ...this.#unread.keys()].sort((a, b) => a - b)[Symbol.iterator]();
  }

  *entries(): MapIterator<[number, Schedule]> {
    for (const year of this.keys()) yield [year, this.get(year) as Schedule];
  }

  *values(): MapIterator<Schedule> {
    for (const [, schedule] of this.entries()) yield schedule;
  }

  [Symbol.iterator](): MapIterator<[number, Schedule]> {
    return this.entries();
  }

  forEach(callback: (value: Schedule, key: number, map: ReadonlyMap<number, Schedule>) => void): void {
    for (const [year, schedule] of this.entries()) callback(schedule, year, this);
  }
}

/** Every file validated, in the order of their years; two for one year are refused. */
function loadSchedules(files: readonly unknown[]): LoadedSchedule[] {
  return files
    .map((file) => parseSchedule(file, SUPPORTED_YEARS.first, SUPPORTED_YEARS.last))
    .sort((a, b) => a.year - b.year)
    .map((schedule, index, all) => {
      if (index > 0 && all[index - 1]?.year === schedule.year) {
        throw new CalendarError(
          'invalid-schedule',
          `Two holiday schedules for ${schedule.year}: load one per year.`,
        );
      }
      return withDays(schedule);
    });
}

/** The bundled files by the year each names (the tests validate every one of them). */
function bundledFilesByYear(): Map<number, unknown> {
  return new Map(publishedScheduleFiles.map((file) => [(file as { year: number }).year, file]));
}

export interface CalendarOptions {
  /**
   * Raw schedule files (as read from JSON). Default: the bundled published schedules. To load a
   * newly published year, pass `[...publishedScheduleFiles, newYear]`.
   */
  schedules?: readonly unknown[];
  /** Calendar settings or a whole centre configuration object; validated. */
  settings?: unknown;
}

/** Builds a calendar from schedules and settings; validates both. */
export function createCalendar(options: CalendarOptions = {}): Calendar {
  const settings =
    options.settings === undefined ? defaultCalendarSettings : parseCalendarSettings(options.settings);
  const schedules =
    options.schedules === undefined
      ? new ScheduleBook([], bundledFilesByYear())
      : new ScheduleBook(loadSchedules(options.schedules));
  const local = new Map<number, LocalDay>();
  for (const localDay of settings.localDays) {
    for (let d = dayNumber(localDay.date); d <= dayNumber(localDay.to ?? localDay.date); d += 1)
      local.set(d, localDay);
  }
  const calendar: Calendar = Object.freeze({
    settings,
    schedules,
    firstYear: SUPPORTED_YEARS.first,
    lastYear: SUPPORTED_YEARS.last,
  });
  internals.set(calendar, {
    closeMinutes: parseTimeOfDay(settings.closeOfBusiness),
    schedules,
    local,
    tables: new Map(),
    flags: new Uint8Array(
      dayNumberOfParts({ year: SUPPORTED_YEARS.last + 1, month: 1, day: 1 }) -
        dayNumberOfParts({ year: SUPPORTED_YEARS.first, month: 1, day: 1 }),
    ),
    firstDay: dayNumberOfParts({ year: SUPPORTED_YEARS.first, month: 1, day: 1 }),
  });
  return calendar;
}

let defaultCalendarInstance: Calendar | undefined;

/** The calendar with the bundled schedules and default settings (17:30, no local days). */
export function defaultCalendar(): Calendar {
  defaultCalendarInstance ??= createCalendar();
  return defaultCalendarInstance;
}

function rangeError(year: number): CalendarError {
  return new CalendarError(
    'out-of-range',
    `Year ${year} is outside the supported range ${SUPPORTED_YEARS.first}–${SUPPORTED_YEARS.last}.`,
  );
}

function checkYear(calendar: Calendar, year: number): void {
  if (!(year >= calendar.firstYear && year <= calendar.lastYear)) throw rangeError(year);
}

export function isPublishedYear(calendar: Calendar, year: number): boolean {
  return calendar.schedules.has(year);
}

function provisionalDay(calendar: Calendar, day: number): boolean {
  const { year, month, day: dom } = partsOfDayNumber(day);
  if (!calendar.schedules.has(year)) return true;
  return month === YEAR_END_WINDOW.month && dom >= YEAR_END_WINDOW.day && !calendar.schedules.has(year + 1);
}

/** Statutory holiday names by day number; two on one day (中秋 on 1 October) are joined. */
function statutoryByDay(year: number): Map<number, string> {
  const byDay = new Map<number, string>();
  for (const { date, name } of statutoryHolidays(year)) {
    const day = dayNumber(date);
    const before = byDay.get(day);
    byDay.set(day, before === undefined || before === name ? name : `${before}、${name}`);
  }
  return byDay;
}

const localKinds = {
  workday: { workday: true, kind: 'localWorkday', label: '本地调休上班' },
  festival: { workday: false, kind: 'localFestival', label: '民族节日放假' },
  closure: { workday: false, kind: 'localClosure', label: '停止办公' },
} as const;

function resolve(calendar: Calendar, day: number, statutory?: Map<number, string>): DayInfo {
  const { schedules, local } = inner(calendar);
  const date = fromDayNumber(day);
  const weekday = weekdayOfDayNumber(day);
  const provisional = provisionalDay(calendar, day);
  const info = (
    workday: boolean,
    kind: DayKind,
    reason: string,
    source: string,
    holiday?: string,
  ): DayInfo => ({
    date,
    weekday,
    workday,
    kind,
    reason,
    ...(holiday === undefined ? {} : { holiday }),
    source,
    provisional,
  });
  const localDay = local.get(day);
  if (localDay) {
    const { workday, kind, label } = localKinds[localDay.kind];
    return info(workday, kind, `${label} (${localDay.name})`, '本中心配置', localDay.name);
  }
  const { year, month } = partsOfDayNumber(day);
  const entry = scheduledDay(schedules, day, year, month);
  if (entry) {
    const name = entry.holiday;
    return entry.workday
      ? info(true, 'makeup', `调休上班 (${name})`, noticeSource(entry.notice), name)
      : info(false, 'holiday', `放假 (${name})`, noticeSource(entry.notice), name);
  }
  if (!calendar.schedules.has(year)) {
    const name = (statutory ?? statutoryByDay(year)).get(day);
    if (name !== undefined) {
      const law = holidayLaw.find((period) => year >= period.from && year <= period.to);
      return info(false, 'holiday', `法定节假日 (${name})`, law?.basis ?? '', name);
    }
  }
  const source = '周一至周五工作，周六、周日休息';
  return weekday === 0 || weekday === 6
    ? info(false, 'weekend', `周末 (${weekdayNames[weekday]})`, source)
    : info(true, 'workday', '工作日', source);
}

/**
 * What the published schedules say about a day: a notice can reach back into December of the year
 * before (元旦 make-up days), and is then the later word on that day.
 */
function scheduledDay(schedules: ScheduleBook, day: number, year: number, month: number) {
  const fromNextNotice = month === 12 ? schedules.load(year + 1)?.days.get(day) : undefined;
  return fromNextNotice ?? schedules.load(year)?.days.get(day);
}

function noticeSource(notice: Notice): string {
  return `${notice.title}（${[notice.issuer, notice.date].filter(Boolean).join('，')}）`;
}

function table(calendar: Calendar, year: number): Uint8Array {
  const state = inner(calendar);
  const cached = state.tables.get(year);
  if (cached) return cached;
  checkYear(calendar, year);
  const first = dayNumberOfParts({ year, month: 1, day: 1 });
  const length = dayNumberOfParts({ year: year + 1, month: 1, day: 1 }) - first;
  const flags = new Uint8Array(length);
  const statutory = statutoryByDay(year);
  for (let i = 0; i < length; i += 1) {
    const info = resolve(calendar, first + i, statutory);
    flags[i] = (info.workday ? WORKDAY : 0) | (info.provisional ? PROVISIONAL : 0);
  }
  state.tables.set(year, flags);
  return flags;
}

/** Flags of a day: which table holds it is found from its year only on the first lookup of that year. */
function flagsAt(calendar: Calendar, day: number): number {
  const state = inner(calendar);
  const index = day - state.firstDay;
  const cached = state.flags[index];
  if (cached !== undefined && cached & COMPUTED) return cached;
  const { year } = partsOfDayNumber(day);
  const yearFlags = table(calendar, year);
  const offset = dayNumberOfParts({ year, month: 1, day: 1 }) - state.firstDay;
  for (let i = 0; i < yearFlags.length; i += 1) state.flags[offset + i] = (yearFlags[i] ?? 0) | COMPUTED;
  return state.flags[index] ?? 0;
}

/** Fast lookups by day number (days since 1970-01-01), for the clock engine. */
export function workdayAt(calendar: Calendar, day: number): boolean {
  return (flagsAt(calendar, day) & WORKDAY) !== 0;
}

export function provisionalAt(calendar: Calendar, day: number): boolean {
  return (flagsAt(calendar, day) & PROVISIONAL) !== 0;
}

/** Day number of the last day of the supported range. */
export function lastSupportedDay(calendar: Calendar): number {
  return inner(calendar).firstDay + inner(calendar).flags.length - 1;
}

/** Close of business of a day, as Unix ms. */
export function closeOfBusinessMs(calendar: Calendar, day: number): number {
  return msAtDayNumber(day, inner(calendar).closeMinutes);
}

export function closeOfBusinessAt(calendar: Calendar, date: CivilDate): Instant {
  return formatInstant(closeOfBusinessMs(calendar, dayNumber(date)));
}

function checkedDay(calendar: Calendar, date: string, what: string): number {
  const valid = parseCivilDate(date, what);
  checkYear(calendar, yearOf(valid));
  return dayNumber(valid);
}

/** Everything known about one day. */
export function dayInfo(calendar: Calendar, date: CivilDate): DayInfo {
  return resolve(calendar, checkedDay(calendar, date, 'date'));
}

export function isWorkday(calendar: Calendar, date: CivilDate): boolean {
  return workdayAt(calendar, checkedDay(calendar, date, 'date'));
}

export interface DeadlineResult {
  from: CivilDate;
  workdays: number;
  due: CivilDate;
  /** Close of business of `due`, Beijing time. */
  dueAt: Instant;
  /** Some counted day lies in a year (or year end) whose schedule is not published. */
  provisional: boolean;
}

function checkWorkdays(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CalendarError('invalid-argument', `Working days must be a whole number ≥ 0, got ${value}.`);
  }
}

/**
 * The day a period of `workdays` working days starting on `from` ends: `from` is not counted; the
 * result is the `workdays`-th working day after it (0 → `from` itself, as for an instant item).
 */
export function addWorkdays(calendar: Calendar, from: CivilDate, workdays: number): DeadlineResult {
  checkWorkdays(workdays);
  let day = checkedDay(calendar, from, 'start date');
  let counted = 0;
  let provisional = false;
  const lastDay = lastSupportedDay(calendar);
  while (counted < workdays) {
    day += 1;
    if (day > lastDay) {
      throw new CalendarError(
        'out-of-range',
        `${workdays} working days from ${from} run past ${calendar.lastYear}-12-31, the end of the supported range ${SUPPORTED_YEARS.first}–${SUPPORTED_YEARS.last}.`,
      );
    }
    const flags = flagsAt(calendar, day);
    if (flags & PROVISIONAL) provisional = true;
    if (flags & WORKDAY) counted += 1;
  }
  const due = fromDayNumber(day);
  return { from, workdays, due, dueAt: formatInstant(closeOfBusinessMs(calendar, day)), provisional };
}

export interface WorkdaysBetweenResult {
  from: CivilDate;
  to: CivilDate;
  /** Working days in (from, to]; negative, the count of (to, from], when `to` is before `from`. */
  workdays: number;
  provisional: boolean;
}

/** Working days after `from` up to and including `to` — the inverse of {@link addWorkdays}. */
export function workdaysBetween(calendar: Calendar, from: CivilDate, to: CivilDate): WorkdaysBetweenResult {
  const a = checkedDay(calendar, from, 'start date');
  const b = checkedDay(calendar, to, 'end date');
  const [low, high, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  let provisional = false;
  for (let day = low + 1; day <= high; day += 1) {
    const flags = flagsAt(calendar, day);
    if (flags & PROVISIONAL) provisional = true;
    if (flags & WORKDAY) count += 1;
  }
  return { from, to, workdays: sign * count, provisional };
}

/** The first working day after `date`. */
export function nextWorkday(calendar: Calendar, date: CivilDate): CivilDate {
  return addWorkdays(calendar, date, 1).due;
}

export interface DayChange {
  date: CivilDate;
  before: { workday: boolean; provisional: boolean };
  after: { workday: boolean; provisional: boolean };
}

/**
 * Days whose working status or provisional mark differ between two calendars (e.g. before and after
 * loading a year's schedule or an amendment), within the inclusive year range.
 */
export function calendarChanges(
  before: Calendar,
  after: Calendar,
  years: { from: number; to: number } = { from: SUPPORTED_YEARS.first, to: SUPPORTED_YEARS.last },
): DayChange[] {
  const changes: DayChange[] = [];
  for (let year = years.from; year <= years.to; year += 1) {
    const a = table(before, year);
    const b = table(after, year);
    const first = dayNumberOfParts({ year, month: 1, day: 1 });
    for (let i = 0; i < a.length; i += 1) {
      const x = a[i] ?? 0;
      const y = b[i] ?? 0;
      if (x !== y) {
        changes.push({
          date: fromDayNumber(first + i),
          before: { workday: (x & WORKDAY) !== 0, provisional: (x & PROVISIONAL) !== 0 },
          after: { workday: (y & WORKDAY) !== 0, provisional: (y & PROVISIONAL) !== 0 },
        });
      }
    }
  }
  return changes;
}
