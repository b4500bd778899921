/**
 * The general windows and back-office windows of centre.json checked against the catalogue: each
 * back-office window is one of its department's windows. Run on the local runtime's start and in
 * the tests; kept out of centre.ts (which checks their form as it loads) so the functions do not
 * bundle the catalogue for it.
 */
import {
  type GeneralWindowSettings,
  parseGeneralWindowSettings,
} from '../domain/cases/general-window-settings.ts';
import { getCatalogue } from '../domain/catalogue/data.ts';
import { windowCodesOf } from '../domain/complaints/windows.ts';
import centre from './centre.json' with { type: 'json' };
import { centreConfigSource } from './centre.ts';

export function checkGeneralWindows(config: unknown = centre): GeneralWindowSettings {
  const departments = getCatalogue().departments;
  return parseGeneralWindowSettings(config, {
    source: centreConfigSource,
    catalogue: {
      windowsOf: (id) => {
        const department = departments.find((candidate) => candidate.id === id);
        return department ? windowCodesOf(department) : undefined;
      },
    },
  });
}
