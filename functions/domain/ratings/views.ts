/**
 * What staff and the rater see of a rating. The rater sees the item, the window, the day of the
 * visit, their own rating and — once told — what was done; never a staff member's name or the
 * history. Staff see the whole record with the clocks evaluated now and the steps open to them.
 */
import type { Instant } from '../calendar/instant.ts';
import type { ClockContext } from '../clocks/clock.ts';
import { evaluate, worstLevel } from '../clocks/evaluate.ts';
import { ratingClockViews, rectificationDueAt, runningRatingClocks } from './clocks.ts';
import { availableSteps, type RectificationStepType } from './steps.ts';
import { isBad, type RatingState, ratingLevelLabels, rectificationStatusLabels } from './types.ts';

export function staffRatingView(state: RatingState, now: Instant | Date, ctx: ClockContext) {
  const rectification = state.rectification;
  return {
    ...state,
    rated: state.rating !== undefined,
    bad: state.rating ? isBad(state.rating.overall) : false,
    levelLabel: state.rating ? ratingLevelLabels[state.rating.overall] : null,
    statusLabel: rectification ? rectificationStatusLabels[rectification.status] : null,
    clocks: ratingClockViews(state, now, ctx),
    availableSteps: rectification ? availableSteps(rectification.status) : ([] as RectificationStepType[]),
  };
}

export type StaffRatingView = ReturnType<typeof staffRatingView>;

export interface PublicRatingView {
  caseNo: string;
  itemName: string;
  window: string;
  /** The day of the visit (Beijing date). */
  deliveredOn: string;
  rated: boolean;
  rating?: {
    overall: number;
    overallLabel: string;
    efficiency?: number;
    serviceLevel?: number;
    attitude?: number;
    comment?: string;
    at: Instant;
  };
  /** What the rater was told about their bad rating, once they were. */
  outcome?: { how: string; what: string; at: Instant; closed: boolean };
  /** The complaint the bad rating was filed as, at the rater's request (followed with its own query code). */
  complaint?: { complaintNo: string };
}

export function publicRatingView(state: RatingState): PublicRatingView {
  const rating = state.rating;
  const told = state.rectification?.raterTold;
  return {
    caseNo: state.caseNo,
    itemName: state.item.name,
    window: state.window,
    deliveredOn: state.deliveredAt.slice(0, 10),
    rated: rating !== undefined,
    ...(rating
      ? {
          rating: {
            overall: rating.overall,
            overallLabel: ratingLevelLabels[rating.overall],
            ...(rating.efficiency === undefined ? {} : { efficiency: rating.efficiency }),
            ...(rating.serviceLevel === undefined ? {} : { serviceLevel: rating.serviceLevel }),
            ...(rating.attitude === undefined ? {} : { attitude: rating.attitude }),
            ...(rating.comment === undefined ? {} : { comment: rating.comment }),
            at: rating.at,
          },
        }
      : {}),
    ...(told
      ? {
          outcome: {
            how: told.how,
            what: told.what,
            at: told.at,
            closed: state.rectification?.status === 'closed',
          },
        }
      : {}),
    ...(state.complaint ? { complaint: { complaintNo: state.complaint.complaintNo } } : {}),
  };
}

/** One line of the rectification queue, its deadline and warning level computed now. */
export function rectificationQueueEntry(state: RatingState, now: Instant | Date, ctx: ClockContext) {
  const rectification = state.rectification;
  if (!rectification) throw new Error(`Rating ${state.caseNo} has no rectification.`);
  return {
    caseNo: state.caseNo,
    version: state.version,
    itemName: state.item.name,
    window: state.window,
    assignee: rectification.assignee,
    status: rectification.status,
    statusLabel: rectificationStatusLabels[rectification.status],
    overall: state.rating?.overall ?? 0,
    dueAt: rectificationDueAt(state, ctx),
    complaintNo: state.complaint?.complaintNo ?? null,
    warningLevel: worstLevel(
      ...runningRatingClocks(state).map(([, clock]) => evaluate(clock, now, ctx).level),
    ),
  };
}
