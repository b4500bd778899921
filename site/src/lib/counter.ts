/**
 * The front counter's categories and priority reasons as the hall's pages show them, from the
 * `counter` key of functions/config/centre.json (the functions read the same file), and the hall
 * label of a window code (`sw-03` → `C区 03 号窗口`) from the departments' counters.
 */
import centreJson from '../../../functions/config/centre.json';
import departments from '../content/departments.json';

export interface HallCategory {
  code: string;
  name: string;
  prefix: string;
  windows: string[];
  waitTargetMinutes: number;
}

export const hallCategories: HallCategory[] = centreJson.counter.categories.map((category) => ({
  code: category.code,
  name: category.name,
  prefix: category.prefix,
  windows: category.windows,
  waitTargetMinutes: category.waitTargetMinutes,
}));

export const priorityReasons: { code: string; label: string }[] = Object.entries(
  centreJson.counter.priorityReasons,
).map(([code, label]) => ({ code, label }));

/** `mz-02` → `B区 02 号窗口`: the department's counter range (`B区 01–03 号窗口`) counted from its first number. */
export function hallWindowLabel(window: string): string {
  const match = /^(.+)-(\d{2})$/.exec(window);
  const department = departments.find((entry) => entry.id === match?.[1]);
  const range = /^(.*?)(\d+)\s*[–—~-]\s*\d+/.exec(department?.window ?? '');
  if (!match || !range) return `${window} 窗口`;
  const number = Number(range[2]) + Number(match[2]) - 1;
  return `${range[1]}${String(number).padStart(2, '0')} 号窗口`;
}

/** Every window of the hall with its label, for the display and the desk's transfer list. */
export const hallWindows: { code: string; label: string }[] = [
  ...new Set(hallCategories.flatMap((category) => category.windows)),
].map((code) => ({ code, label: hallWindowLabel(code) }));
