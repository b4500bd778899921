/**
 * The public monthly scorecard (好差评结果公开, domain.md §8, §12) and the month's praise.
 *
 * The scorecard of a month is published once the month has ended and every award of it is
 * confirmed; it is then frozen (stored once), so what the public read does not change under them.
 * Per department and for the centre: cases received and decided; 按时办结率; 满意率 (ratings at
 * 基本满意 or better ÷ ratings, upheld appeals left out — the rating figures' definition); 差评整改率
 * (bad ratings whose rectification reached an outcome ÷ bad ratings); the confirmed 服务之星 (name
 * and window — nothing else about the person) and 红旗窗口. A rate is `{numerator, denominator,
 * value}`, value null when nothing divides ("—").
 */
import type { CivilDate } from '../calendar/civil.ts';
import type { Instant } from '../calendar/instant.ts';
import { type FigureDefinition, figureDefinitions } from '../figures/definitions.ts';
import { type CaseFigures, type Rate, rate } from '../figures/figures.ts';
import type { Period } from '../figures/periods.ts';
import { caseInScope, type ReadableScope } from '../figures/scopes.ts';
import { ratingFigures } from '../ratings/figures.ts';
import type { RatingState } from '../ratings/types.ts';
import { type AwardRecord, nomineeLabel } from './awards.ts';
import type { AppraisalEvent } from './events.ts';

/**
 * What the scorecard's columns mean, as the public page states them: the figures' own definitions
 * of its counts and rates, and its 差评整改率 (any outcome, in time or not — unlike the figures'
 * 差评按时整改率).
 */
export const scorecardDefinitions: readonly Pick<FigureDefinition, 'label' | 'definition'>[] = [
  ...(['received', 'decided', 'onTimeRate', 'satisfactionRate'] as const).map(
    (key) => figureDefinitions.find((definition) => definition.key === key) as FigureDefinition,
  ),
  {
    label: '差评整改率',
    definition: '已有整改结果（立即整改、限期整改完成、解释说明或申诉成立）的差评数 ÷ 差评数。',
  },
];

export interface ScorecardRow {
  /** Department code; `centre` for the whole centre. */
  department: string;
  name: string;
  received: number;
  decided: number;
  onTime: Rate;
  satisfaction: Rate;
  badRatingsRectified: Rate;
}

export interface Scorecard {
  period: string;
  from: CivilDate;
  to: CivilDate;
  publishedAt: Instant;
  departments: ScorecardRow[];
  centre: ScorecardRow;
  serviceStars: { award: string; label: string; name: string; window: string; departmentName: string }[];
  redFlags: { window: string; departmentName: string }[];
}

export interface ScorecardInput {
  period: Period;
  departments: readonly { id: string; name: string }[];
  /** The case figures of each department (by id) and of the centre (`centre`). */
  figures: ReadonlyMap<string, CaseFigures>;
  /** The month's visits (ratings by delivery month). */
  ratings: readonly RatingState[];
  awards: readonly AwardRecord[];
  publishedAt: Instant;
}

function row(
  department: string,
  name: string,
  figures: CaseFigures | undefined,
  ratings: readonly RatingState[],
): ScorecardRow {
  const { total } = ratingFigures(ratings);
  return {
    department,
    name,
    received: figures?.counts.received ?? 0,
    decided: figures?.counts.decided ?? 0,
    onTime: figures?.rates.onTime ?? rate(0, 0),
    satisfaction: rate(total.satisfied, total.counted),
    badRatingsRectified: rate(total.rectified, total.bad),
  };
}

export function buildScorecard(input: ScorecardInput): Scorecard {
  const names = new Map(input.departments.map((department) => [department.id, department.name]));
  const departmentName = (id: string) => names.get(id) ?? id;
  const stars: Scorecard['serviceStars'] = [];
  const flags: Scorecard['redFlags'] = [];
  for (const award of input.awards) {
    for (const nominee of award.chosen) {
      if (nominee.kind === 'clerk') {
        stars.push({
          award: award.award,
          label: award.label,
          name: nominee.name ?? nominee.username,
          window: nominee.window,
          departmentName: departmentName(nominee.department),
        });
      } else {
        flags.push({ window: nominee.window, departmentName: departmentName(nominee.department) });
      }
    }
  }
  return {
    period: input.period.key,
    from: input.period.from,
    to: input.period.to,
    publishedAt: input.publishedAt,
    departments: input.departments.map((department) =>
      row(
        department.id,
        department.name,
        input.figures.get(department.id),
        input.ratings.filter((visit) => visit.department === department.id),
      ),
    ),
    centre: row('centre', '全中心', input.figures.get('centre'), input.ratings),
    serviceStars: stars,
    redFlags: flags,
  };
}

/** A commendation of the month: which case, whose, when, and the rater's words (masked). */
export interface Commendation {
  caseNo: string;
  department: string;
  window: string | null;
  clerk: string | null;
  at: Instant;
  text: string;
  quote: string | null;
}

/**
 * The month's confirmed awards and commendations within a scope — what the monthly report's
 * 主要做法 offers its author as prompts. An award counts for a scope when its nominee is in it.
 */
export function praiseInScope(
  events: readonly AppraisalEvent[],
  awards: readonly AwardRecord[],
  scope: ReadableScope,
): { awards: AwardRecord[]; commendations: Commendation[] } {
  const inScope = (department: string, window: string | null, clerk: string | null) =>
    caseInScope({ department, window: window ?? '', handler: clerk }, scope);
  return {
    awards: awards.flatMap((award) => {
      const chosen = award.chosen.filter((nominee) =>
        inScope(nominee.department, nominee.window, nominee.kind === 'clerk' ? nominee.username : null),
      );
      return chosen.length > 0 ? [{ ...award, chosen }] : [];
    }),
    commendations: events
      .filter(
        (event) => event.kind === 'commendation' && inScope(event.department, event.window, event.clerk),
      )
      .map((event) => ({
        caseNo: event.ref.id,
        department: event.department,
        window: event.window,
        clerk: event.clerk,
        at: event.at,
        text: event.text,
        quote: event.quote ?? null,
      })),
  };
}

/**
 * The month's praise as the report's prompts under 二、主要做法, one line each: the confirmed awards
 * first (`服务之星（审批）：王小明（mz-01）`, `红旗窗口：mz-01 窗口`), then the commendations with the
 * rater's words, masked as the appraisal keeps them.
 */
export function praisePrompts(praise: {
  awards: readonly AwardRecord[];
  commendations: readonly Commendation[];
}): {
  text: string;
}[] {
  return [
    ...praise.awards.map((award) => ({
      text: `${award.label}：${award.chosen.map(nomineeLabel).join('、')}（已确认）。`,
    })),
    ...praise.commendations.map((commendation) => ({
      text: `群众表扬：${commendation.text}${commendation.window ? `，${commendation.window}窗口` : ''}${commendation.quote ? `，留言“${commendation.quote}”` : ''}。`,
    })),
  ];
}
