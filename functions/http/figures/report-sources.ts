/**
 * What the monthly report draft is made from, behind one port ({@link MonthlyReportSources}) so
 * each source can change on its own:
 *
 * - the case figures of the month, the month before and the same month a year before — through
 *   period-figures.ts, the one way figures are read;
 * - the month's supervision cards, complaints and ratings of the scope — read from their own areas'
 *   listings (by issue, receipt or delivery month), and reduced to numbers, items and windows, with
 *   no personal data (domain/figures/report.ts);
 * - the month's praise for 二、主要做法: the appraisal's confirmed 服务之星 and 红旗窗口 and its
 *   commendations ({@link MonthlyReportSources.commendations}, http/appraisal/month.ts monthPraise),
 *   before the prompts the figures suggest.
 */
import { centreConfig, generalWindowsOf } from '../../config/centre.ts';
import { tableName } from '../../config/env.ts';
import { type Instant, normalizeInstant } from '../../domain/calendar/instant.ts';
import { catalogueDepartment } from '../../domain/catalogue/item-lookup.ts';
import type { CaseFigures } from '../../domain/figures/figures.ts';
import { type Period, previousPeriod, yearBeforePeriod } from '../../domain/figures/periods.ts';
import {
  type MonthlyReportInput,
  type ReportCard,
  type ReportComplaint,
  type ReportPrompt,
  reportCard,
  reportComplaints,
  reportRatings,
} from '../../domain/figures/report.ts';
import type { ReadableScope } from '../../domain/figures/scopes.ts';
import type { RatingState } from '../../domain/ratings/types.ts';
import { listComplaintsReceivedBetween } from '../../store/complaints/complaints.ts';
import { listMonth } from '../../store/ratings/ratings.ts';
import { listCardsIssued } from '../../store/supervision/supervision.ts';
import { periodFigures } from './period-figures.ts';

/** A report's scope: the centre, or one department (`department` set). */
export interface ReportScope {
  readable: ReadableScope;
  department?: string;
}

export interface MonthlyReportSources {
  figures(readable: ReadableScope, period: Period, now: Date): Promise<CaseFigures>;
  cards(department: string | undefined, month: Period): Promise<ReportCard[]>;
  complaints(
    department: string | undefined,
    month: Period,
  ): Promise<{ received: number; valid: ReportComplaint[] }>;
  /** The month's visits, rated or not: read once for the ratings' figures and the commendations. */
  visits(month: Period): Promise<RatingState[]>;
  /**
   * The month's praise within the scope, one prompt each: the appraisal's confirmed 服务之星 and
   * 红旗窗口 (none until they are confirmed there) and its commendations (a visit rated 非常满意
   * with a comment) among the month's `visits`.
   */
  commendations(
    readable: ReadableScope,
    month: Period,
    now: Date,
    visits: readonly RatingState[],
  ): Promise<ReportPrompt[]>;
}

const ofDepartment = (department: string | undefined, of: string | undefined) =>
  department === undefined || of === department;

/** The sources as the store keeps them today. */
export const storeReportSources: MonthlyReportSources = {
  figures: periodFigures,
  async cards(department, month) {
    const cards = await listCardsIssued(tableName(), month.from, month.to, department);
    return cards.map(reportCard);
  },
  async complaints(department, month) {
    return reportComplaints(
      await listComplaintsReceivedBetween(tableName(), month.from, month.to),
      department,
      month,
    );
  },
  visits: (month) => listMonth(tableName(), month.key),
  async commendations(readable, month, now, visits) {
    // The appraisal's reading (its rule, its awards, the month's ratings) is imported with the
    // first report, not with the function: the figures' other routes never need it.
    const [{ monthPraise }, { praisePrompts }] = await Promise.all([
      import('../appraisal/month.ts'),
      import('../../domain/appraisal/scorecard.ts'),
    ]);
    return praisePrompts(await monthPraise(readable, month, now, visits));
  },
};

/** Who reports: the centre, a department of the catalogue, or the centre's general windows (综合窗口). */
function reporterOf(department: string | undefined): string {
  if (department === undefined) return centreConfig.name;
  const name = catalogueDepartment(department)?.name;
  if (name) return name;
  return generalWindowsOf(department).length > 0 ? `${centreConfig.name}综合` : `部门 ${department}`;
}

/** Everything the draft of one month says, read at once. */
export async function monthlyReportInput(
  scope: ReportScope,
  month: Period,
  now: Date,
  sources: MonthlyReportSources = storeReportSources,
): Promise<MonthlyReportInput> {
  const { readable, department } = scope;
  const visits = sources.visits(month);
  const [current, previous, yearBefore, cards, complaints, ratings, commendations] = await Promise.all([
    sources.figures(readable, month, now),
    sources.figures(readable, previousPeriod(month), now),
    sources.figures(readable, yearBeforePeriod(month), now),
    sources.cards(department, month),
    sources.complaints(department, month),
    visits.then((states) =>
      reportRatings(states.filter((state) => ofDepartment(department, state.department))),
    ),
    visits.then((states) => sources.commendations(readable, month, now, states)),
  ]);
  const asOf: Instant = normalizeInstant(now);
  return {
    reporter: reporterOf(department),
    kind: department === undefined ? 'centre' : 'department',
    month,
    asOf,
    current,
    previous,
    yearBefore,
    overdue: current.overdue.cases,
    cards,
    complaints,
    ratings,
    commendations,
  };
}
