/**
 * The figure definitions, stated once (domain.md §6 names the figures; these definitions are
 * ours). The desk page and the README show this table; figures.ts and facts.ts count by it.
 * `setting` names the choice inside a definition (settings.ts, functions/config/figures.json).
 */
import type { CaseListFigure } from './figures.ts';
import type { FigureSettings } from './settings.ts';

export interface FigureDefinition {
  key: string;
  label: string;
  definition: string;
  setting?: keyof FigureSettings;
}

export const figureDefinitions: readonly FigureDefinition[] = [
  {
    key: 'received',
    label: '收件量',
    definition:
      '统计期内收件（登记申请）的办件数，计入收件的部门、窗口和工作人员：综合窗口收件的计入该综合窗口及首问的工作人员，其余计入办理的部门、窗口和承办人。',
  },
  {
    key: 'accepted',
    label: '受理量',
    definition:
      '受理的办件数，含即办件当场办结（当场受理并办结）；计入办理的部门、窗口和承办人（以下各项同）。',
    setting: 'intakeBy',
  },
  { key: 'notAccepted', label: '不予受理', definition: '出具不予受理决定的办件数。', setting: 'intakeBy' },
  {
    key: 'correctionNotices',
    label: '一次性告知',
    definition:
      '出具一次性告知补正通知的办件数（一件多次告知计一件），与收件量一样计入收件的部门、窗口和工作人员。',
    setting: 'intakeBy',
  },
  {
    key: 'correctionNoticeRate',
    label: '一次性告知率',
    definition: '一次性告知办件数 ÷ 收件量。',
    setting: 'intakeBy',
  },
  { key: 'instantSettlements', label: '即办件', definition: '当场办结的即办件数。', setting: 'intakeBy' },
  {
    key: 'decided',
    label: '办结量',
    definition: '作出决定（准予许可或不予许可）的办件数；即办件当场办结计入。',
    setting: 'completionBy',
  },
  { key: 'approved', label: '准予许可', definition: '办结量中准予许可的件数。', setting: 'completionBy' },
  { key: 'refused', label: '不予许可', definition: '办结量中不予许可的件数。', setting: 'completionBy' },
  {
    key: 'delivered',
    label: '出件量',
    definition: '办结结果送达（窗口出件、邮寄或电子送达）的件数。',
    setting: 'completionBy',
  },
  { key: 'withdrawn', label: '撤回', definition: '申请人撤回申请的件数。', setting: 'completionBy' },
  {
    key: 'onTimeRate',
    label: '按时办结率',
    definition: '在承诺时限内办结的件数 ÷ 办结量（即办件当场办结视为按时）。',
    setting: 'extensionCountsForOnTime',
  },
  {
    key: 'earlyRate',
    label: '提前办结率',
    definition: '在承诺期限届满日之前（早于到期日）办结的件数 ÷ 办结量。',
    setting: 'completionBy',
  },
  {
    key: 'onTheSpotRate',
    label: '现场办结率',
    definition: '受理当天（申请人来访当日）即办结的件数 ÷ 受理量。',
    setting: 'onTheSpotVisit',
  },
  {
    key: 'instantShare',
    label: '即办件比例',
    definition: '办结量中当场办结的即办件所占比例。',
    setting: 'completionBy',
  },
  {
    key: 'overdue',
    label: '超法定时限',
    definition:
      '法定时限在统计期末（或当前时刻）已届满仍未办结、或超过法定时限才办结的办件；目标为零，逐件列出。特别程序时间不计入，延期按批准的天数计。',
  },
  {
    key: 'meanUsed',
    label: '平均实际用时',
    definition:
      '办结件从受理到办结实际使用的工作日（特别程序时间不计）的平均数；与平均承诺时限、平均法定时限对比。',
    setting: 'completionBy',
  },
  {
    key: 'speedUp',
    label: '实际提速',
    definition: '1 − 实际用时合计 ÷ 法定时限合计（同一批办结件）。',
    setting: 'completionBy',
  },
  {
    key: 'yellowCards',
    label: '黄牌',
    definition: '统计期内发出的黄牌督办单数（即将到期或环节超时），计入督办时的部门、窗口和承办人。',
  },
  {
    key: 'redCards',
    label: '红牌',
    definition: '统计期内发出的红牌督办单数（承诺或法定期限已过），计入督办时的部门、窗口和承办人。',
  },
  {
    key: 'complaintsReceived',
    label: '投诉量',
    definition: '统计期内收到（登记）的投诉件数，计入被投诉的部门、窗口和工作人员（已分办的按分办结果）。',
  },
  {
    key: 'complaintsValid',
    label: '有效投诉',
    definition: '投诉量中经电子监察分办（认定有效，交部门、窗口答复）的件数；尚待分办的和不予受理的不计。',
  },
  {
    key: 'ratings',
    label: '评价数',
    definition: '统计期内出件（办结送达）的办件收到的评价数，计入该办件的部门、窗口和承办人。',
  },
  {
    key: 'satisfactionRate',
    label: '满意率',
    definition: '“基本满意”及以上的评价数 ÷ 评价数，申诉成立（误评、恶意差评）的评价不计入分子和分母。',
  },
  {
    key: 'badRatings',
    label: '差评数',
    definition: '评价数中“不满意”和“非常不满意”的件数（含申诉成立的）。',
  },
  {
    key: 'rectifiedInTimeRate',
    label: '差评按时整改率',
    definition:
      '差评中已有整改结果（立即整改、限期整改完成、解释说明或申诉成立），且回访和整改时限均未超期的件数 ÷ 差评数。',
  },
];

export const settingLabels: Record<keyof FigureSettings, Record<string, string>> = {
  intakeBy: { received: '按收件日期归属统计期（同一批收件）', event: '按各环节发生日期归属统计期' },
  completionBy: { event: '按办结、出件、撤回日期归属统计期', received: '按收件日期归属统计期（同一批收件）' },
  onTheSpotVisit: { lastSubmission: '以材料齐全（补正）当日为来访日', receipt: '以首次收件当日为来访日' },
  extensionCountsForOnTime: { true: '批准延期后按延长的承诺期限判断', false: '不计延期，按原承诺期限判断' },
};

/** How a setting reads with its current value, for the page. */
export function settingText(settings: FigureSettings, key: keyof FigureSettings): string {
  return settingLabels[key][String(settings[key])] ?? String(settings[key]);
}

/** What the numerator of a rate counts, named as a list of cases. */
const numeratorLabels: Partial<Record<CaseListFigure, string>> = {
  onTime: '按时办结',
  early: '提前办结',
  onTheSpot: '现场办结',
};

/** The name of the list of cases behind a number: a count's own label, or what a rate's numerator counts. */
export function caseListLabel(figure: CaseListFigure): string {
  return (
    numeratorLabels[figure] ??
    figureDefinitions.find((definition) => definition.key === figure)?.label ??
    figure
  );
}
