/**
 * What one case contributes to the figures, read from its state and history: the day of each event
 * that is counted (received, accepted, notice, decision, delivery, withdrawal…), and, once decided,
 * whether it was on time, early and on the spot, and the working days it used against its limits.
 * Days are Beijing-time civil dates; working days come from the clock engine, so suspensions
 * (特别程序) are not counted and an extension is the one recorded on the clock.
 */
import type { CivilDate } from '../calendar/civil.ts';
import { civilDateAt, type Instant, toEpochMs } from '../calendar/instant.ts';
import type { CaseStatus } from '../cases/states.ts';
import type { CaseState, DecisionOutcome } from '../cases/types.ts';
import type { ItemClass } from '../catalogue/schema.ts';
import { type Clock, type ClockContext, lastEventMs } from '../clocks/clock.ts';
import { evaluate } from '../clocks/evaluate.ts';
import { monthOfInstant, monthsBetween } from './periods.ts';
import { type CaseOwner, handlingOwner, intakeOwner } from './scopes.ts';
import type { FigureSettings } from './settings.ts';

export interface CaseFacts {
  caseNo: string;
  item: { code: string; name: string; class: ItemClass };
  /** Who handles it (scopes.ts handlingOwner): every count but the intake's. */
  owner: CaseOwner;
  /** Who took it in (scopes.ts intakeOwner): the intake's counts — the general window's, for a case taken in there. */
  intakeOwner: CaseOwner;
  status: CaseStatus;
  receivedOn: CivilDate;
  /** Accepted (受理), including an instant settlement, which accepts and decides at once. */
  acceptedOn?: CivilDate;
  notAcceptedOn?: CivilDate;
  /** The first correction notice (一次性告知) and how many were given. */
  correctionNoticeOn?: CivilDate;
  correctionNotices: number;
  instantSettledOn?: CivilDate;
  decidedOn?: CivilDate;
  outcome?: DecisionOutcome;
  deliveredOn?: CivilDate;
  withdrawnOn?: CivilDate;
  /** Decided by the promised deadline (an instant settlement always is). */
  onTime?: boolean;
  /** Decided on a day before the promised due day. */
  early?: boolean;
  /** Decided on the day of the visit (settings.onTheSpotVisit). */
  onTheSpot?: boolean;
  /** Decision clocks only: working days used (suspensions excluded) and the limits, before any extension. */
  workdays?: { used: number; promised: number; statutory: number };
}

/**
 * The counts of the intake (收件): received and correction notices (and so the correction-notice
 * rate, one over the other) count for whoever took the case in; every other count, rate and list
 * for whoever handles it.
 */
export const intakeCountKeys = ['received', 'correctionNotices'] as const;

/** Whom a figure of the case counts for: its intake owner for the intake's counts, else its handling owner. */
export function figureOwner(figure: string, facts: Pick<CaseFacts, 'owner' | 'intakeOwner'>): CaseOwner {
  return (intakeCountKeys as readonly string[]).includes(figure) ? facts.intakeOwner : facts.owner;
}

function withoutExtension(clock: Clock): Clock {
  const { extension: _extension, ...rest } = clock;
  return rest;
}

const dayOf = (at: Instant | undefined) => (at === undefined ? undefined : civilDateAt(at));

export function caseFacts(state: CaseState, ctx: ClockContext, settings: FigureSettings): CaseFacts {
  const instant = state.history.find((entry) => entry.transition === 'settleInstantly');
  const withdrawn = state.history.find((entry) => entry.transition === 'withdraw');
  const decidedAt = state.decision?.at;
  const facts: CaseFacts = {
    caseNo: state.caseNo,
    item: { code: state.item.code, name: state.item.name, class: state.item.class },
    owner: handlingOwner(state),
    intakeOwner: intakeOwner(state),
    status: state.status,
    receivedOn: civilDateAt(state.receivedAt),
    correctionNotices: state.correctionNotices.length,
  };
  const set = <K extends keyof CaseFacts>(key: K, value: CaseFacts[K] | undefined) => {
    if (value !== undefined) facts[key] = value;
  };
  set('acceptedOn', dayOf(state.acceptedAt));
  set('notAcceptedOn', dayOf(state.notAccepted?.at));
  set('correctionNoticeOn', dayOf(state.correctionNotices[0]?.issuedAt));
  set('instantSettledOn', dayOf(instant?.at));
  set('decidedOn', dayOf(decidedAt));
  set('outcome', state.decision?.outcome);
  set('deliveredOn', dayOf(state.delivery?.at));
  set('withdrawnOn', dayOf(withdrawn?.at));
  if (decidedAt === undefined) return facts;
  const visitAt = settings.onTheSpotVisit === 'receipt' ? state.receivedAt : state.lastSubmissionAt;
  facts.onTheSpot = civilDateAt(decidedAt) === civilDateAt(visitAt);
  const { promised, statutory } = state.clocks;
  if (instant || !promised) {
    facts.onTime = true;
    facts.early = false;
    return facts;
  }
  const judged = settings.extensionCountsForOnTime ? promised : withoutExtension(promised);
  const status = evaluate(judged, decidedAt, ctx);
  facts.onTime = !status.overdue;
  facts.early = status.dueDate !== null && civilDateAt(decidedAt) < status.dueDate;
  if (statutory) {
    facts.workdays = {
      used: evaluate(statutory, decidedAt, ctx).usedWorkdays,
      promised: promised.budget,
      statutory: statutory.budget,
    };
  }
  return facts;
}

