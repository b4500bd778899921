/**
 * The window codes of a department. The catalogue describes a department's counters for people
 * (`B区 01–03 号窗口`); staff tokens carry codes (`mz-01`). A department with counters `01–03` has
 * the windows `mz-01`…`mz-03`: the code numbers the department's counters from 1, whatever their
 * numbers in the hall.
 */
export function windowCodesOf(department: { id: string; window?: string }): string[] {
  const range = /(\d+)\s*[–—~-]\s*(\d+)/.exec(department.window ?? '');
  const count = range ? Math.max(1, Number(range[2]) - Number(range[1]) + 1) : 1;
  return Array.from(
    { length: Math.min(count, 99) },
    (_, i) => `${department.id}-${String(i + 1).padStart(2, '0')}`,
  );
}

/** `mz-02` → `mz`: the department whose counter a window code numbers. */
export function departmentOfWindow(window: string): string {
  return window.replace(/-\d{2}$/, '');
}
