/**
 * The figures of a scope and period (domain.md §6, §12): cases, supervision cards, complaints and
 * ratings. Every figure is defined once, in definitions.ts. Two ways lead here: `caseFigures`
 * counts straight from the sources (the brute force the tests and the recount check against), and
 * the kept sums (contributions.ts, store/figures) are turned into figures by `figuresFromCounts`.
 * A rate carries its numerator and denominator and is null when the denominator is 0 (shown "—").
 */
import { civilDateAt } from '../calendar/instant.ts';
import type { CaseStatus } from '../cases/states.ts';
import type { CaseState } from '../cases/types.ts';
import type { ClockContext } from '../clocks/clock.ts';
import type { ComplaintState } from '../complaints/types.ts';
import { complaintReceivedOn, isValidComplaint } from '../complaints/validity.ts';
import { ratingFigures, rectifiedInTime } from '../ratings/figures.ts';
import type { RatingState } from '../ratings/types.ts';
import type { CardRecord } from '../supervision/index.ts';
import { caseCountKeys, type FigureCounts, zeroCounts } from './counts.ts';
import {
  type CaseFacts,
  caseFacts,
  figureOwner,
  type OverdueCase,
  overdueInPeriod,
  overdueSubjectOf,
} from './facts.ts';
import { inPeriod, type Period, periodBounds } from './periods.ts';
import {
  type CaseOwner,
  cardOwner,
  caseInScope,
  caseTouchesScope,
  complaintOwner,
  formatScope,
  handlingOwner,
  type ReadableScope,
  ratingOwner,
} from './scopes.ts';
import type { FigureSettings } from './settings.ts';

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null when the denominator is 0. */
  value: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/** 实际提速 = 1 − working days used ÷ statutory working days, over the same decisions. */
export function speedUp(used: number, statutory: number): Rate {
  return { numerator: used, denominator: statutory, value: statutory === 0 ? null : 1 - used / statutory };
}

export interface CaseCounts {
  received: number;
  accepted: number;
  notAccepted: number;
  /** Cases given a correction notice (一次性告知). */
  correctionNotices: number;
  instantSettlements: number;
  decided: number;
  approved: number;
  refused: number;
  delivered: number;
  withdrawn: number;
}

export interface CaseFigures {
  scope: string;
  period: Period;
  counts: CaseCounts;
  rates: {
    correctionNotice: Rate;
    onTime: Rate;
    early: Rate;
    onTheSpot: Rate;
    instantShare: Rate;
  };
  workdays: {
    /** Decisions with a decision clock (instant settlements have none). */
    decisions: number;
    meanUsed: number | null;
    meanPromised: number | null;
    meanStatutory: number | null;
    speedUp: Rate;
  };
  /** Supervision cards (督办单) issued in the period, by colour. */
  cards: { yellow: number; red: number };
  /** Complaints received in the period, and those of them triaged valid. */
  complaints: { received: number; valid: number };
  /** Ratings of the visits (deliveries) of the period, as the ratings area counts them. */
  ratings: {
    count: number;
    /** 满意率: ratings at 基本满意 or better ÷ ratings, upheld appeals left out of both. */
    satisfaction: Rate;
    bad: number;
    /** 差评按时整改率: bad ratings rectified in time ÷ bad ratings. */
    rectifiedInTime: Rate;
  };
  overdue: { count: number; cases: OverdueCase[] };
}

/** The figures of summed counts, with the period's overdue cases (listed, not counted). */
export function figuresFromCounts(
  scope: string,
  period: Period,
  counts: FigureCounts,
  overdue: readonly OverdueCase[],
): CaseFigures {
  const mean = (total: number) => (counts.timedDecisions === 0 ? null : total / counts.timedDecisions);
  return {
    scope,
    period,
    counts: {
      received: counts.received,
      accepted: counts.accepted,
      notAccepted: counts.notAccepted,
      correctionNotices: counts.correctionNotices,
      instantSettlements: counts.instantSettlements,
      decided: counts.decided,
      approved: counts.approved,
      refused: counts.refused,
      delivered: counts.delivered,
      withdrawn: counts.withdrawn,
    },
    rates: {
      correctionNotice: rate(counts.correctionNotices, counts.received),
      onTime: rate(counts.onTime, counts.decided),
      early: rate(counts.early, counts.decided),
      onTheSpot: rate(counts.onTheSpot, counts.accepted),
      instantShare: rate(counts.instantDecided, counts.decided),
    },
    workdays: {
      decisions: counts.timedDecisions,
      meanUsed: mean(counts.workdaysUsed),
      meanPromised: mean(counts.workdaysPromised),
      meanStatutory: mean(counts.workdaysStatutory),
      speedUp: speedUp(counts.workdaysUsed, counts.workdaysStatutory),
    },
    cards: { yellow: counts.yellowCards, red: counts.redCards },
    complaints: { received: counts.complaintsReceived, valid: counts.complaintsValid },
    ratings: {
      count: counts.ratings,
      satisfaction: rate(counts.ratingsSatisfied, counts.ratingsCounted),
      bad: counts.badRatings,
      rectifiedInTime: rate(counts.badRatingsRectifiedInTime, counts.badRatings),
    },
    overdue: { count: overdue.length, cases: [...overdue] },
  };
}

