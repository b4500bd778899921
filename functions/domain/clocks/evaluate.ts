/**
 * What a clock says at an instant: the due instant, working days used and left, the warning level,
 * and when that level can next change.
 *
 * Counting rules (domain.md §3):
 * - The start day is not counted; the period ends at close of business of its last working day.
 * - A working day is *used* once its close of business has passed while the clock was running. A
 *   working day whose close of business falls inside a suspension is not counted (Art. 45); so the
 *   day a suspension starts is given back if it started before close of business, and the day it
 *   ends counts if it ended before close of business.
 * - An extension adds its days to the budget from the instant it is granted.
 * - The clock is read "as of" the instant asked about: events recorded later are ignored, so the
 *   level at a past instant is the level the clock showed then.
 * - While suspended, the due instant is unknown (`null`) and the level stays what it was when the
 *   suspension began. Once stopped, everything is frozen at the stop.
 */
import {
  type Calendar,
  closeOfBusinessMs,
  lastSupportedDay,
  provisionalAt,
  SUPPORTED_YEARS,
  workdayAt,
} from '../calendar/calendar.ts';
import { type CivilDate, fromDayNumber } from '../calendar/civil.ts';
import { CalendarError } from '../calendar/errors.ts';
import { dayNumberAt, formatInstant, type Instant, msAtDayNumber, toEpochMs } from '../calendar/instant.ts';
import { type WarningLevel, type WarningSettings, warningLevels } from './settings.ts';
import type { Clock, ClockContext } from './types.ts';

interface View {
  startMs: number;
  startDay: number;
  budget: number;
  /** Sorted, non-overlapping; `endMs` null while running. */
  suspensions: { startMs: number; endMs: number | null }[];
  stopMs: number | null;
}

/** The clock as it stood at `atMs`: later events are left out, a suspension ending later is open. */
function viewAt(clock: Clock, atMs: number): View {
  const startMs = toEpochMs(clock.start);
  const suspensions = clock.suspensions
    .map((s) => ({ startMs: toEpochMs(s.start), endMs: s.end === undefined ? null : toEpochMs(s.end) }))
    .filter((s) => s.startMs <= atMs)
    .map((s) => ({ startMs: s.startMs, endMs: s.endMs !== null && s.endMs <= atMs ? s.endMs : null }));
  const extension =
    clock.extension && toEpochMs(clock.extension.grantedAt) <= atMs ? clock.extension.days : 0;
  const stop = clock.stoppedAt === undefined ? null : toEpochMs(clock.stoppedAt);
  return {
    startMs,
    startDay: dayNumberAt(startMs),
    budget: clock.budget + extension,
    suspensions,
    stopMs: stop !== null && stop <= atMs ? stop : null,
  };
}

interface Walk {
  /** Day number of the due day, or null when an open suspension holds it back. */
  dueDay: number | null;
  /** Counted working days in order (the due day is `counted[budget - 1]`). */
  counted: number[];
  used: number;
  suspendedDays: number;
  /** A day up to the due day needs an unpublished schedule. */
  dueProvisional: boolean;
  /** A day up to `untilMs` needs an unpublished schedule. */
  countProvisional: boolean;
}

/** Walks the working days after the start until the due day is known and `untilMs` is passed. */
function walk(view: View, calendar: Calendar, untilMs: number): Walk {
  const counted: number[] = [];
  let used = 0;
  let suspendedDays = 0;
  let dueProvisional = false;
  let countProvisional = false;
  let blocked = false;
  let day = view.startDay;
  const done = () =>
    (counted.length >= view.budget || blocked) && closeOfBusinessMs(calendar, day) >= untilMs;
  const lastDay = lastSupportedDay(calendar);
  while (!done()) {
    day += 1;
    if (day > lastDay) {
      throw new CalendarError(
        'out-of-range',
        `The clock started ${formatInstant(view.startMs)} runs past ${calendar.lastYear}-12-31, the end of the supported range ${SUPPORTED_YEARS.first}–${SUPPORTED_YEARS.last}.`,
      );
    }
    const close = closeOfBusinessMs(calendar, day);
    const provisional = provisionalAt(calendar, day);
    if (counted.length < view.budget && !blocked) dueProvisional ||= provisional;
    if (close <= untilMs) countProvisional ||= provisional;
    if (!workdayAt(calendar, day)) continue;
    const during = view.suspensions.find((s) => s.startMs <= close && (s.endMs === null || close < s.endMs));
    if (during) {
      if (during.endMs === null) blocked = true;
      if (close <= untilMs) suspendedDays += 1;
      continue;
    }
    if (blocked) continue;
    counted.push(day);
    if (close <= untilMs) used += 1;
  }
  const dueDay = view.budget === 0 ? view.startDay : (counted[view.budget - 1] ?? null);
  return { dueDay, counted, used, suspendedDays, dueProvisional, countProvisional };
}

