/**
 * The general windows and back-office windows of centre.json checked against the catalogue: each
 * back-office window is one of its department's windows. Run on the local runtime's start and in
 * the tests; kept out of centre.ts (which checks their form as it loads) so the functions do not
 * bundle the departments for it.
 */
import {
  type GeneralWindowSettings,
  parseGeneralWindowSettings,
} from '../domain/cases/general-window-settings.ts';
import { catalogueDepartment } from '../domain/catalogue/item-lookup.ts';
import { windowCodesOf } from '../domain/complaints/windows.ts';
import centre from './centre.json' with { type: 'json' };
import { centreConfigSource } from './centre.ts';

export function checkGeneralWindows(config: unknown = centre): GeneralWindowSettings {
  return parseGeneralWindowSettings(config, {
    source: centreConfigSource,
    catalogue: {
      windowsOf: (id) => {
        const department = catalogueDepartment(id);
        return department ? windowCodesOf(department) : undefined;
      },
    },
  });
}
