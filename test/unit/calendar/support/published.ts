/** The bundled schedule files by year, to build calendars that differ from the default in one year. */
import { publishedScheduleFiles } from '../../../../functions/domain/calendar/schedules/index.ts';

interface RawSchedule {
  year: number;
  amendments?: unknown[];
  [key: string]: unknown;
}

const files = publishedScheduleFiles as readonly RawSchedule[];

/** The bundled file of `year` as read from JSON. */
export function publishedFile(year: number): RawSchedule {
  const file = files.find((candidate) => candidate.year === year);
  if (!file) throw new Error(`No bundled schedule for ${year}.`);
  return file;
}

/** Every bundled file but the one of `year`. */
export function publishedFilesExcept(year: number): RawSchedule[] {
  return files.filter((file) => file.year !== year);
}

/** The bundled files with `year` as its original notice gave it, before any amendment. */
export function publishedFilesBeforeAmendments(year: number): RawSchedule[] {
  const { amendments: _, ...original } = publishedFile(year);
  return [...publishedFilesExcept(year), original];
}