interface Thresholds {
  remindMs: number;
  yellowMs: number;
  redMs: number;
}

function thresholds(view: View, w: Walk, calendar: Calendar, warnings: WarningSettings): Thresholds | null {
  if (w.dueDay === null) return null;
  const from = (workdaysBefore: number) => {
    const index = view.budget - 1 - workdaysBefore;
    const day = index >= 0 ? w.counted[index] : undefined;
    return day === undefined ? view.startMs : Math.max(view.startMs, msAtDayNumber(day));
  };
  return {
    remindMs: from(warnings.remindWorkdaysBefore),
    yellowMs: from(warnings.yellowWorkdaysBefore),
    redMs: dueMsOf(view, w.dueDay, calendar),
  };
}

/**
 * Close of business of the due day — or, for a 0-day budget (当场办结) started after close of
 * business, the start itself: such a period is over the moment it begins.
 */
function dueMsOf(view: View, dueDay: number, calendar: Calendar): number {
  return Math.max(closeOfBusinessMs(calendar, dueDay), view.budget === 0 ? view.startMs : 0);
}

function levelAt(t: Thresholds | null, atMs: number): WarningLevel {
  if (t === null) return 'normal';
  if (atMs >= t.redMs) return 'red';
  if (atMs >= t.yellowMs) return 'yellow';
  if (atMs >= t.remindMs) return 'remind';
  return 'normal';
}

export interface DueResult {
  dueDate: CivilDate;
  dueAt: Instant;
  provisional: boolean;
}

/**
 * The due day and instant of a clock as of `asOf` (default: with every recorded event), or `null`
 * while a suspension is running.
 */
export function dueOf(clock: Clock, calendar: Calendar, asOf?: Instant | Date): DueResult | null {
  const view = viewAt(clock, asOf === undefined ? Number.POSITIVE_INFINITY : toEpochMs(asOf));
  const w = walk(view, calendar, view.startMs);
  if (w.dueDay === null) return null;
  return {
    dueDate: fromDayNumber(w.dueDay),
    dueAt: formatInstant(dueMsOf(view, w.dueDay, calendar)),
    provisional: w.dueProvisional,
  };
}

export type ClockState = 'running' | 'suspended' | 'stopped';

export interface ClockStatus {
  /** The instant evaluated (the stop instant for a stopped clock). */
  at: Instant;
  state: ClockState;
  /** Budget including a granted extension. */
  budget: number;
  dueDate: CivilDate | null;
  dueAt: Instant | null;
  usedWorkdays: number;
  /** Working days left, 0 once due; counts today until its close of business. */
  leftWorkdays: number;
  /** Whole working days past the due day. */
  overdueWorkdays: number;
  /** Working days not counted because of suspensions, up to `at`. */
  suspendedWorkdays: number;
  /** The due instant has passed (at `at`, or at the stop). */
  overdue: boolean;
  level: WarningLevel;
  /** When remind / yellow / red begin; null while suspended. */
  remindFrom: Instant | null;
  yellowFrom: Instant | null;
  redFrom: Instant | null;
  /**
   * The due instant and the level thresholds depend on a day whose holiday schedule is not
   * published (while suspended: the frozen level does); recompute when it is.
   */
  provisional: boolean;
  /** The day counts (used, left, overdue, suspended) depend on such a day. */
  countsProvisional: boolean;
}

