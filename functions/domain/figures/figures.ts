/**
 * The case figures of a scope and period (domain.md §6, §12), from the cases themselves. Every
 * figure is defined once, in definitions.ts; this module counts by those definitions. A rate
 * carries its numerator and denominator and is null when the denominator is 0 (shown as "—").
 */
import type { CaseStatus } from '../cases/states.ts';
import type { CaseState } from '../cases/types.ts';
import type { ClockContext } from '../clocks/clock.ts';
import { type CaseFacts, caseFacts, type OverdueCase, overdueInPeriod } from './facts.ts';
import { inPeriod, type Period, periodBounds } from './periods.ts';
import { type CaseOwner, caseInScope, formatScope, type ReadableScope } from './scopes.ts';
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
  overdue: { count: number; cases: OverdueCase[] };
}

const counted = (settingBy: string, onDay: string | undefined, receivedOn: string, period: Period) =>
  settingBy === 'received' ? inPeriod(period, receivedOn) && onDay !== undefined : inPeriod(period, onDay);

/** The counts, in the order the page and the report give them. */
export const caseCountKeys = [
  'received',
  'accepted',
  'notAccepted',
  'correctionNotices',
  'instantSettlements',
  'decided',
  'approved',
  'refused',
  'delivered',
  'withdrawn',
] as const satisfies readonly (keyof CaseCounts)[];

/** The counts, and the rate numerators, that a number on the page can open as a list of cases. */
export const caseListFigures = [...caseCountKeys, 'onTime', 'early', 'onTheSpot'] as const;
export type CaseListFigure = (typeof caseListFigures)[number];

/**
 * Whether a case counts in a figure of the period: the one test both the counts and the lists of
 * cases behind them use, so a list always holds what its number counts.
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

function countFacts(all: readonly CaseFacts[], period: Period, settings: FigureSettings) {
  const members = (figure: CaseListFigure) =>
    all.filter((facts) => countsIn(figure, facts, period, settings));
  const count = (figure: CaseListFigure) => members(figure).length;
  const decided = members('decided');
  const timed = decided.flatMap((facts) => (facts.workdays ? [facts.workdays] : []));
  const sum = (pick: (w: NonNullable<CaseFacts['workdays']>) => number) =>
    timed.reduce((total, workdays) => total + pick(workdays), 0);
  const mean = (total: number) => (timed.length === 0 ? null : total / timed.length);
  const counts: CaseCounts = {
    received: count('received'),
    accepted: count('accepted'),
    notAccepted: count('notAccepted'),
    correctionNotices: count('correctionNotices'),
    instantSettlements: count('instantSettlements'),
    decided: decided.length,
    approved: count('approved'),
    refused: count('refused'),
    delivered: count('delivered'),
    withdrawn: count('withdrawn'),
  };
  const used = sum((w) => w.used);
  const statutory = sum((w) => w.statutory);
  return {
    counts,
    rates: {
      correctionNotice: rate(counts.correctionNotices, counts.received),
      onTime: rate(count('onTime'), counts.decided),
      early: rate(count('early'), counts.decided),
      onTheSpot: rate(count('onTheSpot'), counts.accepted),
      instantShare: rate(decided.filter((facts) => facts.instantSettledOn).length, counts.decided),
    },
    workdays: {
      decisions: timed.length,
      meanUsed: mean(used),
      meanPromised: mean(sum((w) => w.promised)),
      meanStatutory: mean(statutory),
      speedUp: speedUp(used, statutory),
    },
  };
}

export interface FiguresInput {
  /** Every case that may belong to the period (more is harmless: each figure checks its dates). */
  states: readonly CaseState[];
  scope: ReadableScope;
  period: Period;
  /** Now: figures of a period still running are read up to this instant. */
  now: Date;
  clocks: ClockContext;
  settings: FigureSettings;
}

/** The case figures of one scope and period. */
export function caseFigures(input: FiguresInput): CaseFigures {
  const { scope, period, clocks, settings } = input;
  const states = input.states.filter((state) =>
    caseInScope({ department: state.department, window: state.window, handler: state.handler }, scope),
  );
  const facts = states.map((state) => caseFacts(state, clocks, settings));
  const bounds = periodBounds(period);
  const overdue = states
    .flatMap((state) => {
      const found = overdueInPeriod(state, bounds, input.now.getTime(), clocks);
      return found ? [found] : [];
    })
    .sort(
      (a, b) =>
        (a.statutoryDueAt ?? '').localeCompare(b.statutoryDueAt ?? '') || a.caseNo.localeCompare(b.caseNo),
    );
  return {
    scope: formatScope(scope.scope),
    period,
    ...countFacts(facts, period, settings),
    overdue: { count: overdue.length, cases: overdue },
  };
}

/** One case behind a number: what the list on the page shows (no personal data). */
export interface FigureCase {
  caseNo: string;
  item: { code: string; name: string };
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
    if (!caseInScope({ department: state.department, window: state.window, handler: state.handler }, scope)) {
      return [];
    }
    const facts = caseFacts(state, clocks, settings);
    if (!countsIn(figure, facts, period, settings)) return [];
    const { caseNo, item, owner, status, receivedOn, acceptedOn, decidedOn, outcome, onTime } = facts;
    return [
      {
        caseNo,
        item: { code: item.code, name: item.name },
        owner,
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
