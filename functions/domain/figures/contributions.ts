/**
 * What one source — a case, a card, a complaint, a rating — adds to the kept figures: counts on
 * days, each for the department, window and clerk it is attributed to (a case's intake counts for
 * who took it in, the rest for who handles it: facts.ts figureOwner). Kept figures are the sums
 * of these (store/figures keeps them per window and per clerk, per day and per month); when a
 * source changes, what it adds now minus what it added before is the change to the sums.
 *
 * The day a count falls on follows the definitions (definitions.ts, settings.ts): with
 * `intakeBy: received` the intake counts fall on the day the case was received, with `event` on
 * the day of the acceptance, notice…; the completion counts likewise with `completionBy`. A card
 * falls on the day it was issued, a complaint on the day it was received, a rating on the day of
 * the visit rated (the delivery), as the ratings area counts it.
 */
import type { CivilDate } from '../calendar/civil.ts';
import { civilDateAt } from '../calendar/instant.ts';
import type { CaseState } from '../cases/types.ts';
import type { ClockContext } from '../clocks/clock.ts';
import type { ComplaintState } from '../complaints/types.ts';
import { complaintReceivedOn, isValidComplaint } from '../complaints/validity.ts';
import { ratingTally, rectifiedInTime } from '../ratings/figures.ts';
import type { RatingState } from '../ratings/types.ts';
import type { CardRecord } from '../supervision/index.ts';
import { addCounts, nonZero, type PartialCounts } from './counts.ts';
import { caseFacts, figureOwner } from './facts.ts';
import type { CaseCounts } from './figures.ts';
import { type Period, periodMonths } from './periods.ts';
import {
  type CaseOwner,
  cardOwner,
  complaintOwner,
  type ReadableScope,
  ratingOwner,
  unattributed,
} from './scopes.ts';
import type { FigureSettings } from './settings.ts';

export interface Contribution {
  owner: CaseOwner;
  day: CivilDate;
  counts: PartialCounts;
}

export function caseContributions(
  state: CaseState,
  ctx: ClockContext,
  settings: FigureSettings,
): Contribution[] {
  const facts = caseFacts(state, ctx, settings);
  const contributions: Contribution[] = [];
  // Each count for whom it counts (facts.ts figureOwner): the intake's for who took the case in.
  const forWhom = (figure: keyof CaseCounts) => figureOwner(figure, facts);
  const on = (
    by: 'received' | 'event',
    day: CivilDate | undefined,
    counts: PartialCounts,
    owner = facts.owner,
  ) => {
    if (day === undefined) return;
    contributions.push({ owner, day: by === 'received' ? facts.receivedOn : day, counts });
  };
  on('received', facts.receivedOn, { received: 1 }, forWhom('received'));
  const intake = settings.intakeBy;
  on(intake, facts.acceptedOn, { accepted: 1, onTheSpot: facts.onTheSpot ? 1 : 0 });
  on(intake, facts.notAcceptedOn, { notAccepted: 1 });
  on(intake, facts.correctionNoticeOn, { correctionNotices: 1 }, forWhom('correctionNotices'));
  on(intake, facts.instantSettledOn, { instantSettlements: 1 });
  const completion = settings.completionBy;
  const workdays = facts.workdays;
  on(completion, facts.decidedOn, {
    decided: 1,
    approved: facts.outcome === 'approved' ? 1 : 0,
    refused: facts.outcome === 'refused' ? 1 : 0,
    onTime: facts.onTime ? 1 : 0,
    early: facts.early ? 1 : 0,
    instantDecided: facts.instantSettledOn ? 1 : 0,
    ...(workdays
      ? {
          timedDecisions: 1,
          workdaysUsed: workdays.used,
          workdaysPromised: workdays.promised,
          workdaysStatutory: workdays.statutory,
        }
      : {}),
  });
  on(completion, facts.deliveredOn, { delivered: 1 });
  on(completion, facts.withdrawnOn, { withdrawn: 1 });
  return contributions;
}

export function cardContributions(card: CardRecord): Contribution[] {
  return [
    {
      owner: cardOwner(card),
      day: civilDateAt(card.issuedAt),
      counts: card.level === 'red' ? { redCards: 1 } : { yellowCards: 1 },
    },
  ];
}

/** A complaint received; valid once the supervision office has triaged it as valid (complaints/validity.ts). */
export function complaintContributions(state: ComplaintState): Contribution[] {
  return [
    {
      owner: complaintOwner(state),
      day: complaintReceivedOn(state),
      counts: { complaintsReceived: 1, complaintsValid: isValidComplaint(state) ? 1 : 0 },
    },
  ];
}

