/**
 * Published holiday schedules (the State Council General Office's annual notice 《国务院办公厅关于
 * ＸＸＸＸ年部分节假日安排的通知》) as data, and their amendments.
 *
 * A schedule file (schedules/<year>.json):
 * ```json
 * {
 *   "year": 2026,
 *   "notice": { "title": "…", "issuer": "国务院办公厅", "date": "2025-11-04", "reference": "国办发明电〔2025〕7号" },
 *   "holidays": [
 *     { "name": "元旦", "off": { "from": "2026-01-01", "to": "2026-01-03" }, "work": ["2026-01-04"] }
 *   ],
 *   "amendments": [
 *     { "notice": { … }, "changes": [ { "date": "…", "to": "…", "set": "off", "holiday": "春节" } ] }
 *   ]
 * }
 * ```
 * `off` is the inclusive run of days off; `work` the weekend days that become make-up working days
 * (调休上班). Amendments (a later notice changing a published year, like the 2020 extension of the
 * Spring Festival holiday or the 2015 victory-day holiday) are applied in order; each change sets a
 * day (or an inclusive range) to `off`, `work` (both name the `holiday`; `work` only on weekends) or
 * `default` (back to the Monday–Friday rule). Dates may fall in December of the year before (the
 * 2019 notice made 2018-12-29 a working day). A notice's `date` and `reference` are optional: some
 * early notices are kept by title only.
 */
import { type CivilDate, dayNumber, fromDayNumber, isCivilDate, weekday, yearOf } from './civil.ts';
import { CalendarError } from './errors.ts';

export interface Notice {
  title: string;
  issuer: string;
  /** The date the notice bears (成文日期); absent where the record at hand does not give it. */
  date?: CivilDate;
  /** Document number (e.g. 国办发明电〔2023〕7号) or other citation; no URL. */
  reference?: string;
}

export interface HolidayArrangement {
  name: string;
  off: { from: CivilDate; to: CivilDate };
  work?: CivilDate[];
}

export type ChangeSetting = 'off' | 'work' | 'default';

export interface AmendmentChange {
  date: CivilDate;
  to?: CivilDate;
  set: ChangeSetting;
  holiday?: string;
}

export interface Amendment {
  notice: Notice;
  changes: AmendmentChange[];
}

export interface Schedule {
  year: number;
  notice: Notice;
  holidays: HolidayArrangement[];
  amendments?: Amendment[];
}

