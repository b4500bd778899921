/**
 * Build time only (page frontmatter, never shipped to the browser): each department of the
 * catalogue with its window codes — the codes staff tokens carry — for the respondent pickers.
 */
import { windowCodesOf } from '../../../../functions/domain/complaints/windows.ts';
import { catalogue } from '../../lib/catalogue.ts';

export interface WindowGroup {
  id: string;
  name: string;
  shortName: string;
  windows: string[];
}

export async function windowGroups(): Promise<WindowGroup[]> {
  const { departments } = await catalogue();
  return departments.map((department) => ({
    id: department.id,
    name: department.name,
    shortName: department.shortName,
    windows: windowCodesOf(department),
  }));
}
