/**
 * The centre's configuration (centre.json) and the clock context built from it: the calendar
 * (bundled holiday schedules + the centre's local days) and the warning and limit settings. Read
 * by every area's handlers and by the jobs; built once per container.
 */

import { createCalendar } from '../domain/calendar/calendar.ts';
import {
  type AcceptancePathSettings,
  parseAcceptancePathSettings,
} from '../domain/cases/acceptance-paths.ts';
import { departmentsOfWindows, parseGeneralWindowSettings } from '../domain/cases/general-window-settings.ts';
import { type ClockContext, clockContext } from '../domain/clocks/clock.ts';
import { parseClockSettings } from '../domain/clocks/settings.ts';
import { departmentOfWindow } from '../domain/complaints/windows.ts';
import {
  type AppointmentSettings,
  parseAppointmentSettings,
} from '../domain/counter/appointment-settings.ts';
import { type CounterSettings, parseCounterSettings } from '../domain/counter/settings.ts';
import centre from './centre.json' with { type: 'json' };

export const centreConfig = centre;

let context: ClockContext | undefined;

/** The centre's calendar and clock settings, built once. */
export function centreClocks(): ClockContext {
  context ??= clockContext(createCalendar({ settings: centre }), parseClockSettings(centre));
  return context;
}

let counter: CounterSettings | undefined;

/**
 * The front counter's settings (`counter` in centre.json), built once; throws, naming the key, on
 * a wrong one. That each item and window a category names exists is checked against the catalogue
 * on the local runtime's start and in the tests (config/counter-check.ts), not here: it would
 * bundle the whole catalogue into every function.
 */
export function counterSettings(): CounterSettings {
  counter ??= parseCounterSettings(centre);
  return counter;
}

let appointments: AppointmentSettings | undefined;

/** Appointments and 延时服务 (`counter.appointments` in centre.json), validated once beside the counter's. */
export function appointmentSettings(): AppointmentSettings {
  appointments ??= parseAppointmentSettings(centre, counterSettings());
  return appointments;
}

let acceptancePaths: AcceptancePathSettings | undefined;

/** 容缺受理 / 告知承诺制 settings (`acceptancePaths` in centre.json: the bar period), validated once. */
export function centreAcceptancePaths(): AcceptancePathSettings {
  acceptancePaths ??= parseAcceptancePathSettings(centre);
  return acceptancePaths;
}

export const centreConfigSource = 'functions/config/centre.json';

// Checked as the module loads — on the cold start of every function that reads them, and on the
// local runtime's start, which also checks them against the catalogue (windows-check.ts).
const windowSettings = parseGeneralWindowSettings(centre, { source: centreConfigSource });

/** The general windows (综合窗口, 无差别受理): `generalWindows` in centre.json. */
export const generalWindows: readonly string[] = windowSettings.generalWindows;

/** The window whose queue handles a department's cases taken in at a general window: centre.json, else its first. */
export function backOfficeWindow(department: string): string {
  return windowSettings.backOfficeWindows[department] ?? `${department}-01`;
}

/**
 * The departments of the general windows (`zh` for `zh-01`), each with its general windows: the
 * catalogue does not list them, but their figures (the general windows' intake), complaints and
 * bad ratings are theirs.
 */
export function generalWindowDepartments(): { id: string; windows: string[] }[] {
  return departmentsOfWindows(generalWindows);
}

/** The general windows of a department (`zh` → `zh-01`). */
export function generalWindowsOf(department: string): string[] {
  return generalWindows.filter((window) => departmentOfWindow(window) === department);
}
