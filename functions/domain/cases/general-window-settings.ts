/**
 * The general windows (综合窗口, 无差别受理) and the back-office windows of a centre (`generalWindows`,
 * `backOfficeWindows` in centre.json), checked: a wrong key or value stops the start with an error
 * naming it. Kept apart from general-window.ts (the intake) so that reading the settings does not
 * carry the case life cycle into every function.
 *
 * A window code is `<department>-<two digits>` (`zh-01`): the department a window belongs to is read
 * from its code (complaints/windows.ts departmentOfWindow), so a general window's department
 * (`zh`) is one the catalogue does not list — its figures are the general window's intake.
 */
import { departmentOfWindow } from '../complaints/windows.ts';

export interface GeneralWindowSettings {
  generalWindows: readonly string[];
  /** Department → the window whose queue handles its cases taken in at a general window. */
  backOfficeWindows: Readonly<Record<string, string>>;
}

/** The catalogue's departments and their window codes, where it is at hand (the local start, the tests). */
export interface WindowCatalogue {
  windowsOf(department: string): readonly string[] | undefined;
}

const windowCode = /^[a-z][a-z0-9]*-\d{2}$/;
const departmentCode = /^[a-z][a-z0-9]*$/;

function settingsError(source: string | undefined, key: string, message: string): Error {
  return new Error(`${source ? `${source}: ` : ''}${key}: ${message}`);
}

/**
 * The general-window settings of `raw` (centre.json); throws an error naming the key. With a
 * catalogue, each back-office window is also checked to be one of its department's windows.
 */
export function parseGeneralWindowSettings(
  raw: unknown,
  options: { source?: string; catalogue?: WindowCatalogue } = {},
): GeneralWindowSettings {
  const { source, catalogue } = options;
  const fail = (key: string, message: string) => settingsError(source, key, message);
  const config = (raw ?? {}) as { generalWindows?: unknown; backOfficeWindows?: unknown };
  const general = config.generalWindows ?? [];
  if (!Array.isArray(general))
    throw fail('generalWindows', 'expected a list of window codes such as ["zh-01"].');
  general.forEach((code: unknown, index) => {
    if (typeof code !== 'string' || !windowCode.test(code)) {
      throw fail(
        `generalWindows.${index}`,
        `expected a window code such as "zh-01", got ${JSON.stringify(code)}.`,
      );
    }
    if (general.indexOf(code) !== index) {
      throw fail(`generalWindows.${index}`, `window ${code} is listed twice.`);
    }
  });
  const backOffice = config.backOfficeWindows ?? {};
  if (typeof backOffice !== 'object' || backOffice === null || Array.isArray(backOffice)) {
    throw fail('backOfficeWindows', 'expected an object of department → window, such as { "mz": "mz-01" }.');
  }
  for (const [department, window] of Object.entries(backOffice)) {
    const key = `backOfficeWindows.${department}`;
    if (!departmentCode.test(department)) {
      throw fail(key, `expected a department code such as "mz", got ${JSON.stringify(department)}.`);
    }
    if (typeof window !== 'string' || !windowCode.test(window) || departmentOfWindow(window) !== department) {
      throw fail(
        key,
        `expected a window of department ${department} such as "${department}-01", got ${JSON.stringify(window)}.`,
      );
    }
    if (catalogue) {
      const windows = catalogue.windowsOf(department);
      if (!windows) throw fail(key, `the catalogue has no department ${department}.`);
      if (!windows.includes(window)) {
        throw fail(
          key,
          `department ${department} has no window ${window} (its windows: ${windows.join(', ')}).`,
        );
      }
    }
  }
  return { generalWindows: general as string[], backOfficeWindows: backOffice as Record<string, string> };
}

/** Windows grouped by their department, in the order given: `["zh-01"]` → `[{ id: "zh", windows: ["zh-01"] }]`. */
export function departmentsOfWindows(windows: readonly string[]): { id: string; windows: string[] }[] {
  return [...Map.groupBy(windows, departmentOfWindow)].map(([id, grouped]) => ({ id, windows: grouped }));
}