/** A case past its statutory limit (超法定时限), as listed under the overdue figure. */
export interface OverdueCase {
  caseNo: string;
  item: { code: string; name: string };
  owner: CaseOwner;
  status: CaseStatus;
  statutoryDueAt: Instant | null;
  overdueWorkdays: number;
  /** The decision, if it came (late); absent while the case was still undecided at the period's end. */
  decidedAt?: Instant;
}

/**
 * What the overdue figure needs of a case: its statutory clock, who holds it, what it is. Small
 * enough to be kept apart from the case (store/figures keeps the open ones and the late ones), so a
 * period lists its overdue cases without reading its cases.
 */
export interface OverdueSubject {
  caseNo: string;
  item: { code: string; name: string };
  owner: CaseOwner;
  status: CaseStatus;
  statutory: Clock;
  decidedAt?: Instant;
}

export function overdueSubjectOf(state: CaseState): OverdueSubject | undefined {
  const statutory = state.clocks.statutory;
  if (!statutory) return undefined;
  return {
    caseNo: state.caseNo,
    item: { code: state.item.code, name: state.item.name },
    owner: handlingOwner(state),
    status: state.status,
    statutory,
    ...(state.decision ? { decidedAt: state.decision.at } : {}),
  };
}

/**
 * Whether the case was past its statutory limit in the period: its statutory clock, read as of the
 * period's end (or `asOfMs`, if earlier), had passed its due instant — decided late in the period,
 * or still undecided then. A clock that stopped before the period began belongs to an earlier one.
 */
export function overdueInPeriod(
  subject: OverdueSubject,
  period: { startMs: number; endMs: number },
  asOfMs: number,
  ctx: ClockContext,
): OverdueCase | undefined {
  const clock = subject.statutory;
  if (toEpochMs(clock.start) >= period.endMs) return undefined;
  if (clock.stoppedAt !== undefined && toEpochMs(clock.stoppedAt) < period.startMs) return undefined;
  const asOf = Math.min(period.endMs - 1, asOfMs);
  if (asOf < toEpochMs(clock.start)) return undefined;
  const status = evaluate(clock, new Date(asOf), ctx);
  if (!status.overdue) return undefined;
  const decidedAt = subject.decidedAt;
  return {
    caseNo: subject.caseNo,
    item: subject.item,
    owner: subject.owner,
    status: subject.status,
    statutoryDueAt: status.dueAt,
    overdueWorkdays: status.overdueWorkdays,
    ...(decidedAt && toEpochMs(decidedAt) <= asOf ? { decidedAt } : {}),
  };
}

/**
 * Where a case can be found when a period's overdue cases are listed, without reading the cases:
 * - a stopped clock that ended past its limit (decided or withdrawn late): in each month from the
 *   clock's start to its stop (`months`; the reader checks each period exactly);
 * - an open clock: from the instant it turns overdue if nothing happens (`watchFrom`: the red
 *   threshold of a running clock; the start of one suspended after it was already overdue — a
 *   suspension freezes the level); a clock suspended in time cannot turn overdue until it resumes,
 *   and the resumption is a command that moves the case again.
 * A superset: overdueInPeriod decides.
 */
export interface OverdueCandidacy {
  watchFrom?: Instant;
  months?: string[];
}

export function overdueCandidacy(subject: OverdueSubject, ctx: ClockContext): OverdueCandidacy {
  const clock = subject.statutory;
  if (clock.stoppedAt !== undefined) {
    if (!evaluate(clock, clock.stoppedAt, ctx).overdue) return {};
    return {
      months: monthsBetween(monthOfInstant(clock.start), monthOfInstant(clock.stoppedAt)),
    };
  }
  const status = evaluate(clock, new Date(lastEventMs(clock)), ctx);
  if (status.state === 'suspended') return status.level === 'red' ? { watchFrom: clock.start } : {};
  return status.redFrom ? { watchFrom: status.redFrom } : {};
}
