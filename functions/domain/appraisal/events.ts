/**
 * What happened in a month that the appraisal counts, as events: each names its kind, the record it
 * comes from (a case, a complaint, a rating, a card), the window and clerk it is held against, and
 * says in words what it was — the line of a score's explanation. Built from the month's records by
 * the definitions below; the figures' own definitions (functions/domain/figures) decide what is
 * overdue and what is early, so a score and the figures never disagree.
 *
 * - overdue (超法定时限): a case the month's figures list as past its statutory limit — decided late
 *   in the month, or still undecided at its end;
 * - early (提前办结): a case decided in the month before its promised due day (the figures' 提前办结);
 * - validComplaint (有效投诉): a complaint received in the month that triage found valid (assigned to
 *   a department and window); against that window, and against a clerk only where the system knows
 *   who — the handling clerk a bad rating's complaint names, or the handler of the case the
 *   complaint names (the free-text clerk a complainant typed is not a username);
 * - badRating (差评): a rating of 不满意 or 非常不满意 of a visit (delivery) in the month, unless an
 *   appeal was upheld (误评 / 恶意差评); against the window and the clerk who handled the case;
 * - badRatingLate (差评未按时回访整改): such a rating whose call-back or rectification clock ran past
 *   its deadline (read now, or when it stopped);
 * - yellowCard / redCard (黄牌 / 红牌): cards issued in the month; against the card's window, and
 *   the clerk of its subject — a case's handler, a bad rating's assignee — where there is one;
 * - commendation (表扬): a visit in the month rated 非常满意 overall with a comment written by the
 *   rater — the praise the public gives through 好差评. (Letters and banners of thanks are not
 *   recorded by the system yet.)
 */
import type { Instant } from '../calendar/instant.ts';
import { civilDateAt, toEpochMs } from '../calendar/instant.ts';
import type { ClockContext } from '../clocks/clock.ts';
import { evaluate } from '../clocks/evaluate.ts';
import { warningLevelLabels } from '../clocks/settings.ts';
import type { ComplaintState } from '../complaints/types.ts';
import { complaintCategoryLabels, complaintChannelLabels } from '../complaints/types.ts';
import { complaintReceivedOn, isValidComplaint } from '../complaints/validity.ts';
import type { CaseFacts, OverdueCase } from '../figures/facts.ts';
import { inPeriod, type Period, periodBounds } from '../figures/periods.ts';
import { maskText } from '../privacy.ts';
import { ratingClocks } from '../ratings/clocks.ts';
import { isBad, type RatingState, ratingLevelLabels } from '../ratings/types.ts';
import type { CardRecord } from '../supervision/index.ts';
import type { EventKind } from './rule.ts';

export type EventRef =
  | { kind: 'case'; id: string }
  | { kind: 'complaint'; id: string }
  | { kind: 'rating'; id: string }
  | { kind: 'card'; id: string };

export interface AppraisalEvent {
  kind: EventKind;
  /** The record it comes from: a case number, a complaint number, a rated case's number, a card id. */
  ref: EventRef;
  /** When it counted: the decision, the statutory deadline, the complaint's receipt, the rating, the card. */
  at: Instant;
  department: string;
  /** The window it is held against; null when none (a card of a department without a window). */
  window: string | null;
  /** The clerk (username) it is held against; null when the system cannot tell. */
  clerk: string | null;
  /** What happened, in words: the explanation line. */
  text: string;
  /** A commendation's words from the rater (masked), for the monthly report's prompts. */
  quote?: string;
}

/**
 * A case that was a window's or clerk's work in the month (an award needs some): decided by its
 * handler, or taken in at a general window — the intake is the general window's and its clerk's
 * work, the handling the department's (as in the figures, scopes.ts intakeOwner).
 */
export interface CaseWork {
  caseNo: string;
  department: string;
  window: string;
  clerk: string | null;
}

const day = (at: Instant | undefined | null) => (at ? civilDateAt(at) : '—');

/**
 * Overdue and early cases, the month's decisions and the cases general windows took in for the
 * departments, from the figures' facts and overdue list.
 */
export function caseEvents(
  facts: readonly CaseFacts[],
  overdue: readonly OverdueCase[],
  period: Period,
): { events: AppraisalEvent[]; decisions: CaseWork[]; takenIn: CaseWork[] } {
  const end = periodBounds(period).endMs;
  const events: AppraisalEvent[] = overdue.map((entry) => {
    const dueAt = entry.statutoryDueAt;
    const at = entry.decidedAt ?? (dueAt && toEpochMs(dueAt) < end ? dueAt : `${period.to}T23:59:59+08:00`);
    return {
      kind: 'overdue',
      ref: { kind: 'case', id: entry.caseNo },
      at,
      department: entry.owner.department,
      window: entry.owner.window,
      clerk: entry.owner.handler,
      text: `${entry.caseNo} ${entry.item.name}：超过法定时限（法定期限 ${day(dueAt)}，超出${
        entry.overdueWorkdays === 0 ? '不足 1 个工作日' : ` ${entry.overdueWorkdays} 个工作日`
      }，${entry.decidedAt ? `${day(entry.decidedAt)} 逾期办结` : '月末仍未办结'}）`,
    };
  });
  const decisions: CaseWork[] = [];
  const takenIn: CaseWork[] = [];
  for (const fact of facts) {
    if (fact.intakeOwner.window !== fact.owner.window && inPeriod(period, fact.receivedOn)) {
      takenIn.push({
        caseNo: fact.caseNo,
        department: fact.intakeOwner.department,
        window: fact.intakeOwner.window,
        clerk: fact.intakeOwner.handler,
      });
    }
    if (!fact.decidedOn || !inPeriod(period, fact.decidedOn)) continue;
    decisions.push({
      caseNo: fact.caseNo,
      department: fact.owner.department,
      window: fact.owner.window,
      clerk: fact.owner.handler,
    });
    if (!fact.early) continue;
    events.push({
      kind: 'early',
      ref: { kind: 'case', id: fact.caseNo },
      at: `${fact.decidedOn}T12:00:00+08:00`,
      department: fact.owner.department,
      window: fact.owner.window,
      clerk: fact.owner.handler,
      text: `${fact.caseNo} ${fact.item.name}：${fact.decidedOn} 在承诺期限前办结`,
    });
  }
  return { events, decisions, takenIn };
}

