/**
 * Calendar settings of a centre. The adapter (CLI, handlers, local runtime) reads them from the
 * centre configuration (functions/config/centre.json) and passes them in; the core never reads
 * files or the environment.
 *
 * Keys in centre.json:
 * - `timeZone`: must be "Asia/Shanghai" (fixed +08:00, the only zone in use in mainland China).
 * - `closeOfBusiness`: "HH:MM"; a period ends at this time of its last working day.
 * - `localDays` (optional): days this centre keeps differently from the national schedule, e.g.
 *   `{ "date": "2026-04-19", "to": "2026-04-20", "kind": "festival", "name": "壮族三月三" }`,
 *   `{ "date": "2026-08-03", "kind": "closure", "name": "台风停止办公" }`,
 *   `{ "date": "2026-04-26", "kind": "workday", "name": "三月三调休上班" }`.
 *   `kind`: `festival` (a minority festival set by the local government: day off), `closure` (the
 *   centre is closed: day off), `workday` (a local make-up working day). `to` (optional) makes it
 *   an inclusive range. Local days win over the national schedule.
 */
import { type CivilDate, isCivilDate } from './civil.ts';
import { CalendarError } from './errors.ts';
import { CENTRE_TIME_ZONE, parseTimeOfDay } from './instant.ts';

export type LocalDayKind = 'festival' | 'closure' | 'workday';

export interface LocalDay {
  date: CivilDate;
  /** Inclusive end of a range; the single day `date` when absent. */
  to?: CivilDate;
  kind: LocalDayKind;
  name: string;
}

export interface CalendarSettings {
  timeZone: typeof CENTRE_TIME_ZONE;
  /** `HH:MM`, Beijing time. */
  closeOfBusiness: string;
  localDays: LocalDay[];
}

export const defaultCalendarSettings: CalendarSettings = {
  timeZone: CENTRE_TIME_ZONE,
  closeOfBusiness: '17:30',
  localDays: [],
};

const localDayKinds: readonly LocalDayKind[] = ['festival', 'closure', 'workday'];

function fail(message: string): never {
  throw new CalendarError('invalid-settings', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseLocalDay(raw: unknown, where: string): LocalDay {
  if (!isRecord(raw)) fail(`${where}: expected an object { date, to?, kind, name }.`);
  const { date, to, kind, name } = raw;
  if (!isCivilDate(date))
    fail(`${where}.date: expected a real date as YYYY-MM-DD, got ${JSON.stringify(date)}.`);
  if (to !== undefined && (!isCivilDate(to) || to < date)) {
    fail(`${where}.to: expected a date as YYYY-MM-DD on or after ${date}, got ${JSON.stringify(to)}.`);
  }
  if (typeof kind !== 'string' || !(localDayKinds as readonly string[]).includes(kind)) {
    fail(`${where}.kind: expected one of ${localDayKinds.join(', ')}, got ${JSON.stringify(kind)}.`);
  }
  if (typeof name !== 'string' || name.trim() === '') fail(`${where}.name: expected a non-empty name.`);
  return { date, ...(to === undefined ? {} : { to }), kind: kind as LocalDayKind, name };
}

/**
 * Validated calendar settings from a centre configuration object (other keys are ignored;
 * missing ones take the defaults). Throws `CalendarError('invalid-settings')` naming the key.
 */
export function parseCalendarSettings(raw: unknown): CalendarSettings {
  if (!isRecord(raw)) fail('Centre configuration: expected an object.');
  const timeZone = raw.timeZone ?? defaultCalendarSettings.timeZone;
  if (timeZone !== CENTRE_TIME_ZONE) {
    fail(`timeZone: only "${CENTRE_TIME_ZONE}" is supported, got ${JSON.stringify(timeZone)}.`);
  }
  const closeOfBusiness = raw.closeOfBusiness ?? defaultCalendarSettings.closeOfBusiness;
  if (typeof closeOfBusiness !== 'string') fail('closeOfBusiness: expected "HH:MM".');
  parseTimeOfDay(closeOfBusiness);
  const localDaysRaw = raw.localDays ?? [];
  if (!Array.isArray(localDaysRaw)) fail('localDays: expected an array.');
  const localDays = localDaysRaw.map((day, index) => parseLocalDay(day, `localDays[${index}]`));
  return { timeZone: CENTRE_TIME_ZONE, closeOfBusiness, localDays };
}