/** What a schedule says about one day. */
export interface ScheduledDay {
  workday: boolean;
  holiday: string;
  /** The notice (original or amending) the day comes from. */
  notice: Notice;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scheduleError(where: string, message: string): never {
  throw new CalendarError('invalid-schedule', `Holiday schedule ${where}: ${message}`);
}

function nonEmpty(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') scheduleError(where, 'expected a non-empty string.');
  return value;
}

function dateIn(value: unknown, year: number, where: string): CivilDate {
  if (!isCivilDate(value))
    scheduleError(where, `expected a real date as YYYY-MM-DD, got ${JSON.stringify(value)}.`);
  const y = yearOf(value);
  // A notice may reach back into December of the previous year (元旦 make-up days).
  if (!(y === year || (y === year - 1 && value.slice(5, 7) === '12'))) {
    scheduleError(where, `${value} is outside ${year} (and December ${year - 1}).`);
  }
  return value;
}

function parseNotice(raw: unknown, where: string): Notice {
  if (!isRecord(raw)) scheduleError(where, 'expected { title, issuer, date?, reference? }.');
  const title = nonEmpty(raw.title, `${where}.title`);
  const issuer = nonEmpty(raw.issuer, `${where}.issuer`);
  const date = raw.date;
  if (date !== undefined && !isCivilDate(date))
    scheduleError(`${where}.date`, 'expected a real date as YYYY-MM-DD.');
  const reference = raw.reference === undefined ? undefined : nonEmpty(raw.reference, `${where}.reference`);
  return {
    title,
    issuer,
    ...(date === undefined ? {} : { date }),
    ...(reference === undefined ? {} : { reference }),
  };
}

/** A make-up working day (调休上班) is always a Saturday or Sunday, in every period of the law. */
function checkWeekend(date: CivilDate, where: string): void {
  const day = weekday(date);
  if (day !== 0 && day !== 6) {
    scheduleError(where, `${date} is not a Saturday or Sunday; a make-up working day always is.`);
  }
}

function parseChange(raw: unknown, year: number, where: string): AmendmentChange {
  if (!isRecord(raw)) scheduleError(where, 'expected { date, to?, set, holiday? }.');
  const date = dateIn(raw.date, year, `${where}.date`);
  const to = raw.to === undefined ? undefined : dateIn(raw.to, year, `${where}.to`);
  if (to !== undefined && to < date) scheduleError(`${where}.to`, `${to} is before ${date}.`);
  const set = raw.set;
  if (set !== 'off' && set !== 'work' && set !== 'default') {
    scheduleError(`${where}.set`, `expected "off", "work" or "default", got ${JSON.stringify(set)}.`);
  }
  const holiday = raw.holiday === undefined ? undefined : nonEmpty(raw.holiday, `${where}.holiday`);
  if (set !== 'default' && holiday === undefined)
    scheduleError(`${where}.holiday`, `"${set}" needs the holiday's name.`);
  if (set === 'work') {
    for (let d = dayNumber(date); d <= dayNumber(to ?? date); d += 1) checkWeekend(fromDayNumber(d), where);
  }
  return { date, ...(to === undefined ? {} : { to }), set, ...(holiday === undefined ? {} : { holiday }) };
}

/** Validates a schedule file's content; throws `CalendarError('invalid-schedule')` naming the field. */
export function parseSchedule(raw: unknown, firstYear: number, lastYear: number): Schedule {
  if (!isRecord(raw)) scheduleError('', 'expected an object.');
  const year = raw.year;
  if (typeof year !== 'number' || !Number.isInteger(year)) scheduleError('year', 'expected an integer year.');
  if (year < firstYear || year > lastYear) {
    throw new CalendarError(
      'out-of-range',
      `Holiday schedule for ${year}: outside the supported range ${firstYear}–${lastYear}.`,
    );
  }
  const at = `${year}`;
  const notice = parseNotice(raw.notice, `${at} notice`);
  if (!Array.isArray(raw.holidays)) scheduleError(`${at} holidays`, 'expected an array.');
  const seen = new Map<CivilDate, string>();
  const claim = (date: CivilDate, what: string, where: string) => {
    const before = seen.get(date);
    if (before) scheduleError(where, `${date} is listed twice (${before} and ${what}).`);
    seen.set(date, what);
  };
  const holidays = raw.holidays.map((item: unknown, index: number): HolidayArrangement => {
    const where = `${at} holidays[${index}]`;
    if (!isRecord(item)) scheduleError(where, 'expected { name, off: { from, to }, work? }.');
    const name = nonEmpty(item.name, `${where}.name`);
    if (!isRecord(item.off)) scheduleError(`${where}.off`, 'expected { from, to }.');
    const from = dateIn(item.off.from, year, `${where}.off.from`);
    const to = dateIn(item.off.to, year, `${where}.off.to`);
    if (to < from) scheduleError(`${where}.off`, `${to} is before ${from}.`);
    for (let d = dayNumber(from); d <= dayNumber(to); d += 1) claim(fromDayNumber(d), `${name} off`, where);
    const workRaw = item.work ?? [];
    if (!Array.isArray(workRaw)) scheduleError(`${where}.work`, 'expected an array of dates.');
    const work = workRaw.map((value: unknown, i: number) => {
      const date = dateIn(value, year, `${where}.work[${i}]`);
      checkWeekend(date, `${where}.work[${i}]`);
      claim(date, `${name} work`, where);
      return date;
    });
    return { name, off: { from, to }, ...(work.length > 0 ? { work } : {}) };
  });
  const amendmentsRaw = raw.amendments ?? [];
  if (!Array.isArray(amendmentsRaw)) scheduleError(`${at} amendments`, 'expected an array.');
  const amendments = amendmentsRaw.map((item: unknown, index: number): Amendment => {
    const where = `${at} amendments[${index}]`;
    if (!isRecord(item)) scheduleError(where, 'expected { notice, changes }.');
    if (!Array.isArray(item.changes) || item.changes.length === 0) {
      scheduleError(`${where}.changes`, 'expected a non-empty array.');
    }
    return {
      notice: parseNotice(item.notice, `${where}.notice`),
      changes: item.changes.map((change: unknown, i: number) =>
        parseChange(change, year, `${where}.changes[${i}]`),
      ),
    };
  });
  return { year, notice, holidays, ...(amendments.length > 0 ? { amendments } : {}) };
}

/** The day-by-day effect of a schedule with its amendments applied in order (key: day number). */
export function scheduledDays(schedule: Schedule): Map<number, ScheduledDay> {
  const days = new Map<number, ScheduledDay>();
  for (const holiday of schedule.holidays) {
    for (let d = dayNumber(holiday.off.from); d <= dayNumber(holiday.off.to); d += 1) {
      days.set(d, { workday: false, holiday: holiday.name, notice: schedule.notice });
    }
    for (const date of holiday.work ?? []) {
      days.set(dayNumber(date), { workday: true, holiday: holiday.name, notice: schedule.notice });
    }
  }
  for (const amendment of schedule.amendments ?? []) {
    for (const change of amendment.changes) {
      for (let d = dayNumber(change.date); d <= dayNumber(change.to ?? change.date); d += 1) {
        if (change.set === 'default') days.delete(d);
        else
          days.set(d, {
            workday: change.set === 'work',
            holiday: change.holiday ?? '',
            notice: amendment.notice,
          });
      }
    }
  }
  return days;
}