export function ratingContributions(state: RatingState, ctx: ClockContext): Contribution[] {
  if (!state.rating) return [];
  const tally = ratingTally(state);
  return [
    {
      owner: ratingOwner(state),
      day: civilDateAt(state.deliveredAt),
      counts: {
        ratings: tally.ratings,
        ratingsCounted: tally.counted,
        ratingsSatisfied: tally.satisfied,
        badRatings: tally.bad,
        badRatingsRectifiedInTime: rectifiedInTime(state, ctx) ? 1 : 0,
      },
    },
  ];
}

/** Who a kept sum belongs to: a window (of a department) or a clerk (in a department). */
export type LeafKind = 'window' | 'clerk';

/**
 * One kept sum: the counts of a leaf — a window of a department, or a clerk in a department — on a
 * day (`2026-11-03`) or in a month (`2026-11`). A department's figures are the sum of its windows'
 * (a department scope keeps no sum of its own), the centre's the sum of every window's, a clerk's
 * the sum over the departments they worked for.
 */
export interface KeptCell {
  period: string;
  kind: LeafKind;
  department: string;
  /** The window code, or the clerk's username. */
  code: string;
  counts: PartialCounts;
}

export function cellKey(cell: Pick<KeptCell, 'period' | 'kind' | 'department' | 'code'>): string {
  return `${cell.period}|${cell.kind}|${cell.code}|${cell.department}`;
}

/** The kept sums the contributions add to: each on its day and its month, for its window and clerk. */
export function keptCells(contributions: readonly Contribution[]): KeptCell[] {
  const cells = new Map<string, KeptCell>();
  const add = (cell: Omit<KeptCell, 'counts'>, counts: PartialCounts) => {
    const key = cellKey(cell);
    const found = cells.get(key) ?? { ...cell, counts: {} };
    addCounts(found.counts, counts);
    cells.set(key, found);
  };
  for (const { owner, day, counts } of contributions) {
    for (const period of [day, day.slice(0, 7)]) {
      add(
        { period, kind: 'window', department: owner.department, code: owner.window || unattributed },
        counts,
      );
      if (owner.handler)
        add({ period, kind: 'clerk', department: owner.department, code: owner.handler }, counts);
    }
  }
  return [...cells.values()]
    .map((cell) => ({ ...cell, counts: nonZero(cell.counts) }))
    .filter((cell) => Object.keys(cell.counts).length > 0)
    .sort((a, b) => cellKey(a).localeCompare(cellKey(b)));
}

/**
 * The kept sums a scope and period read: the day's or each month's (a quarter or year sums its
 * months), of windows or of clerks, all of them or those of one window, clerk or department.
 */
export interface CellSelection {
  kind: LeafKind;
  periods: string[];
  /** Only this window or clerk. */
  code?: string;
  /** Only this department. */
  department?: string;
}

export function cellSelection(readable: ReadableScope, period: Period): CellSelection {
  const periods = period.kind === 'day' ? [period.from] : periodMonths(period);
  const { scope } = readable;
  const only = readable.department === undefined ? {} : { department: readable.department };
  switch (scope.kind) {
    case 'centre':
      return { kind: 'window', periods, ...only };
    case 'department':
      return { kind: 'window', periods, department: scope.code };
    case 'window':
      return { kind: 'window', periods, code: scope.code, ...only };
    case 'clerk':
      return { kind: 'clerk', periods, code: scope.username, ...only };
  }
}

export function cellSelected(selection: CellSelection, cell: Omit<KeptCell, 'counts'>): boolean {
  return (
    cell.kind === selection.kind &&
    selection.periods.includes(cell.period) &&
    (selection.code === undefined || cell.code === selection.code) &&
    (selection.department === undefined || cell.department === selection.department)
  );
}

/** Per cell, what `target` adds over `previous`: the change a source's new version makes (unchanged cells left out). */
export function cellChanges(previous: readonly KeptCell[], target: readonly KeptCell[]): KeptCell[] {
  const changes = new Map<string, KeptCell>();
  const add = (cells: readonly KeptCell[], sign: number) => {
    for (const cell of cells) {
      const key = cellKey(cell);
      const change = changes.get(key) ?? { ...cell, counts: {} };
      addCounts(change.counts, cell.counts, sign);
      changes.set(key, change);
    }
  };
  add(previous, -1);
  add(target, 1);
  return [...changes.values()]
    .map((cell) => ({ ...cell, counts: nonZero(cell.counts) }))
    .filter((cell) => Object.keys(cell.counts).length > 0);
}
