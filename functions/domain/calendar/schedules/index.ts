/**
 * The published holiday schedules bundled with Yichuang, one JSON file per year. To add a year:
 * put `<year>.json` next to these (same shape; see ../schedule.ts) and add it to the list below.
 * To amend a published year, append to that file's `amendments` — no code change.
 * A unit test fails when a JSON file here is not listed.
 */
import schedule2025 from './2025.json' with { type: 'json' };
import schedule2026 from './2026.json' with { type: 'json' };

export const publishedScheduleFiles: readonly unknown[] = [schedule2025, schedule2026];
