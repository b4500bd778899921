/**
 * What a complaint shows, by who looks:
 * - the supervision office: everything, the complainant masked (name 张*, phone 138****1234);
 * - the respondent window and department (and a named reply handler): facts, respondent, category,
 *   assignment, answers, history — not who complained, not even masked: only `realName`;
 * - the complainant (public lookup with number and code): status, dates, the reply where it is
 *   given online, the late reason, whether feedback is possible — never an identity or staff name.
 */
import type { Instant } from '../calendar/instant.ts';
import type { Clock, ClockContext } from '../clocks/clock.ts';
import { evaluate, worstLevel } from '../clocks/evaluate.ts';
import type { WarningLevel } from '../clocks/settings.ts';
import { maskText } from '../privacy.ts';
import { availableComplaintCommands } from './transitions.ts';
import {
  type ComplaintClockName,
  type ComplaintState,
  complaintCategoryLabels,
  complaintChannelLabels,
  complaintStatusLabels,
  complexityLabels,
  invalidReasonLabels,
  replyFormLabels,
} from './types.ts';

export type ComplaintViewer = 'supervisor' | 'respondent';

export interface ComplaintClockSummary {
  name: ComplaintClockName;
  label: string;
  state: 'running' | 'suspended' | 'stopped';
  start: Instant;
  budget: number;
  dueAt: Instant | null;
  leftWorkdays: number;
  overdue: boolean;
  level: WarningLevel;
}

function summarize(name: ComplaintClockName, clock: Clock, now: Instant | Date, ctx: ClockContext) {
  const status = evaluate(clock, now, ctx);
  return {
    name,
    label: clock.label ?? name,
    state: status.state,
    start: clock.start,
    budget: status.budget,
    dueAt: status.dueAt,
    leftWorkdays: status.leftWorkdays,
    overdue: status.overdue,
    level: status.level,
  } satisfies ComplaintClockSummary;
}

export function complaintClockSummaries(
  state: ComplaintState,
  now: Instant | Date,
  ctx: ClockContext,
): ComplaintClockSummary[] {
  return (Object.entries(state.clocks) as [ComplaintClockName, Clock][])
    .filter(([, clock]) => clock !== undefined)
    .map(([name, clock]) => summarize(name, clock, now, ctx));
}

/** The worst level among the running clocks, computed now. */
export function complaintWarningLevel(
  state: ComplaintState,
  now: Instant | Date,
  ctx: ClockContext,
): WarningLevel {
  return worstLevel(
    ...complaintClockSummaries(state, now, ctx)
      .filter((clock) => clock.state === 'running')
      .map((clock) => clock.level),
  );
}

/** The due instant of the running clock, if any (the acknowledgement, or the answer). */
export function complaintDueAt(state: ComplaintState, ctx: ClockContext): Instant | null {
  const running = (Object.values(state.clocks) as (Clock | undefined)[]).find(
    (clock) => clock && clock.stoppedAt === undefined,
  );
  return running ? evaluate(running, running.start, ctx).dueAt : null;
}

export function complaintStaffView(
  state: ComplaintState,
  viewer: ComplaintViewer,
  now: Instant | Date,
  ctx: ClockContext,
) {
  const { clocks: _clocks, complainant, ...rest } = state;
  return {
    ...rest,
    statusLabel: complaintStatusLabels[state.status],
    channelLabel: complaintChannelLabels[state.channel],
    categoryLabel: complaintCategoryLabels[state.category],
    ...(state.assignment ? { complexityLabel: complexityLabels[state.assignment.complexity] } : {}),
    ...(state.invalid ? { invalidReasonLabel: invalidReasonLabels[state.invalid.reason] } : {}),
    complainant: viewer === 'supervisor' ? complainant : { realName: complainant.realName },
    clocks: complaintClockSummaries(state, now, ctx),
    warningLevel: complaintWarningLevel(state, now, ctx),
    availableActions: availableComplaintCommands(state.status),
  };
}

export type ComplaintStaffView = ReturnType<typeof complaintStaffView>;

export interface PublicComplaintAnswer {
  round: number;
  at: Instant;
  form: string;
  formLabel: string;
  /** The reply text, where the reply is given online; otherwise it went by phone, letter… */
  text: string | null;
  late: boolean;
  lateReason: string | null;
  feedback: { satisfied: boolean; at: Instant } | null;
}

export interface PublicComplaintView {
  complaintNo: string;
  status: string;
  statusLabel: string;
  category: string;
  categoryLabel: string;
  channelLabel: string;
  /** The rated visit, for a complaint the rater filed with a bad rating (the rater knows the number). */
  fromRating: { caseNo: string } | null;
  receivedAt: Instant;
  /** When the complaint is to be acknowledged (triaged), while that is pending. */
  acknowledgeDueAt: Instant | null;
  /** When the reply is due, while one is being prepared. */
  answerDueAt: Instant | null;
  invalid: { reasonLabel: string; referredTo: string | null; told: string | null } | null;
  answers: PublicComplaintAnswer[];
  /** The complainant may say satisfied or dissatisfied with the latest answer now. */
  feedbackOpen: boolean;
  steps: { label: string; at: Instant; told: string | null }[];
  closedAt: Instant | null;
}

function dueWhileRunning(clock: Clock | undefined, ctx: ClockContext): Instant | null {
  if (!clock || clock.stoppedAt !== undefined) return null;
  return evaluate(clock, clock.start, ctx).dueAt;
}

export function complaintPublicView(state: ComplaintState, ctx: ClockContext): PublicComplaintView {
  const latest = state.answers.at(-1);
  const invalidTold = [...state.history].reverse().find((entry) => entry.action === 'invalidate')?.told;
  return {
    complaintNo: state.complaintNo,
    status: state.status,
    statusLabel: complaintStatusLabels[state.status],
    category: state.category,
    categoryLabel: complaintCategoryLabels[state.category],
    channelLabel: complaintChannelLabels[state.channel],
    fromRating: state.fromRating ? { caseNo: state.fromRating.caseNo } : null,
    receivedAt: state.receivedAt,
    acknowledgeDueAt: dueWhileRunning(state.clocks.acknowledge, ctx),
    answerDueAt: dueWhileRunning(state.clocks.answer, ctx),
    invalid: state.invalid
      ? {
          reasonLabel: invalidReasonLabels[state.invalid.reason],
          referredTo: state.invalid.referredTo ?? null,
          told: invalidTold ? maskText(invalidTold) : null,
        }
      : null,
    answers: state.answers.map((answer) => ({
      round: answer.round,
      at: answer.at,
      form: answer.form,
      formLabel: replyFormLabels[answer.form],
      text: answer.form === 'web' ? maskText(answer.text) : null,
      late: answer.late,
      lateReason: answer.lateReason ? maskText(answer.lateReason) : null,
      feedback: answer.feedback ? { satisfied: answer.feedback.satisfied, at: answer.feedback.at } : null,
    })),
    feedbackOpen: state.status === 'answered' && latest !== undefined && !latest.feedback,
    // Steps with dates; what the complainant was told only where it was addressed to them.
    steps: state.history.map((entry) => ({
      label: entry.label,
      at: entry.at,
      told: entry.told && entry.action !== 'answer' ? maskText(entry.told) : null,
    })),
    closedAt: state.closedAt ?? null,
  };
}
