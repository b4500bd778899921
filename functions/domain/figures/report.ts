/**
 * The monthly work report draft (月度工作汇报, domain.md §12): the usual sections filled from the
 * month's figures, as the centre's own reports read — "本月共受理各类办件 N 件，环比增长 x%…按时办结率
 * 100%". 一、基本情况 says the counts, rates and comparisons in sentences; 二、主要做法 is the author's,
 * with prompts (the month's commendations, and what the figures suggest); 三、存在问题 names the
 * overdue cases, supervision cards, valid complaints and bad ratings (by number, item and window —
 * no personal data); 四、下步打算 is blank. The HTML page (report-html.ts) and the Word document
 * (http/figures/report-docx.ts) render this one model, so they say the same thing.
 */
import { type CivilDate, dateText } from '../calendar/civil.ts';
import { civilDateAt, type Instant } from '../calendar/instant.ts';
import { caseStatusLabels } from '../cases/states.ts';
import type { ComplaintState } from '../complaints/types.ts';
import { complaintCategoryLabels, complaintStatusLabels } from '../complaints/types.ts';
import { complaintReceivedOn, isValidComplaint } from '../complaints/validity.ts';
import { ratingFigures } from '../ratings/figures.ts';
import type { RatingState } from '../ratings/types.ts';
import { isBad, ratingLevelLabels, rectificationStatusLabels } from '../ratings/types.ts';
import type { CardRecord } from '../supervision/index.ts';
import type { OverdueCase } from './facts.ts';
import { type CaseCounts, type CaseFigures, type Rate, rate } from './figures.ts';
import { inPeriod, type Period } from './periods.ts';
import { complaintOwner } from './scopes.ts';

/** A period's figures as the report reads them (the overdue cases listed only for the month itself). */
export type ReportFigures = Pick<CaseFigures, 'period' | 'counts' | 'rates' | 'workdays'> & {
  overdue: { count: number };
};

export interface ReportCard {
  level: 'yellow' | 'red';
  /** What the card is about: 办件, 投诉, 差评整改, 督办回复. */
  subjectKind: string;
  /** Case or complaint number. */
  subjectId: string;
  title: string;
  window?: string;
  issuedOn: CivilDate;
  answered: boolean;
}

export interface ReportComplaint {
  complaintNo: string;
  category: string;
  window?: string;
  receivedOn: CivilDate;
  status: string;
  /** The case it is about, when there is one. */
  caseNo?: string;
}

export interface ReportBadRating {
  caseNo: string;
  itemName: string;
  window: string;
  level: string;
  rectification: string;
}

export interface ReportRatings {
  ratings: number;
  /** Ratings counted in the satisfaction rate (upheld appeals left out), and those at 基本满意 or better. */
  counted: number;
  satisfied: number;
  bad: number;
  /** Bad ratings whose rectification reached an outcome. */
  rectified: number;
}

/** A line under 二、主要做法 that the author may build on. */
export interface ReportPrompt {
  text: string;
}

export interface MonthlyReportInput {
  /** The centre's name, or the department's, as the title gives it. */
  reporter: string;
  /** `centre` or `department`: a department's report is its window's (窗口). */
  kind: 'centre' | 'department';
  month: Period;
  /** When the figures were read (the month may still run). */
  asOf: Instant;
  current: ReportFigures;
  /** 环比 (the month before) and 同比 (the same month a year before). */
  previous: ReportFigures;
  yearBefore: ReportFigures;
  overdue: readonly OverdueCase[];
  cards: readonly ReportCard[];
  complaints: { received: number; valid: readonly ReportComplaint[] };
  ratings: ReportRatings & { badList: readonly ReportBadRating[] };
  /** The month's commendations (服务之星, 红旗窗口) once confirmed; see http/figures/report-sources.ts. */
  commendations: readonly ReportPrompt[];
}

export interface ReportList {
  heading: string;
  /** Said when the list is empty. */
  none: string;
  items: string[];
}

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  lists: ReportList[];
  /** Prompts for the author, shown apart from the text (二、主要做法). */
  prompts: string[];
  /** Where the author writes (二、四): shown as a blank to fill. */
  placeholder?: string;
}

export interface MonthlyReport {
  title: string;
  /** The draft note under the title. */
  note: string;
  sections: ReportSection[];
}

/** `2026年12月`. */
export function monthText(period: Period): string {
  const [year, month] = period.key.split('-');
  return `${year}年${Number(month)}月`;
}

