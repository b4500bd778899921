/**
 * What a rating's clocks say: which run (the call-back, the rectification deadline), the deadline
 * the rectification queue sorts by, and the rating as a supervision subject — so the sweep
 * escalates an overdue call-back or rectification like any case clock.
 */
import { formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import type { Clock, ClockContext } from '../clocks/clock.ts';
import { type ClockStatus, dueOf, evaluate } from '../clocks/evaluate.ts';
import type { Subject } from '../supervision/index.ts';
import type { RatingState, RectificationClockName } from './types.ts';

const clockNames: readonly RectificationClockName[] = ['callback', 'rectify'];

export function ratingClocks(state: Pick<RatingState, 'rectification'>): [RectificationClockName, Clock][] {
  const clocks = state.rectification?.clocks ?? {};
  return clockNames.flatMap((name) => {
    const clock = clocks[name];
    return clock ? [[name, clock] as [RectificationClockName, Clock]] : [];
  });
}

/** Clocks not stopped. */
export function runningRatingClocks(
  state: Pick<RatingState, 'rectification'>,
): [RectificationClockName, Clock][] {
  return ratingClocks(state).filter(([, clock]) => clock.stoppedAt === undefined);
}

/** The earliest due instant of the running clocks; null when none runs. */
export function rectificationDueAt(
  state: Pick<RatingState, 'rectification'>,
  ctx: ClockContext,
): Instant | null {
  let earliest: number | null = null;
  for (const [, clock] of runningRatingClocks(state)) {
    const due = dueOf(clock, ctx.calendar);
    if (due && (earliest === null || toEpochMs(due.dueAt) < earliest)) earliest = toEpochMs(due.dueAt);
  }
  return earliest === null ? null : formatInstant(earliest);
}

export interface RatingClockView {
  name: RectificationClockName;
  label: string;
  status: ClockStatus;
}

export function ratingClockViews(
  state: Pick<RatingState, 'rectification'>,
  now: Instant | Date,
  ctx: ClockContext,
): RatingClockView[] {
  return ratingClocks(state).map(([name, clock]) => ({
    name,
    label: clock.label ?? name,
    status: evaluate(clock, now, ctx),
  }));
}

/**
 * A rating as a supervision subject: its rectification's running clocks, assigned to whoever
 * handled the case; the escalation reaches them and their chief (red: also the leader and the
 * supervision office).
 */
export function ratingSubject(state: RatingState): Subject {
  return {
    kind: 'rating',
    id: state.caseNo,
    title: `差评整改：${state.item.name}`,
    department: state.department,
    window: state.window,
    handler: state.rectification?.assignee ?? state.handler,
    caseNo: state.caseNo,
    clocks: runningRatingClocks(state),
  };
}
