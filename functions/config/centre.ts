/**
 * The centre's configuration (centre.json) and the clock context built from it: the calendar
 * (bundled holiday schedules + the centre's local days) and the warning and limit settings. Read
 * by every area's handlers and by the jobs; built once per container.
 */

import { createCalendar } from '../domain/calendar/calendar.ts';
import { getCatalogue } from '../domain/catalogue/data.ts';
import { type ClockContext, clockContext } from '../domain/clocks/clock.ts';
import { parseClockSettings } from '../domain/clocks/settings.ts';
import { windowCodesOf } from '../domain/complaints/windows.ts';
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
 * The front counter's settings (`counter` in centre.json), checked against the catalogue: every
 * item and window a category names must exist. Throws, naming the key, on a wrong configuration.
 */
export function counterSettings(config: unknown = centre): CounterSettings {
  if (config !== centre) return parseCounterSettings(config, knownCodes());
  counter ??= parseCounterSettings(centre, knownCodes());
  return counter;
}

function knownCodes() {
  const catalogue = getCatalogue();
  return {
    items: new Set(catalogue.items.map((item) => item.code)),
    windows: new Set(catalogue.departments.flatMap((department) => windowCodesOf(department))),
  };
}
