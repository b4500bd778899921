/**
 * Build time only (page frontmatter, never shipped to the browser): each department of the
 * catalogue with its window codes — the codes staff tokens carry — and the general windows, for the
 * respondent and triage pickers.
 */
import centreJson from '../../../../functions/config/centre.json';
import { departmentsOfWindows } from '../../../../functions/domain/cases/general-window-settings.ts';
import { windowCodesOf } from '../../../../functions/domain/complaints/windows.ts';
import { catalogue } from '../../lib/catalogue.ts';

export interface WindowGroup {
  id: string;
  name: string;
  shortName: string;
  windows: string[];
}

/** The catalogue's departments, then the general windows (综合窗口, centre.json), which complaints may name too. */
export async function windowGroups(): Promise<WindowGroup[]> {
  const { departments } = await catalogue();
  return [
    ...departments.map((department) => ({
      id: department.id,
      name: department.name,
      shortName: department.shortName,
      windows: windowCodesOf(department),
    })),
    ...departmentsOfWindows(centreJson.generalWindows)
      .filter((general) => !departments.some((department) => department.id === general.id))
      .map((general) => ({
        id: general.id,
        name: '综合窗口',
        shortName: '综合窗口',
        windows: general.windows,
      })),
  ];
}