/** The overdue cases in the order they are listed: earliest statutory due first. */
export function sortOverdue(cases: OverdueCase[]): OverdueCase[] {
  return cases.sort(
    (a, b) =>
      (a.statutoryDueAt ?? '').localeCompare(b.statutoryDueAt ?? '') || a.caseNo.localeCompare(b.caseNo),
  );
}

const counted = (settingBy: string, onDay: string | undefined, receivedOn: string, period: Period) =>
  settingBy === 'received' ? inPeriod(period, receivedOn) && onDay !== undefined : inPeriod(period, onDay);

/** The counts, in the order the page and the report give them (counts.ts: the kept counts' first). */
export { caseCountKeys };

/** The counts, and the rate numerators, that a number on the page can open as a list of cases. */
export const caseListFigures = [...caseCountKeys, 'onTime', 'early', 'onTheSpot'] as const;
export type CaseListFigure = (typeof caseListFigures)[number];

/**
 * Whether a case counts in a figure of the period (when; for whom is `figureOwner`): the one test
 * both the counts and the lists of cases behind them use, so a list always holds what its number
 * counts.
 */
export function countsIn(
  figure: CaseListFigure,
  facts: CaseFacts,
  period: Period,
  settings: FigureSettings,
): boolean {
  const intake = (day: string | undefined) => counted(settings.intakeBy, day, facts.receivedOn, period);
  const completion = (day: string | undefined) =>
    counted(settings.completionBy, day, facts.receivedOn, period);
  switch (figure) {
    case 'received':
      return inPeriod(period, facts.receivedOn);
    case 'accepted':
      return intake(facts.acceptedOn);
    case 'notAccepted':
      return intake(facts.notAcceptedOn);
    case 'correctionNotices':
      return intake(facts.correctionNoticeOn);
    case 'instantSettlements':
      return intake(facts.instantSettledOn);
    case 'decided':
      return completion(facts.decidedOn);
    case 'approved':
      return completion(facts.decidedOn) && facts.outcome === 'approved';
    case 'refused':
      return completion(facts.decidedOn) && facts.outcome === 'refused';
    case 'delivered':
      return completion(facts.deliveredOn);
    case 'withdrawn':
      return completion(facts.withdrawnOn);
    case 'onTime':
      return completion(facts.decidedOn) && facts.onTime === true;
    case 'early':
      return completion(facts.decidedOn) && facts.early === true;
    case 'onTheSpot':
      return intake(facts.acceptedOn) && facts.onTheSpot === true;
  }
}

/** Whether a case counts in a figure of the scope and period: for whom it counts (figureOwner), and when. */
function countsInScope(
  figure: CaseListFigure,
  facts: CaseFacts,
  scope: ReadableScope,
  period: Period,
  settings: FigureSettings,
): boolean {
  return caseInScope(figureOwner(figure, facts), scope) && countsIn(figure, facts, period, settings);
}

/** The case counts of the scope and period: each through `countsInScope`, as the lists behind them. */
function countFacts(
  all: readonly CaseFacts[],
  scope: ReadableScope,
  period: Period,
  settings: FigureSettings,
  into: FigureCounts,
) {
  const members = (figure: CaseListFigure) =>
    all.filter((facts) => countsInScope(figure, facts, scope, period, settings));
  const decided = members('decided');
  const timed = decided.flatMap((facts) => (facts.workdays ? [facts.workdays] : []));
  const sum = (pick: (w: NonNullable<CaseFacts['workdays']>) => number) =>
    timed.reduce((total, workdays) => total + pick(workdays), 0);
  Object.assign(into, {
    ...Object.fromEntries(caseCountKeys.map((key) => [key, members(key).length])),
    onTime: members('onTime').length,
    early: members('early').length,
    onTheSpot: members('onTheSpot').length,
    instantDecided: decided.filter((facts) => facts.instantSettledOn).length,
    timedDecisions: timed.length,
    workdaysUsed: sum((w) => w.used),
    workdaysPromised: sum((w) => w.promised),
    workdaysStatutory: sum((w) => w.statutory),
  } satisfies Partial<FigureCounts>);
}

