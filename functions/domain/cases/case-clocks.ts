/**
 * What a case's clocks say together: which run, the deadline a work queue sorts by, the worst
 * warning level, and when the supervision sweep should look next. An adapter over the clock
 * engine (functions/domain/clocks), which times one clock at a time.
 */
import { formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import type { Clock, ClockContext } from '../clocks/clock.ts';
import { type ClockStatus, dueOf, evaluate, nextCheckAt, worstLevel } from '../clocks/evaluate.ts';
import type { WarningLevel } from '../clocks/settings.ts';
import type { CaseClocks, CaseState, ClockName } from './types.ts';

export const clockNames: readonly ClockName[] = [
  'correctionNotice',
  'promised',
  'statutory',
  'step',
  'delivery',
  'owedMaterials',
  'verification',
];

/** Sorts after every real instant: a running clock whose level will not change by itself. */
export const neverInstant: Instant = '9999-12-31T23:59:59+08:00';

export function namedClocks(clocks: CaseClocks): [ClockName, Clock][] {
  return clockNames.flatMap((name) => {
    const clock = clocks[name];
    return clock ? [[name, clock] as [ClockName, Clock]] : [];
  });
}

/** Clocks not stopped (running or suspended). */
export function runningClocks(clocks: CaseClocks): [ClockName, Clock][] {
  return namedClocks(clocks).filter(([, clock]) => clock.stoppedAt === undefined);
}

export function hasRunningClock(state: Pick<CaseState, 'clocks'>): boolean {
  return runningClocks(state.clocks).length > 0;
}

/**
 * The deadline a work queue sorts by: the earliest due instant of the running case clocks (the
 * internal step's own limit is left out — it warns, but is not the case's deadline). Null when no
 * clock runs or every running one is suspended.
 */
export function caseDueAt(state: Pick<CaseState, 'clocks'>, ctx: ClockContext): Instant | null {
  let earliest: number | null = null;
  for (const [name, clock] of runningClocks(state.clocks)) {
    if (name === 'step') continue;
    const due = dueOf(clock, ctx.calendar);
    if (due && (earliest === null || toEpochMs(due.dueAt) < earliest)) earliest = toEpochMs(due.dueAt);
  }
  return earliest === null ? null : formatInstant(earliest);
}

/** The worst level of the running clocks at `now` (a suspended clock keeps its frozen level). */
export function caseWarningLevel(
  state: Pick<CaseState, 'clocks'>,
  now: Instant | Date,
  ctx: ClockContext,
): WarningLevel {
  return worstLevel(...runningClocks(state.clocks).map(([, clock]) => evaluate(clock, now, ctx).level));
}

/**
 * When the sweep should next look at the case: the earliest instant a running clock changes
 * level. A case whose running clocks will not change by themselves (all suspended or already red)
 * gets {@link neverInstant}, so it stays in the running-clocks index (a calendar amendment must
 * find it) without ever being due. Null when no clock runs: the case leaves the index.
 */
export function caseNextCheckAt(
  state: Pick<CaseState, 'clocks'>,
  now: Instant | Date,
  ctx: ClockContext,
): Instant | null {
  const running = runningClocks(state.clocks);
  if (running.length === 0) return null;
  let next: number | null = null;
  for (const [, clock] of running) {
    const check = nextCheckAt(clock, now, ctx);
    if (check && (next === null || toEpochMs(check.at) < next)) next = toEpochMs(check.at);
  }
  return next === null ? neverInstant : formatInstant(next);
}

export interface CaseClockView {
  name: ClockName;
  label: string;
  status: ClockStatus;
}

/** Every clock of the case evaluated at `now`, for the staff view. */
export function caseClockViews(
  state: Pick<CaseState, 'clocks'>,
  now: Instant | Date,
  ctx: ClockContext,
): CaseClockView[] {
  return namedClocks(state.clocks).map(([name, clock]) => ({
    name,
    label: clock.label ?? name,
    status: evaluate(clock, now, ctx),
  }));
}
