/** The working-day calendar: civil dates, instants, schedules, statutory holidays, counting. */
export {
  addWorkdays,
  type Calendar,
  type CalendarOptions,
  calendarChanges,
  closeOfBusinessAt,
  createCalendar,
  type DayChange,
  type DayInfo,
  type DayKind,
  type DeadlineResult,
  dayInfo,
  defaultCalendar,
  isPublishedYear,
  isWorkday,
  nextWorkday,
  SUPPORTED_YEARS,
  type WorkdaysBetweenResult,
  workdaysBetween,
} from './calendar.ts';
export { addDays, type CivilDate, isCivilDate, parseCivilDate, weekday, weekdayNames } from './civil.ts';
export { CalendarError, type CalendarErrorCode } from './errors.ts';
export {
  CENTRE_OFFSET_MINUTES,
  CENTRE_TIME_ZONE,
  civilDateAt,
  formatInstant,
  type Instant,
  normalizeInstant,
  toEpochMs,
} from './instant.ts';
export { lunarNewYear, lunarToCivil } from './lunar.ts';
export {
  type Amendment,
  type AmendmentChange,
  type HolidayArrangement,
  type Notice,
  parseSchedule,
  type Schedule,
} from './schedule.ts';
export { publishedScheduleFiles } from './schedules/index.ts';
export {
  type CalendarSettings,
  defaultCalendarSettings,
  type LocalDay,
  type LocalDayKind,
  parseCalendarSettings,
} from './settings.ts';
export { qingming } from './solar-terms.ts';
export { holidayLaw, type StatutoryHoliday, statutoryHolidays } from './statutory.ts';