/** Who handled a case, by case number: for complaints and cards that name a case. */
export type CaseHandlers = ReadonlyMap<
  string,
  { handler: string | null; window: string; department: string }
>;

/** Valid complaints received in the month (complaints/validity.ts: the figures' definition). */
export function complaintEvents(
  complaints: readonly ComplaintState[],
  period: Period,
  caseHandlers: CaseHandlers,
): AppraisalEvent[] {
  return complaints.flatMap((complaint): AppraisalEvent[] => {
    if (!isValidComplaint(complaint) || !inPeriod(period, complaintReceivedOn(complaint))) return [];
    const assignment = complaint.assignment;
    const respondent = complaint.respondent;
    const clerk = complaint.fromRating
      ? (respondent.clerk ?? null)
      : respondent.caseNo
        ? (caseHandlers.get(respondent.caseNo)?.handler ?? null)
        : null;
    return [
      {
        kind: 'validComplaint',
        ref: { kind: 'complaint', id: complaint.complaintNo },
        at: complaint.receivedAt,
        department: assignment.department,
        window: assignment.window,
        clerk,
        text: `投诉 ${complaint.complaintNo}（${complaintCategoryLabels[complaint.category]}，${complaintChannelLabels[complaint.channel]}，${day(complaint.receivedAt)} 收到${respondent.caseNo ? `，涉及 ${respondent.caseNo}` : ''}）经分办为有效投诉`,
      },
    ];
  });
}

const quoteLength = 80;

/** Bad ratings, late rectifications and commendations of the month's visits. */
export function ratingEvents(
  ratings: readonly RatingState[],
  period: Period,
  now: Date,
  clocks: ClockContext,
): AppraisalEvent[] {
  const events: AppraisalEvent[] = [];
  for (const visit of ratings) {
    const rating = visit.rating;
    if (!rating || !inPeriod(period, civilDateAt(visit.deliveredAt))) continue;
    const base = {
      ref: { kind: 'rating' as const, id: visit.caseNo },
      at: rating.at,
      department: visit.department,
      window: visit.window,
      clerk: visit.handler,
    };
    const comment = rating.comment?.trim();
    if (rating.overall === 5 && comment && !visit.excluded) {
      const quote = maskText(comment);
      events.push({
        ...base,
        kind: 'commendation',
        text: `${visit.caseNo} ${visit.item.name}：评价“非常满意”并留言表扬（${day(rating.at)}）`,
        quote: [...quote].length > quoteLength ? `${[...quote].slice(0, quoteLength).join('')}…` : quote,
      });
      continue;
    }
    if (!isBad(rating.overall) || visit.excluded) continue;
    events.push({
      ...base,
      kind: 'badRating',
      text: `${visit.caseNo} ${visit.item.name}：评价“${ratingLevelLabels[rating.overall]}”（${day(rating.at)}）`,
    });
    const late = ratingClocks(visit).filter(([, clock]) => evaluate(clock, now, clocks).overdue);
    if (late.length === 0) continue;
    const names = late.map(([name]) => (name === 'callback' ? '回访核实' : '限期整改')).join('、');
    const [, first] = late[0] as (typeof late)[number];
    events.push({
      ...base,
      kind: 'badRatingLate',
      at: evaluate(first, now, clocks).dueAt ?? rating.at,
      text: `${visit.caseNo} 差评的${names}超过期限`,
    });
  }
  return events;
}

/**
 * Whom a card's subject is handled by, for a card that does not record it (issued before cards
 * named their clerk): the case's handler, the bad rating's assignee.
 */
export interface CardSubjects {
  cases: CaseHandlers;
  /** Rated case number → the clerk the rectification is assigned to. */
  ratings: ReadonlyMap<string, string>;
}

/**
 * Yellow and red cards issued in the month: against the clerk the card names — its subject's
 * handler when it was issued, as the figures count it (scopes.ts cardOwner) — or else the one
 * `subjects` gives.
 */
export function cardEvents(
  cards: readonly CardRecord[],
  period: Period,
  subjects: CardSubjects,
): AppraisalEvent[] {
  return cards.flatMap((card): AppraisalEvent[] => {
    if (!inPeriod(period, civilDateAt(card.issuedAt))) return [];
    const onCase = card.subject.kind === 'case' ? subjects.cases.get(card.subject.id) : undefined;
    const clerk =
      card.handler ??
      (card.subject.kind === 'case'
        ? (onCase?.handler ?? null)
        : card.subject.kind === 'rating'
          ? (subjects.ratings.get(card.subject.id) ?? null)
          : null);
    return [
      {
        kind: card.level === 'red' ? 'redCard' : 'yellowCard',
        ref: { kind: 'card', id: card.id },
        at: card.issuedAt,
        department: card.department,
        window: card.window ?? onCase?.window ?? null,
        clerk,
        text: `${warningLevelLabels[card.level]}：${card.subject.title}（${day(card.issuedAt)} 签发）`,
      },
    ];
  });
}