export interface FiguresInput {
  /** Every case that may belong to the period (more is harmless: each figure checks its dates). */
  states: readonly CaseState[];
  /** Cards, complaints and ratings that may belong to the period (likewise). */
  cards?: readonly CardRecord[];
  complaints?: readonly ComplaintState[];
  ratings?: readonly RatingState[];
  scope: ReadableScope;
  period: Period;
  /** Now: figures of a period still running are read up to this instant. */
  now: Date;
  clocks: ClockContext;
  settings: FigureSettings;
}

/** The figures of one scope and period, counted straight from the sources. */
export function caseFigures(input: FiguresInput): CaseFigures {
  const { scope, period, clocks, settings } = input;
  const mine = <T>(items: readonly T[] | undefined, owner: (item: T) => CaseOwner) =>
    (items ?? []).filter((item) => caseInScope(owner(item), scope));
  const counts = zeroCounts();
  countFacts(
    input.states
      .filter((state) => caseTouchesScope(state, scope))
      .map((state) => caseFacts(state, clocks, settings)),
    scope,
    period,
    settings,
    counts,
  );
  const on = (at: string) => inPeriod(period, civilDateAt(at));
  const cards = mine(input.cards, cardOwner).filter((card) => on(card.issuedAt));
  counts.yellowCards = cards.filter((card) => card.level === 'yellow').length;
  counts.redCards = cards.filter((card) => card.level === 'red').length;
  const complaints = mine(input.complaints, complaintOwner).filter((complaint) =>
    inPeriod(period, complaintReceivedOn(complaint)),
  );
  counts.complaintsReceived = complaints.length;
  counts.complaintsValid = complaints.filter(isValidComplaint).length;
  const ratings = mine(input.ratings, ratingOwner).filter((rating) => on(rating.deliveredAt));
  const { total } = ratingFigures(ratings);
  counts.ratings = total.ratings;
  counts.ratingsCounted = total.counted;
  counts.ratingsSatisfied = total.satisfied;
  counts.badRatings = total.bad;
  counts.badRatingsRectifiedInTime = ratings.filter((rating) => rectifiedInTime(rating, clocks)).length;
  const bounds = periodBounds(period);
  const overdue = mine(input.states, handlingOwner).flatMap((state) => {
    const subject = overdueSubjectOf(state);
    const found = subject && overdueInPeriod(subject, bounds, input.now.getTime(), clocks);
    return found ? [found] : [];
  });
  return figuresFromCounts(formatScope(scope.scope), period, counts, sortOverdue(overdue));
}

/** One case behind a number: what the list on the page shows (no personal data). */
export interface FigureCase {
  caseNo: string;
  item: { code: string; name: string };
  /** Whom the number counts it for: who took it in (received, correction notices) or who handles it. */
  owner: CaseOwner;
  status: CaseStatus;
  receivedOn: string;
  acceptedOn?: string;
  decidedOn?: string;
  outcome?: CaseFacts['outcome'];
  onTime?: boolean;
}

/** The cases among `input.states` that count in `figure` for the scope and period, in the given order. */
export function casesBehind(input: Omit<FiguresInput, 'now'> & { figure: CaseListFigure }): FigureCase[] {
  const { scope, period, clocks, settings, figure } = input;
  return input.states.flatMap((state) => {
    if (!caseTouchesScope(state, scope)) return [];
    const facts = caseFacts(state, clocks, settings);
    if (!countsInScope(figure, facts, scope, period, settings)) return [];
    const { caseNo, item, status, receivedOn, acceptedOn, decidedOn, outcome, onTime } = facts;
    return [
      {
        caseNo,
        item: { code: item.code, name: item.name },
        owner: figureOwner(figure, facts),
        status,
        receivedOn,
        ...(acceptedOn ? { acceptedOn } : {}),
        ...(decidedOn ? { decidedOn } : {}),
        ...(outcome ? { outcome } : {}),
        ...(onTime === undefined ? {} : { onTime }),
      },
    ];
  });
}
