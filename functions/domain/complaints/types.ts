/**
 * The complaint value (投诉, domain.md §7): a plain, JSON-safe record of one complaint — how it came
 * in, what it is about, whom it is against, its clocks, its answers and its history. The
 * complainant's name and phone are not part of it in clear: the domain keeps only whether the
 * complaint is real-name and the masked values; the store keeps the full values sealed next to it.
 */
import type { Instant } from '../calendar/instant.ts';
import type { Clock } from '../clocks/clock.ts';
import type { Role } from '../roles.ts';
import type { ComplaintAttachment } from './attachments.ts';

export const complaintChannels = ['inPerson', 'phone', 'letter', 'web', 'hotline', 'badRating'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

export const complaintChannelLabels: Record<ComplaintChannel, string> = {
  inPerson: '现场',
  phone: '电话',
  letter: '信函',
  web: '网上',
  hotline: '12345热线转办',
  badRating: '差评转投诉',
};

/** Channels staff register at the desk; `web` is the public form's alone. */
export const deskChannels = ['inPerson', 'phone', 'letter', 'hotline', 'badRating'] as const;

export const complaintCategories = [
  'attitude',
  'delay',
  'refusal',
  'disclosure',
  'fees',
  'integrity',
  'absent',
  'other',
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

export const complaintCategoryLabels: Record<ComplaintCategory, string> = {
  attitude: '服务态度',
  delay: '拖延超期',
  refusal: '推诿/随意退件',
  disclosure: '未按六公开',
  fees: '违规收费',
  integrity: '廉洁问题',
  absent: '脱岗',
  other: '其他',
};

export const invalidReasons = [
  'noRespondent',
  'unverifiable',
  'outOfScope',
  'inReconsiderationOrLitigation',
  'withdrawn',
] as const;
export type InvalidReason = (typeof invalidReasons)[number];

export const invalidReasonLabels: Record<InvalidReason, string> = {
  noRespondent: '无明确被投诉对象或内容',
  unverifiable: '无法核实',
  outOfScope: '不属于受理范围',
  inReconsiderationOrLitigation: '已进入复议或诉讼',
  withdrawn: '已解决并撤回',
};

export const complexities = ['simple', 'written', 'complex'] as const;
export type Complexity = (typeof complexities)[number];

export const complexityLabels: Record<Complexity, string> = {
  simple: '简单',
  written: '书面答复',
  complex: '复杂或多部门',
};

/** How a reply reaches the complainant: the form the complaint came in (anonymous ⇒ online only). */
export const replyForms = ['inPerson', 'phone', 'letter', 'web', 'hotline'] as const;
export type ReplyForm = (typeof replyForms)[number];

export const replyFormLabels: Record<ReplyForm, string> = {
  inPerson: '当面答复',
  phone: '电话答复',
  letter: '书面（信函）答复',
  web: '网上答复（凭编号和查询码查看）',
  hotline: '经 12345 热线反馈',
};

export const contactPreferences = ['phone', 'letter', 'web'] as const;
export type ContactPreference = (typeof contactPreferences)[number];

export const followUpSatisfactions = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export type FollowUpSatisfaction = (typeof followUpSatisfactions)[number];

export const followUpSatisfactionLabels: Record<FollowUpSatisfaction, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
};

/** The complainant as the domain sees them: whether they gave their name, and masked values. */
export interface ComplainantSummary {
  realName: boolean;
  /** Masked (张*); only for real-name complaints. */
  name?: string;
  /** Masked (138****1234). */
  phone?: string;
  contactPreference?: ContactPreference;
}

/** Whom the complaint is against, as the complainant knows it. */
export interface Respondent {
  department?: string;
  window?: string;
  /** Free text: the name or staff number of the clerk as the complainant knows it. */
  clerk?: string;
  caseNo?: string;
}

/** Who acted: a staff member, or the complainant through the public lookup. */
export type HistoryActor = { username: string; role: Role } | { complainant: true };

export interface ComplaintHistoryEntry {
  /** The complaint version this entry produced (1 = registration). */
  version: number;
  action: string;
  label: string;
  from: ComplaintStatus | null;
  to: ComplaintStatus;
  at: Instant;
  by: HistoryActor;
  /** What the complainant was told. */
  told?: string;
  note?: string;
  details?: Record<string, unknown>;
}

export interface Feedback {
  satisfied: boolean;
  comment?: string;
  /** `complainant` through the public lookup, or the staff member who recorded a call. */
  by: 'complainant' | string;
  at: Instant;
}

export interface Answer {
  /** 1 for the first answer, 2 after the first re-check… */
  round: number;
  text: string;
  form: ReplyForm;
  at: Instant;
  by: string;
  /** The answer clock had run out when the answer was given. */
  late: boolean;
  /** Why, as told to the complainant; required when late. */
  lateReason?: string;
  feedback?: Feedback;
}

export interface ComplaintClocks {
  /** 登记确认: from receipt to triage. */
  acknowledge?: Clock;
  /** 答复: from assignment (or the re-check) to the answer. */
  answer?: Clock;
}

export type ComplaintClockName = keyof ComplaintClocks;

export const complaintStatuses = [
  'registered',
  'invalid',
  'assigned',
  'investigating',
  'answered',
  'rechecking',
  'followedUp',
  'closed',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const complaintStatusLabels: Record<ComplaintStatus, string> = {
  registered: '已登记，待分办',
  invalid: '不予受理',
  assigned: '已分办，待答复',
  investigating: '调查核实中',
  answered: '已答复',
  rechecking: '复核中',
  followedUp: '已回访',
  closed: '已办结',
};

export const terminalComplaintStatuses: readonly ComplaintStatus[] = ['invalid', 'closed'];

/** The bad rating a complaint was filed from, at the rater's request (差评转投诉). */
export interface RatingOrigin {
  /** The rated visit: the case whose rating page carries this complaint's number. */
  caseNo: string;
  /** The overall level, 1 or 2. */
  overall: number;
  ratedAt: Instant;
}

export interface ComplaintState {
  complaintNo: string;
  centre: string;
  version: number;
  status: ComplaintStatus;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  facts: string;
  complainant: ComplainantSummary;
  respondent: Respondent;
  /** Filed from a bad rating by the rater (channel `badRating`); absent for every other complaint. */
  fromRating?: RatingOrigin;
  /** The 12345 hotline's work-order number, for hand-overs. */
  hotlineRef?: string;
  receivedAt: Instant;
  /** The staff member who took it in; null for the public web form. */
  receivedBy: string | null;
  invalid?: { reason: InvalidReason; referredTo?: string; at: Instant; by: string };
  assignment?: {
    department: string;
    window: string;
    complexity: Complexity;
    /** Staff member who needs the identity to reply by phone or letter. */
    replyHandler: string | null;
    at: Instant;
    by: string;
  };
  findings: { text: string; at: Instant; by: string }[];
  answers: Answer[];
  followUp?: { satisfaction: FollowUpSatisfaction; note: string; at: Instant; by: string };
  closedAt?: Instant;
  clocks: ComplaintClocks;
  history: ComplaintHistoryEntry[];
  /** Files the complainant attached, as kept after their content was checked and cleaned. */
  attachments?: ComplaintAttachment[];
}

/** Who is acting, as the token describes them (same shape as a case actor). */
export interface ComplaintActor {
  username: string;
  roles: readonly Role[];
  department?: string;
  window?: string;
}

/** The complainant acting through the public lookup (number + query code checked by the caller). */
export const complainantActor = { complainant: true } as const;
export type ComplainantActor = typeof complainantActor;

export type ComplaintCommand =
  | {
      type: 'assign';
      department: string;
      window: string;
      complexity: Complexity;
      replyHandler?: string;
      told: string;
    }
  | { type: 'invalidate'; reason: InvalidReason; referredTo?: string; told: string }
  | { type: 'investigate'; findings: string }
  | { type: 'answer'; text: string; lateReason?: string }
  | { type: 'feedback'; satisfied: boolean; comment?: string }
  | { type: 'recheck'; note?: string; told: string }
  | { type: 'followUp'; satisfaction: FollowUpSatisfaction; note: string }
  | { type: 'close'; note?: string };

export type ComplaintCommandType = ComplaintCommand['type'];
