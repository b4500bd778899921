/**
 * The clocks the law and practice need, with their statutory limits (行政许可法):
 * - correction notice (一次性告知): 5 working days from receipt of the materials (Art. 32); when
 *   missed, the application counts as accepted from the day the materials were received;
 * - decision: 20 working days from acceptance unless the item sets another limit, one extension of
 *   up to 10; joint / centralised handling 45 + 15 (Art. 42). Timed twice, statutory and promised;
 * - certificate delivery: 10 working days from the decision (Art. 44);
 * - owed materials (容缺受理): the item's owed period, working days from acceptance;
 * - verification (告知承诺制, 事后核查): the item's check period, working days from the decision;
 * - generic: complaints, bad-rating rectification, internal steps — budget from settings.
 */
import type { Calendar } from '../calendar/calendar.ts';
import { type Instant, normalizeInstant, toEpochMs } from '../calendar/instant.ts';
import { type Clock, startClock } from './clock.ts';
import { ClockError } from './errors.ts';
import { dueOf } from './evaluate.ts';

export const statutoryLimits = {
  correctionNotice: 5,
  decision: 20,
  decisionExtension: 10,
  jointDecision: 45,
  jointDecisionExtension: 15,
  delivery: 10,
} as const;

/** The clock for issuing the one-time correction notice, started when the materials arrive. */
export function correctionNoticeClock(receivedAt: Instant | Date): Clock {
  return startClock({
    kind: 'correctionNotice',
    label: '一次性告知',
    start: receivedAt,
    budget: statutoryLimits.correctionNotice,
  });
}

export interface CorrectionNoticeOutcome {
  /** `pending`: no notice yet and still in time; `inTime`: notice issued by the due instant. */
  status: 'pending' | 'inTime' | 'late';
  dueAt: Instant;
  /** The notice was not issued in time: the application counts as accepted … */
  deemedAccepted: boolean;
  /** … from the day the materials were received (the clock's start). */
  acceptedFrom?: Instant;
  provisional: boolean;
}

/**
 * Whether the correction notice was (or still can be) issued in time. `noticeIssuedAt` is when the
 * notice was given to the applicant, if it has been; `now` is when the question is asked.
 */
export function correctionNoticeOutcome(
  clock: Clock,
  noticeIssuedAt: Instant | Date | undefined,
  now: Instant | Date,
  calendar: Calendar,
): CorrectionNoticeOutcome {
  if (clock.kind !== 'correctionNotice') {
    throw new ClockError('invalid-argument', `Expected a correctionNotice clock, got ${clock.kind}.`);
  }
  const due = dueOf(clock, calendar);
  if (!due) throw new ClockError('invalid-argument', 'A correction-notice clock cannot be suspended.');
  const dueMs = toEpochMs(due.dueAt);
  const issuedMs = noticeIssuedAt === undefined ? undefined : toEpochMs(noticeIssuedAt);
  const late = issuedMs === undefined ? toEpochMs(now) >= dueMs : issuedMs >= dueMs;
  const status = late ? 'late' : issuedMs === undefined ? 'pending' : 'inTime';
  return {
    status,
    dueAt: due.dueAt,
    deemedAccepted: late,
    ...(late ? { acceptedFrom: clock.start } : {}),
    provisional: due.provisional,
  };
}

export interface DecisionClockInput {
  /** Acceptance (受理) — or, when the correction notice was late, the receipt of the materials. */
  acceptedAt: Instant | Date;
  /** The item's promised limit (承诺时限); 0 for an instant item decided the same day. */
  promisedWorkdays: number;
  /** The item's statutory limit; default 20, or 45 for joint handling. */
  statutoryWorkdays?: number;
  /** Joint / centralised handling (联办): 45 days, extension up to 15. */
  joint?: boolean;
  /** Override of the most an extension may add; default 10, or 15 for joint handling. */
  maxExtensionDays?: number;
}

export interface DecisionClocks {
  promised: Clock;
  statutory: Clock;
}

/** The two decision clocks of a case, started together; promised must not exceed statutory. */
export function decisionClocks(input: DecisionClockInput): DecisionClocks {
  const joint = input.joint ?? false;
  const statutoryWorkdays =
    input.statutoryWorkdays ?? (joint ? statutoryLimits.jointDecision : statutoryLimits.decision);
  const maxExtensionDays =
    input.maxExtensionDays ??
    (joint ? statutoryLimits.jointDecisionExtension : statutoryLimits.decisionExtension);
  if (input.promisedWorkdays > statutoryWorkdays) {
    throw new ClockError(
      'invalid-argument',
      `The promised limit (${input.promisedWorkdays}) exceeds the statutory limit (${statutoryWorkdays}).`,
    );
  }
  const start = normalizeInstant(input.acceptedAt);
  const common = { kind: 'decision' as const, start, maxExtensionDays, suspendable: true };
  return {
    promised: startClock({ ...common, basis: 'promised', label: '承诺时限', budget: input.promisedWorkdays }),
    statutory: startClock({ ...common, basis: 'statutory', label: '法定时限', budget: statutoryWorkdays }),
  };
}

/** Certificate issue and delivery: 10 working days from the decision (Art. 44). */
export function deliveryClock(decidedAt: Instant | Date, workdays: number = statutoryLimits.delivery): Clock {
  return startClock({ kind: 'delivery', label: '送达证件', start: decidedAt, budget: workdays });
}

export interface GenericClockInput {
  start: Instant | Date;
  workdays: number;
  label: string;
  maxExtensionDays?: number;
  suspendable?: boolean;
}

/** A clock for complaints, bad-rating rectification, card answers, internal steps. */
export function genericClock(input: GenericClockInput): Clock {
  return startClock({
    kind: 'generic',
    label: input.label,
    start: input.start,
    budget: input.workdays,
    ...(input.maxExtensionDays === undefined ? {} : { maxExtensionDays: input.maxExtensionDays }),
    ...(input.suspendable === undefined ? {} : { suspendable: input.suspendable }),
  });
}

/** 容缺受理: the owed materials are due `workdays` working days after acceptance (the item's rule). */
export function owedMaterialsClock(acceptedAt: Instant | Date, workdays: number): Clock {
  return startClock({ kind: 'owedMaterials', label: '容缺材料补齐', start: acceptedAt, budget: workdays });
}

/** 告知承诺制: the commitment is checked within `workdays` working days of the decision (事后核查). */
export function verificationClock(decidedAt: Instant | Date, workdays: number): Clock {
  return startClock({ kind: 'verification', label: '事后核查', start: decidedAt, budget: workdays });
}
