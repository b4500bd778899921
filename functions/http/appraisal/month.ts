/**
 * Reading one month for the appraisal: its cases (the figures' month index, store/figures) and its
 * overdue cases (as the figures list them), the
 * complaints received, the visits rated, the cards issued, and the staff directory — each read by
 * the month's own range or partition, so what is read grows with the month's records, not with the
 * table — turned into the month's events by the domain's definitions (domain/appraisal/events.ts).
 * Cases that a card or complaint names but that had nothing else in the month are read one by one.
 *
 * Also the one function the monthly report draft reads the month's praise with
 * ({@link monthPraise}), and the publication of the month's scorecard ({@link publishIfComplete}).
 */
import { appraisalRule, centreWindows } from '../../config/appraisal.ts';
import { centreClocks, centreConfig } from '../../config/centre.ts';
import { tableName } from '../../config/env.ts';
import { figureSettings } from '../../config/figures.ts';
import { type AwardRecord, allConfirmed, monthClosed } from '../../domain/appraisal/awards.ts';
import {
  type AppraisalEvent,
  type CaseHandlers,
  cardEvents,
  caseEvents,
  complaintEvents,
  ratingEvents,
} from '../../domain/appraisal/events.ts';
import { awardCodes } from '../../domain/appraisal/rule.ts';
import type { MonthHistory } from '../../domain/appraisal/score.ts';
import { buildScorecard, type Commendation, praiseInScope } from '../../domain/appraisal/scorecard.ts';
import { normalizeInstant } from '../../domain/calendar/instant.ts';
import { catalogueDepartments } from '../../domain/catalogue/item-lookup.ts';
import { caseFacts, type OverdueCase } from '../../domain/figures/facts.ts';
import type { CaseFigures } from '../../domain/figures/figures.ts';
import type { Period } from '../../domain/figures/periods.ts';
import { handlingOwner, type ReadableScope } from '../../domain/figures/scopes.ts';
import type { RatingState } from '../../domain/ratings/types.ts';
import { loadMonthAwards, publishScorecard } from '../../store/appraisal/awards.ts';
import { listStaff } from '../../store/appraisal/staff-directory.ts';
import { listValidComplaintsReceived } from '../../store/complaints/complaints.ts';
import { casesOfPeriod, loadStates } from '../../store/figures/figures.ts';
import { listMonth, loadRating } from '../../store/ratings/ratings.ts';
import { listCardsIssued } from '../../store/supervision/supervision.ts';
import { periodFigures } from '../figures/period-figures.ts';

export interface MonthReading {
  history: MonthHistory;
  /** The month's visits, rated or not: the scorecard's satisfaction figures. */
  ratings: RatingState[];
  /** The centre's figures of the month (periodFigures), as read: the scorecard's centre row. */
  centreFigures: CaseFigures;
}

/** The month's events, decisions and staff, read from the stores. */
export async function readMonth(period: Period, now: Date): Promise<MonthReading> {
  const table = tableName();
  const centre = centreConfig.code;
  const [cases, centreFigures, complaints, ratings, cards, staff] = await Promise.all([
    casesOfPeriod(table, centre, period),
    // The overdue cases as the figures list them: an open case past its limit counts in every
    // month it is overdue, with or without an event in it.
    periodFigures({ scope: { kind: 'centre' } }, period, now),
    listValidComplaintsReceived(table, period.from, period.to),
    listMonth(table, period.key),
    listCardsIssued(table, period.from, period.to),
    listStaff(table, centre),
  ]);
  const clocks = centreClocks();
  const settings = figureSettings();
  const overdue: readonly OverdueCase[] = centreFigures.overdue.cases;
  const facts = cases.states.map((state) => caseFacts(state, clocks, settings));
  const handlers = new Map(cases.states.map((state) => [state.caseNo, handlingOwner(state)]));
  // A card names its clerk; only one that does not (an older card) needs its subject read.
  const unnamed = cards.filter((card) => !card.handler);
  const named = [
    ...unnamed.flatMap((card) => (card.subject.kind === 'case' ? [card.subject.id] : [])),
    ...complaints.flatMap((complaint) => (complaint.respondent.caseNo ? [complaint.respondent.caseNo] : [])),
  ].filter((caseNo) => !handlers.has(caseNo));
  for (const state of await loadStates(table, [...new Set(named)]))
    handlers.set(state.caseNo, handlingOwner(state));
  const assignees = new Map(
    ratings.map((visit) => [visit.caseNo, visit.rectification?.assignee ?? visit.handler]),
  );
  const ratedElsewhere = unnamed.flatMap((card) =>
    card.subject.kind === 'rating' && !assignees.has(card.subject.id) ? [card.subject.id] : [],
  );
  for (const caseNo of new Set(ratedElsewhere)) {
    const visit = (await loadRating(table, caseNo))?.state;
    if (visit) assignees.set(caseNo, visit.rectification?.assignee ?? visit.handler);
  }
  const onCases = caseEvents(facts, overdue, period);
  const events: AppraisalEvent[] = [
    ...onCases.events,
    ...complaintEvents(complaints, period, handlers as CaseHandlers),
    ...ratingEvents(ratings, period, now, clocks),
    ...cardEvents(cards, period, { cases: handlers, ratings: assignees }),
  ];
  return {
    history: {
      events,
      decisions: onCases.decisions,
      takenIn: onCases.takenIn,
      windows: centreWindows(),
      staff,
    },
    ratings,
    centreFigures,
  };
}

/**
 * Publishes the month's scorecard once the month has ended and every award is confirmed (and it is
 * not out yet): the departments' and the centre's case figures (periodFigures), the month's rating
 * figures and the confirmed awards, frozen as they are now. True when it is (now or already) out.
 */
export async function publishIfComplete(
  period: Period,
  reading: MonthReading,
  awards: readonly AwardRecord[],
  published: boolean,
  now: Date,
): Promise<boolean> {
  if (published) return true;
  const rule = appraisalRule();
  if (!monthClosed(period, now) || !allConfirmed(rule, awards)) return false;
  const order = awardCodes(rule);
  const departments = catalogueDepartments().map((department) => ({
    id: department.id,
    name: department.name,
  }));
  const figures = new Map<string, CaseFigures>();
  // One scope at a time: each reads the month through periodFigures, however it is kept.
  for (const department of departments) {
    figures.set(
      department.id,
      await periodFigures({ scope: { kind: 'department', code: department.id } }, period, now),
    );
  }
  figures.set('centre', reading.centreFigures);
  await publishScorecard(
    tableName(),
    centreConfig.code,
    buildScorecard({
      period,
      departments,
      figures,
      ratings: reading.ratings,
      // In the rule's order: each group's stars, then the red flag.
      awards: [...awards].sort((a, b) => order.indexOf(a.award) - order.indexOf(b.award)),
      publishedAt: normalizeInstant(now),
    }),
  );
  return true;
}

/**
 * The month's confirmed awards and commendations within a scope — for the monthly report draft
 * (二、主要做法, the month's commendations as prompts). Commendations are the visits rated 非常满意
 * with a comment (domain/appraisal/events.ts); awards count when their nominee is in the scope.
 */
export async function monthPraise(
  scope: ReadableScope,
  period: Period,
  now: Date,
  visits: readonly RatingState[],
): Promise<{ awards: AwardRecord[]; commendations: Commendation[] }> {
  // Commendations come from the ratings alone: the month's visits (as the report read them), not its cases.
  const month = await loadMonthAwards(tableName(), centreConfig.code, period.key);
  return praiseInScope(ratingEvents(visits, period, now, centreClocks()), month.awards, scope);
}
