/**
 * The front counter's settings checked against the catalogue: every item and window a category
 * names must exist. Run on the local runtime's start and in the tests; kept out of centre.ts so
 * the functions do not bundle the catalogue for it.
 */
import { getCatalogue } from '../domain/catalogue/data.ts';
import { windowCodesOf } from '../domain/complaints/windows.ts';
import { parseAppointmentSettings } from '../domain/counter/appointment-settings.ts';
import { type CounterSettings, parseCounterSettings } from '../domain/counter/settings.ts';
import centre from './centre.json' with { type: 'json' };

/**
 * Validated counter settings of `config` (default: centre.json), items and windows included, and
 * its appointment settings (`counter.appointments`) checked against them.
 */
export function checkCounterSettings(config: unknown = centre): CounterSettings {
  const catalogue = getCatalogue();
  const counter = parseCounterSettings(config, {
    items: new Set(catalogue.items.map((item) => item.code)),
    windows: new Set(catalogue.departments.flatMap((department) => windowCodesOf(department))),
  });
  parseAppointmentSettings(config, counter);
  return counter;
}