/** A percentage as the reports write it: `100%`, `99.8%`, `66.7%`; "—" for no value. */
export function percentText(value: number | null): string {
  if (value === null) return '—';
  const rounded = Math.round(value * 1000) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

/** A rate with its numerator and denominator: `100%（12/12）`; "—" when nothing divides. */
export function rateText(rate: Rate): string {
  return rate.value === null ? '—' : `${percentText(rate.value)}（${rate.numerator}/${rate.denominator}）`;
}

function daysText(value: number | null): string {
  return value === null ? '—' : `${Number.isInteger(value) ? value : value.toFixed(1)}个工作日`;
}

/**
 * A comparison in words: `环比增长12.5%（上月8件）`, `同比下降50%（去年同月4件）`, `环比持平（上月6件）`,
 * and `环比—（上月0件）` when the month compared with had none — nothing to divide by.
 */
export function changeText(label: '环比' | '同比', current: number, before: number): string {
  const reference = label === '环比' ? '上月' : '去年同月';
  if (before === 0) return `${label}—（${reference}0件）`;
  if (current === before) return `${label}持平（${reference}${before}件）`;
  const change = (current - before) / before;
  return `${label}${change > 0 ? '增长' : '下降'}${percentText(Math.abs(change))}（${reference}${before}件）`;
}

function comparisons(input: MonthlyReportInput, key: keyof CaseCounts): string {
  const current = input.current.counts[key];
  return `${changeText('环比', current, input.previous.counts[key])}，${changeText('同比', current, input.yearBefore.counts[key])}`;
}

function basicSituation(input: MonthlyReportInput): string[] {
  const { counts, rates, workdays } = input.current;
  const whole = input.kind === 'centre' ? '中心' : '本窗口';
  const paragraphs = [
    `${monthText(input.month)}，${whole}共收件${counts.received}件，受理各类办件${counts.accepted}件，${comparisons(input, 'accepted')}。其中即办件当场办结${counts.instantSettlements}件；出具一次性告知${counts.correctionNotices}件，一次性告知率${rateText(rates.correctionNotice)}；不予受理${counts.notAccepted}件。`,
    `本月办结${counts.decided}件（准予许可${counts.approved}件、不予许可${counts.refused}件），${comparisons(input, 'decided')}；出件${counts.delivered}件，申请人撤回${counts.withdrawn}件。按时办结率${rateText(rates.onTime)}，提前办结率${rateText(rates.early)}，现场办结率${rateText(rates.onTheSpot)}。`,
    workdays.decisions === 0
      ? '本月没有有时限的办结件，平均实际用时—，实际提速—。'
      : `有时限的办结件${workdays.decisions}件，平均实际用时${daysText(workdays.meanUsed)}，平均承诺时限${daysText(workdays.meanPromised)}、法定时限${daysText(workdays.meanStatutory)}，实际提速${percentText(workdays.speedUp.value)}。`,
    input.current.overdue.count === 0
      ? '本月无超法定时限办件。'
      : `本月超法定时限办件${input.current.overdue.count}件（目标为零），逐件列于“存在问题”。`,
  ];
  const { ratings, complaints, cards } = input;
  const yellow = cards.filter((card) => card.level === 'yellow').length;
  const red = cards.length - yellow;
  paragraphs.push(
    `群众评价${ratings.ratings}次，满意率${rateText(rate(ratings.satisfied, ratings.counted))}；差评${ratings.bad}件，已整改${ratings.rectified}件。收到投诉${complaints.received}件，${complaints.valid.length === 0 ? '无有效投诉' : `其中有效投诉${complaints.valid.length}件`}。电子监察${cards.length === 0 ? '未发出红黄牌' : `发出黄牌${yellow}张、红牌${red}张`}。`,
  );
  return paragraphs;
}

/** Prompts from the figures, for the author to build on: what went well this month. */
function figurePrompts(input: MonthlyReportInput): string[] {
  const { counts, rates } = input.current;
  const prompts: string[] = [];
  if (rates.onTime.value === 1)
    prompts.push(`按时办结率100%（${rates.onTime.numerator}件）：保持按时办结的做法。`);
  if (rates.early.numerator > 0) prompts.push(`提前办结${rates.early.numerator}件：提速的具体举措。`);
  if (counts.instantSettlements > 0)
    prompts.push(`即办件当场办结${counts.instantSettlements}件：即来即办的做法。`);
  if (input.complaints.valid.length === 0) prompts.push('本月无有效投诉：窗口服务规范的落实。');
  return prompts;
}

function overdueLine(entry: OverdueCase): string {
  const state = entry.decidedAt
    ? `已于${dateText(civilDateAt(entry.decidedAt))}逾期办结`
    : caseStatusLabels[entry.status];
  const over =
    entry.overdueWorkdays > 0
      ? `超出法定时限${entry.overdueWorkdays}个工作日`
      : '已超过法定时限（不足1个工作日）';
  return `${entry.caseNo}，${entry.item.name}，${entry.owner.window}窗口，${over}，${state}。`;
}

function cardLine(card: ReportCard): string {
  return `${card.level === 'red' ? '红牌' : '黄牌'}：${card.subjectKind}${card.subjectId}（${card.title}），${card.window ? `${card.window}窗口，` : ''}${dateText(card.issuedOn)}发出，${card.answered ? '已回复' : '尚未回复'}。`;
}

function complaintLine(complaint: ReportComplaint): string {
  return `${complaint.complaintNo}，${complaint.category}，${complaint.window ? `${complaint.window}窗口，` : ''}${complaint.caseNo ? `涉及办件${complaint.caseNo}，` : ''}${dateText(complaint.receivedOn)}收到，${complaint.status}。`;
}

function badRatingLine(rating: ReportBadRating): string {
  return `${rating.caseNo}，${rating.itemName}，${rating.window}窗口，评价“${rating.level}”，整改：${rating.rectification}。`;
}

/** The draft of the month's report. */
export function monthlyReport(input: MonthlyReportInput): MonthlyReport {
  const title = `${input.reporter}${input.kind === 'department' ? '窗口' : ''}${monthText(input.month)}工作汇报`;
  const asOf = civilDateAt(input.asOf);
  const through = asOf < input.month.to ? `，统计至${dateText(asOf)}` : '';
  return {
    title,
    note: `（草稿：一窗系统根据${monthText(input.month)}的统计生成${through}，请核对后修改定稿。）`,
    sections: [
      { heading: '一、基本情况', paragraphs: basicSituation(input), lists: [], prompts: [] },
      {
        heading: '二、主要做法',
        paragraphs: [],
        lists: [],
        prompts: [...input.commendations.map((prompt) => prompt.text), ...figurePrompts(input)],
        placeholder: '（由撰稿人填写本月的主要做法和成效。）',
      },
      {
        heading: '三、存在问题',
        paragraphs: [],
        lists: [
          { heading: '（一）超法定时限办件', none: '无。', items: input.overdue.map(overdueLine) },
          { heading: '（二）电子监察红黄牌', none: '无。', items: input.cards.map(cardLine) },
          { heading: '（三）有效投诉', none: '无。', items: input.complaints.valid.map(complaintLine) },
          { heading: '（四）差评', none: '无。', items: input.ratings.badList.map(badRatingLine) },
        ],
        prompts: [],
      },
      {
        heading: '四、下步打算',
        paragraphs: [],
        lists: [],
        prompts: [],
        placeholder: '（由撰稿人填写。）',
      },
    ],
  };
}

// What the report takes from the other areas' records, without their personal data.

const subjectKindLabels: Record<CardRecord['subject']['kind'], string> = {
  case: '办件',
  complaint: '投诉',
  rating: '差评整改',
  card: '督办回复',
  ticket: '等候',
};

export function reportCard(card: CardRecord): ReportCard {
  return {
    level: card.level,
    subjectKind: subjectKindLabels[card.subject.kind],
    subjectId: card.subject.id,
    title: card.subject.title,
    ...(card.window ? { window: card.window } : {}),
    issuedOn: civilDateAt(card.issuedAt),
    answered: card.answeredAt !== undefined,
  };
}

/**
 * The month's complaints of a department (or, `undefined`, the centre) as the figures count them:
 * received on a day of the month (complaints/validity.ts), for the department assigned at triage —
 * before that the one the complainant named (scopes.ts complaintOwner); the valid ones named.
 */
export function reportComplaints(
  states: readonly ComplaintState[],
  department: string | undefined,
  month: Period,
): { received: number; valid: ReportComplaint[] } {
  const mine = states.filter(
    (state) =>
      inPeriod(month, complaintReceivedOn(state)) &&
      (department === undefined || complaintOwner(state).department === department),
  );
  return { received: mine.length, valid: mine.filter(isValidComplaint).map(reportComplaint) };
}

export function reportComplaint(state: ComplaintState): ReportComplaint {
  const caseNo = state.respondent.caseNo ?? state.fromRating?.caseNo;
  return {
    complaintNo: state.complaintNo,
    category: complaintCategoryLabels[state.category],
    ...(state.assignment ? { window: state.assignment.window } : {}),
    receivedOn: civilDateAt(state.receivedAt),
    status: complaintStatusLabels[state.status],
    ...(caseNo ? { caseNo } : {}),
  };
}

/** The month's ratings in figures, and its bad ratings named (by case, never by rater). */
export function reportRatings(
  states: readonly RatingState[],
): ReportRatings & { badList: ReportBadRating[] } {
  const { total } = ratingFigures(states);
  const badList = states.flatMap((state) =>
    state.rating && isBad(state.rating.overall)
      ? [
          {
            caseNo: state.caseNo,
            itemName: state.item.name,
            window: state.window,
            level: ratingLevelLabels[state.rating.overall],
            rectification: state.rectification
              ? rectificationStatusLabels[state.rectification.status]
              : '待整改',
          },
        ]
      : [],
  );
  return {
    ratings: total.ratings,
    counted: total.counted,
    satisfied: total.satisfied,
    bad: total.bad,
    rectified: total.rectified,
    badList,
  };
}