interface Evaluation {
  status: ClockStatus;
  thresholds: Thresholds | null;
}

function evaluateMs(clock: Clock, atMs: number, ctx: ClockContext): Evaluation {
  const { calendar, settings } = ctx;
  const startMs = toEpochMs(clock.start);
  const view = viewAt(clock, Math.max(atMs, startMs));
  const at = view.stopMs ?? Math.max(atMs, startMs);
  const w = walk(view, calendar, at);
  const open = view.suspensions.find((s) => s.endMs === null);
  let level: WarningLevel;
  let t: Thresholds | null = null;
  let provisional = w.dueProvisional;
  if (open) {
    // Frozen at the level the clock had when the suspension began.
    const before: View = { ...view, suspensions: view.suspensions.filter((s) => s !== open) };
    const wb = walk(before, calendar, open.startMs);
    level = levelAt(thresholds(before, wb, calendar, settings.warnings), open.startMs);
    provisional = wb.dueProvisional;
  } else {
    t = thresholds(view, w, calendar, settings.warnings);
    level = levelAt(t, at);
  }
  const redMs = w.dueDay === null ? null : dueMsOf(view, w.dueDay, calendar);
  const status: ClockStatus = {
    at: formatInstant(at),
    state: view.stopMs !== null ? 'stopped' : open ? 'suspended' : 'running',
    budget: view.budget,
    dueDate: w.dueDay === null ? null : fromDayNumber(w.dueDay),
    dueAt: redMs === null ? null : formatInstant(redMs),
    usedWorkdays: w.used,
    leftWorkdays: Math.max(0, view.budget - w.used),
    overdueWorkdays: Math.max(0, w.used - view.budget),
    suspendedWorkdays: w.suspendedDays,
    overdue: level === 'red',
    level,
    remindFrom: t ? formatInstant(t.remindMs) : null,
    yellowFrom: t ? formatInstant(t.yellowMs) : null,
    redFrom: t ? formatInstant(t.redMs) : null,
    provisional,
    countsProvisional: w.countProvisional,
  };
  return { status, thresholds: t };
}

/** The clock's status at `at`. */
export function evaluate(clock: Clock, at: Instant | Date, ctx: ClockContext): ClockStatus {
  return evaluateMs(clock, toEpochMs(at), ctx).status;
}

export function warningLevel(clock: Clock, at: Instant | Date, ctx: ClockContext): WarningLevel {
  return evaluate(clock, at, ctx).level;
}

export interface NextCheck {
  /** The next instant after `now` at which the level changes, if nothing else happens. */
  at: Instant;
  /** The level from then on. */
  level: WarningLevel;
  provisional: boolean;
}

/**
 * When the supervision sweep should look at this clock next: the first instant after `now` at which
 * its warning level changes by the mere passing of time. `null` when none will — the clock is
 * stopped, suspended (resuming it is an event that recomputes this), or already red.
 */
export function nextCheckAt(clock: Clock, now: Instant | Date, ctx: ClockContext): NextCheck | null {
  const nowMs = toEpochMs(now);
  const { status, thresholds: t } = evaluateMs(clock, nowMs, ctx);
  if (status.state !== 'running' || t === null || status.level === 'red') return null;
  const candidates = [t.remindMs, t.yellowMs, t.redMs].filter(
    (ms) => ms > Math.max(nowMs, toEpochMs(clock.start)),
  );
  if (candidates.length === 0) return null;
  const next = Math.min(...candidates);
  return { at: formatInstant(next), level: levelAt(t, next), provisional: status.provisional };
}

/** The most severe of several levels (a case shows the worse of its promised and statutory clocks). */
export function worstLevel(...levels: WarningLevel[]): WarningLevel {
  return levels.reduce<WarningLevel>(
    (worst, level) => (warningLevels.indexOf(level) > warningLevels.indexOf(worst) ? level : worst),
    'normal',
  );
}
