/**
 * Rating figures of a month, per window (domain.md §6, §8). The sources name the figures; these
 * definitions are ours:
 *
 * - visits (办件量): rating invitations, one per case delivered at the window that month;
 * - ratings (评价数): visits rated; rating rate (参评率) = ratings ÷ visits;
 * - satisfaction rate (满意率) = ratings at level ≥ 3 (基本满意 or better) ÷ ratings, both counted
 *   WITHOUT the bad ratings whose appeal was upheld (误评 / 恶意差评: excluded, but still listed as
 *   `excluded`);
 * - bad ratings (差评数): ratings at level 1 or 2, including those later excluded;
 * - call-back rate (回访率) = bad ratings called back ÷ bad ratings;
 * - rectification rate (整改率) = bad ratings whose rectification reached an outcome — fixed at once,
 *   rectified within the deadline, explained, or appeal upheld — ÷ bad ratings;
 * - closed (办结数): rectifications closed after the rater was told;
 * - rectified in time (按时整改): bad ratings whose rectification reached an outcome with none of its
 *   clocks — the call-back and, if one was set, the rectification deadline — overdue when it did
 *   (each clock read at its stop, or at the outcome if it was still running).
 *
 * A rate is null when its denominator is 0 (nothing to divide, not 0 %).
 */
import type { ClockContext } from '../clocks/clock.ts';
import { evaluate } from '../clocks/evaluate.ts';
import { ratingClocks } from './clocks.ts';
import { isBad, type RatingState } from './types.ts';

export interface RatingFigures {
  window: string;
  department: string;
  visits: number;
  ratings: number;
  ratingRate: number | null;
  /** Ratings counted in the satisfaction rate (upheld appeals left out). */
  counted: number;
  satisfied: number;
  satisfactionRate: number | null;
  bad: number;
  excluded: number;
  calledBack: number;
  callbackRate: number | null;
  rectified: number;
  rectificationRate: number | null;
  closed: number;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

const afterCallBack = new Set([
  'calledBack',
  'fixedAtOnce',
  'rectifying',
  'rectified',
  'explained',
  'appealed',
  'appealUpheld',
  'raterTold',
  'closed',
]);

function emptyFigures(window: string, department: string): RatingFigures {
  return {
    window,
    department,
    visits: 0,
    ratings: 0,
    ratingRate: null,
    counted: 0,
    satisfied: 0,
    satisfactionRate: null,
    bad: 0,
    excluded: 0,
    calledBack: 0,
    callbackRate: null,
    rectified: 0,
    rectificationRate: null,
    closed: 0,
  };
}

/** What one visit adds to the figures: each count 0 or 1. */
export interface RatingTally {
  visits: number;
  ratings: number;
  counted: number;
  satisfied: number;
  bad: number;
  excluded: number;
  calledBack: number;
  rectified: number;
  closed: number;
}

export function ratingTally(state: RatingState): RatingTally {
  const tally: RatingTally = {
    visits: 1,
    ratings: 0,
    counted: 0,
    satisfied: 0,
    bad: 0,
    excluded: 0,
    calledBack: 0,
    rectified: 0,
    closed: 0,
  };
  const rating = state.rating;
  if (!rating) return tally;
  tally.ratings = 1;
  if (state.excluded) tally.excluded = 1;
  else {
    tally.counted = 1;
    if (rating.overall >= 3) tally.satisfied = 1;
  }
  if (!isBad(rating.overall)) return tally;
  tally.bad = 1;
  const rectification = state.rectification;
  if (!rectification) return tally;
  if (rectification.callBack || afterCallBack.has(rectification.status)) tally.calledBack = 1;
  if (rectification.outcome) tally.rectified = 1;
  if (rectification.status === 'closed') tally.closed = 1;
  return tally;
}

/** A bad rating rectified in time: an outcome reached, and no rectification clock overdue by then. */
export function rectifiedInTime(state: RatingState, ctx: ClockContext): boolean {
  const outcome = state.rectification?.outcome;
  if (!outcome || !state.rating || !isBad(state.rating.overall)) return false;
  return ratingClocks(state).every(([, clock]) => !evaluate(clock, outcome.at, ctx).overdue);
}

function add(figures: RatingFigures, state: RatingState): void {
  const tally = ratingTally(state);
  for (const key of Object.keys(tally) as (keyof RatingTally)[]) figures[key] += tally[key];
}

function withRates(figures: RatingFigures): RatingFigures {
  return {
    ...figures,
    ratingRate: rate(figures.ratings, figures.visits),
    satisfactionRate: rate(figures.satisfied, figures.counted),
    callbackRate: rate(figures.calledBack, figures.bad),
    rectificationRate: rate(figures.rectified, figures.bad),
  };
}

/** Figures per window (sorted by window code) and for all of them together (`window: '*'`). */
export function ratingFigures(states: readonly RatingState[]): {
  windows: RatingFigures[];
  total: RatingFigures;
} {
  const byWindow = new Map<string, RatingFigures>();
  const total = emptyFigures('*', '*');
  for (const state of states) {
    let figures = byWindow.get(state.window);
    if (!figures) {
      figures = emptyFigures(state.window, state.department);
      byWindow.set(state.window, figures);
    }
    add(figures, state);
    add(total, state);
  }
  const windows = [...byWindow.values()].sort((a, b) => a.window.localeCompare(b.window)).map(withRates);
  return { windows, total: withRates(total) };
}

/** The month (Beijing time, `YYYY-MM`) a visit belongs to: that of its delivery. */
export function monthOf(state: Pick<RatingState, 'deliveredAt'>): string {
  return state.deliveredAt.slice(0, 7);
}
