/**
 * The case figures of a scope and period (domain.md §6, §12), from the cases themselves. Every
 * figure is defined once, in definitions.ts; this module counts by those definitions. A rate
 * carries its numerator and denominator and is null when the denominator is 0 (shown as "—").
 */
import type { CaseState } from '../cases/types.ts';
import type { ClockContext } from '../clocks/clock.ts';
import { type CaseFacts, caseFacts, type OverdueCase, overdueInPeriod } from './facts.ts';
import { inPeriod, type Period, periodBounds } from './periods.ts';
import { caseInScope, formatScope, type ReadableScope } from './scopes.ts';
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

function countFacts(all: readonly CaseFacts[], period: Period, settings: FigureSettings) {
  const intake = (day: (facts: CaseFacts) => string | undefined) =>
    all.filter((facts) => counted(settings.intakeBy, day(facts), facts.receivedOn, period));
  const completion = (day: (facts: CaseFacts) => string | undefined) =>
    all.filter((facts) => counted(settings.completionBy, day(facts), facts.receivedOn, period));
  const received = all.filter((facts) => inPeriod(period, facts.receivedOn));
  const accepted = intake((facts) => facts.acceptedOn);
  const decided = completion((facts) => facts.decidedOn);
  const instant = intake((facts) => facts.instantSettledOn);
  const timed = decided.flatMap((facts) => (facts.workdays ? [facts.workdays] : []));
  const sum = (pick: (w: NonNullable<CaseFacts['workdays']>) => number) =>
    timed.reduce((total, workdays) => total + pick(workdays), 0);
  const mean = (total: number) => (timed.length === 0 ? null : total / timed.length);
  const counts: CaseCounts = {
    received: received.length,
    accepted: accepted.length,
    notAccepted: intake((facts) => facts.notAcceptedOn).length,
    correctionNotices: intake((facts) => facts.correctionNoticeOn).length,
    instantSettlements: instant.length,
    decided: decided.length,
    approved: decided.filter((facts) => facts.outcome === 'approved').length,
    refused: decided.filter((facts) => facts.outcome === 'refused').length,
    delivered: completion((facts) => facts.deliveredOn).length,
    withdrawn: completion((facts) => facts.withdrawnOn).length,
  };
  const used = sum((w) => w.used);
  const statutory = sum((w) => w.statutory);
  return {
    counts,
    rates: {
      correctionNotice: rate(counts.correctionNotices, counts.received),
      onTime: rate(decided.filter((facts) => facts.onTime).length, counts.decided),
      early: rate(decided.filter((facts) => facts.early).length, counts.decided),
      onTheSpot: rate(accepted.filter((facts) => facts.onTheSpot).length, counts.accepted),
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
