/**
 * Supervision (电子监察, domain.md §6) as pure rules: which warning levels are new since the last
 * sweep, who an escalation goes to, the card recorded for a yellow or red level with the
 * department's answer clock, and the event that announces it. No AWS, no process, time comes in.
 *
 * A level is identified by the clock, the level and the instant it began (`since`, the threshold the
 * clock engine computes). Re-evaluating the same clock at any later instant gives the same triple,
 * so the event id built from it is deterministic: sweeps that run twice, overlap or are retried all
 * name the same event the same way.
 */

import { formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import { runningClocks } from '../cases/case-clocks.ts';
import type { CaseState } from '../cases/types.ts';
import type { Clock, ClockContext } from '../clocks/clock.ts';
import { lastEventMs, stop } from '../clocks/clock.ts';
import { dueOf, evaluate, nextCheckAt } from '../clocks/evaluate.ts';
import { genericClock } from '../clocks/kinds.ts';
import { type WarningLevel, warningLevelLabels, warningLevels } from '../clocks/settings.ts';

/** What carries clocks the sweep watches. Complaints, ratings and tickets plug in with their own adapter. */
export type SubjectKind = 'case' | 'complaint' | 'rating' | 'card' | 'ticket';

/**
 * A limit in minutes of real time rather than working days — a queue ticket's wait target
 * (domain.md §10): the clock engine counts working days, so such a limit is its own plain
 * instant. From `dueAt` on it stands at `level`; it never moves and has no further threshold.
 */
export interface RealTimeTarget {
  label: string;
  dueAt: Instant;
  level: AnnouncedLevel;
}

export interface Subject {
  kind: SubjectKind;
  /** Case number, complaint number…, or the card id. */
  id: string;
  title: string;
  department: string;
  window?: string;
  handler?: string | null;
  /** The case a card or complaint is about, when there is one. */
  caseNo?: string;
  /** The clocks that still run (suspended ones included: they hold their level). */
  clocks: [string, Clock][];
  /** Limits in real time that still run (a waiting ticket's wait target). */
  targets?: [string, RealTimeTarget][];
}

/** The level last recorded for one clock, and the instant it began. */
export interface RecordedLevel {
  level: WarningLevel;
  since: Instant | null;
}

export type RecordedLevels = Record<string, RecordedLevel>;

export type Recipient =
  | { kind: 'user'; username: string }
  | { kind: 'window'; window: string }
  | { kind: 'role'; role: 'chief' | 'leader'; department: string }
  | { kind: 'role'; role: 'supervisor' };

export type AnnouncedLevel = Exclude<WarningLevel, 'normal'>;

export interface SupervisionSettings {
  /** Working days a department has to answer a yellow or red card (domain.md §6: 5 [local]). */
  cardAnswerWorkdays: number;
}

export const defaultSupervisionSettings: SupervisionSettings = { cardAnswerWorkdays: 5 };

export interface CardRecord {
  /** Same as the id of the event that announced it. */
  id: string;
  level: 'yellow' | 'red';
  subject: { kind: SubjectKind; id: string; title: string };
  clock: string;
  department: string;
  window?: string;
  /** Whom the level was escalated to at the window (the handling clerk), when someone handled it. */
  handler?: string;
  issuedAt: Instant;
  /** The department's answer (督办回复) has its own clock. */
  answerClock: Clock;
  answerDueAt: Instant | null;
  answeredAt?: Instant;
  answer?: string;
  answeredBy?: string;
}

export interface SupervisionEvent {
  /** Deterministic: `<subject kind>:<subject id>:<clock>:<level>:<since>`. */
  eventId: string;
  /** CaseReminded, CaseYellowCard, CaseRedCard, ComplaintYellowCard, CardAnswerRedCard… */
  type: string;
  level: AnnouncedLevel;
  levelLabel: string;
  previousLevel: WarningLevel;
  /** When the level began (the threshold instant), not when the sweep noticed it. */
  occurredAt: Instant;
  /** The sweep instant that noticed it. */
  detectedAt: Instant;
  subject: { kind: SubjectKind; id: string; title: string; caseNo?: string };
  clock: { name: string; label: string; dueAt: Instant | null };
  department: string;
  window?: string;
  handler?: string;
  recipients: Recipient[];
  card?: { id: string; answerDueAt: Instant | null };
}

const subjectPrefix: Record<SubjectKind, string> = {
  case: 'Case',
  complaint: 'Complaint',
  rating: 'Rating',
  card: 'CardAnswer',
  ticket: 'Ticket',
};

/**
 * Subjects whose yellow and red levels record no card (督办单): a card's own answer clock, and a
 * queue ticket — a long wait is a staffing matter for the chief at that moment (the inbox), and the
 * counter's figures keep it; a written answer within working days would come long after the visitor left.
 */
const withoutCards: readonly SubjectKind[] = ['card', 'ticket'];

const levelSuffix: Record<AnnouncedLevel, string> = {
  remind: 'Reminded',
  yellow: 'YellowCard',
  red: 'RedCard',
};

export function eventType(kind: SubjectKind, level: AnnouncedLevel): string {
  return `${subjectPrefix[kind]}${levelSuffix[level]}`;
}

export const eventSource = 'yichuang.supervision';

export function rank(level: WarningLevel): number {
  return warningLevels.indexOf(level);
}

export function eventIdOf(
  subject: Pick<Subject, 'kind' | 'id'>,
  clock: string,
  level: WarningLevel,
  since: Instant | null,
): string {
  return `${subject.kind}:${subject.id}:${clock}:${level}:${since ?? '-'}`;
}

/**
 * Who an escalation goes to (domain.md §6): remind and yellow to the handling clerk (the window,
 * while nobody handles it) and the department's chief; red also to the department leader and the
 * supervision office.
 */
export function escalationRecipients(
  level: AnnouncedLevel,
  subject: Pick<Subject, 'department' | 'window' | 'handler'>,
): Recipient[] {
  const recipients: Recipient[] = [];
  if (subject.handler) recipients.push({ kind: 'user', username: subject.handler });
  else if (subject.window) recipients.push({ kind: 'window', window: subject.window });
  recipients.push({ kind: 'role', role: 'chief', department: subject.department });
  if (level === 'red') {
    recipients.push({ kind: 'role', role: 'leader', department: subject.department });
    recipients.push({ kind: 'role', role: 'supervisor' });
  }
  return recipients;
}

/** The inbox an escalation is filed in: one per user, window, role in a department, or office. */
export function inboxAddress(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'user':
      return `user#${recipient.username}`;
    case 'window':
      return `window#${recipient.window}`;
    case 'role':
      return recipient.role === 'supervisor' ? 'supervisor' : `${recipient.role}#${recipient.department}`;
  }
}

/** The department code of work that belongs to the supervision office itself. */
export const supervisionOffice = 'supervision';

export interface Reader {
  username: string;
  roles: readonly string[];
  department?: string;
  window?: string;
}

/** Every inbox a staff member reads: their own, their window's, their role's in their department. */
export function inboxAddressesOf(reader: Reader): string[] {
  const addresses = [`user#${reader.username}`];
  if (reader.roles.includes('clerk') && reader.window) addresses.push(`window#${reader.window}`);
  if (reader.roles.includes('chief') && reader.department) addresses.push(`chief#${reader.department}`);
  if (reader.roles.includes('leader') && reader.department) addresses.push(`leader#${reader.department}`);
  if (reader.roles.includes('supervisor') || reader.roles.includes('admin')) {
    // The office is the "department" of its own work (a complaint before triage): what goes to that
    // department's chief or leader is the office's to read.
    addresses.push('supervisor', `chief#${supervisionOffice}`, `leader#${supervisionOffice}`);
  }
  return addresses;
}

function sinceOf(level: WarningLevel, status: ReturnType<typeof evaluate>): Instant | null {
  if (level === 'red') return status.redFrom;
  if (level === 'yellow') return status.yellowFrom;
  if (level === 'remind') return status.remindFrom;
  return null;
}

export interface LevelChange {
  clock: string;
  label: string;
  from: WarningLevel;
  to: WarningLevel;
  since: Instant | null;
  dueAt: Instant | null;
  /** A new level to announce (not a return to normal). */
  announce: boolean;
}

/**
 * Compares each clock's level at `now` with what was recorded. A suspended clock holds (its level
 * froze when the suspension began, and its thresholds are unknown); a stopped one is left alone.
 * A level is announced when it is not normal and either more severe than the recorded one or a new
 * crossing (its threshold moved: an extension, a calendar amendment). A lower level is recorded
 * without an announcement.
 */
export function levelChanges(
  subject: Pick<Subject, 'clocks' | 'targets'>,
  recorded: RecordedLevels,
  now: Instant | Date,
  ctx: ClockContext,
): LevelChange[] {
  const changes: LevelChange[] = [];
  for (const [name, clock] of subject.clocks) {
    const status = evaluate(clock, now, ctx);
    if (status.state !== 'running') continue;
    const since = sinceOf(status.level, status);
    const before = recorded[name] ?? { level: 'normal', since: null };
    if (before.level === status.level && before.since === since) continue;
    const announce =
      status.level !== 'normal' && (rank(status.level) > rank(before.level) || before.since !== since);
    changes.push({
      clock: name,
      label: clock.label ?? name,
      from: before.level,
      to: status.level,
      since,
      dueAt: status.dueAt,
      announce,
    });
  }
  const nowMs = toEpochMs(now);
  for (const [name, target] of subject.targets ?? []) {
    const reached = nowMs >= toEpochMs(target.dueAt);
    const level: WarningLevel = reached ? target.level : 'normal';
    const since = reached ? target.dueAt : null;
    const before = recorded[name] ?? { level: 'normal', since: null };
    if (before.level === level && before.since === since) continue;
    changes.push({
      clock: name,
      label: target.label,
      from: before.level,
      to: level,
      since,
      dueAt: target.dueAt,
      announce: level !== 'normal' && (rank(level) > rank(before.level) || before.since !== since),
    });
  }
  return changes;
}

export function applyChanges(recorded: RecordedLevels, changes: readonly LevelChange[]): RecordedLevels {
  const next: RecordedLevels = { ...recorded };
  for (const change of changes) next[change.clock] = { level: change.to, since: change.since };
  return next;
}

/** The card recorded for a yellow or red level; its answer clock starts when the level began. */
export function cardFor(
  event: Pick<
    SupervisionEvent,
    'eventId' | 'level' | 'occurredAt' | 'subject' | 'clock' | 'department' | 'window' | 'handler'
  >,
  ctx: ClockContext,
  settings: SupervisionSettings = defaultSupervisionSettings,
): CardRecord | null {
  if (event.level !== 'yellow' && event.level !== 'red') return null;
  const answerClock = genericClock({
    start: event.occurredAt,
    workdays: settings.cardAnswerWorkdays,
    label: `督办回复（${warningLevelLabels[event.level]}）`,
    suspendable: false,
  });
  return {
    id: event.eventId,
    level: event.level,
    subject: { kind: event.subject.kind, id: event.subject.id, title: event.subject.title },
    clock: event.clock.name,
    department: event.department,
    ...(event.window ? { window: event.window } : {}),
    ...(event.handler ? { handler: event.handler } : {}),
    issuedAt: event.occurredAt,
    answerClock,
    answerDueAt: dueOf(answerClock, ctx.calendar)?.dueAt ?? null,
  };
}

/** A card as a subject: its answer clock runs until the department answers. */
export function cardSubject(card: CardRecord): Subject {
  return {
    kind: 'card',
    id: card.id,
    title: `${card.subject.title}：督办回复`,
    department: card.department,
    ...(card.window ? { window: card.window } : {}),
    handler: null,
    ...(card.subject.kind === 'case' ? { caseNo: card.subject.id } : {}),
    clocks: card.answeredAt || card.answerClock.stoppedAt ? [] : [['answer', card.answerClock]],
  };
}

/** The events announcing the new levels in `changes`, with recipients and, for cards, the card id. */
export function buildEvents(
  subject: Subject,
  changes: readonly LevelChange[],
  now: Instant | Date,
  ctx: ClockContext,
  settings: SupervisionSettings = defaultSupervisionSettings,
): SupervisionEvent[] {
  const detectedAt = formatInstant(toEpochMs(now));
  return changes.flatMap((change) => {
    if (!change.announce || change.to === 'normal') return [];
    const level = change.to;
    const occurredAt = change.since ?? detectedAt;
    const base: SupervisionEvent = {
      eventId: eventIdOf(subject, change.clock, level, change.since),
      type: eventType(subject.kind, level),
      level,
      levelLabel: warningLevelLabels[level],
      previousLevel: change.from,
      occurredAt,
      detectedAt,
      subject: {
        kind: subject.kind,
        id: subject.id,
        title: subject.title,
        ...(subject.caseNo ? { caseNo: subject.caseNo } : {}),
      },
      clock: { name: change.clock, label: change.label, dueAt: change.dueAt },
      department: subject.department,
      ...(subject.window ? { window: subject.window } : {}),
      ...(subject.handler ? { handler: subject.handler } : {}),
      recipients: escalationRecipients(level, subject),
    };
    const card = withoutCards.includes(subject.kind) ? null : cardFor(base, ctx, settings);
    return [card ? { ...base, card: { id: card.id, answerDueAt: card.answerDueAt } } : base];
  });
}

/** Sorts after every real instant: the item stays in the running-clocks index but is never due. */
export const neverDue: Instant = '9999-12-31T23:59:59+08:00';

/**
 * The next instant any of the subject's clocks or targets changes level by itself; {@link neverDue}
 * if none while a working-day clock still runs (it stays in the index); null — leave the index —
 * when nothing runs, or only real-time targets already passed (they have nothing more to say).
 */
export function subjectNextCheckAt(
  subject: Pick<Subject, 'clocks' | 'targets'>,
  now: Instant | Date,
  ctx: ClockContext,
): Instant | null {
  const targets = subject.targets ?? [];
  if (subject.clocks.length === 0 && targets.length === 0) return null;
  let next: number | null = null;
  for (const [, clock] of subject.clocks) {
    const check = nextCheckAt(clock, now, ctx);
    if (check && (next === null || toEpochMs(check.at) < next)) next = toEpochMs(check.at);
  }
  const nowMs = toEpochMs(now);
  for (const [, target] of targets) {
    const due = toEpochMs(target.dueAt);
    if (due > nowMs && (next === null || due < next)) next = due;
  }
  if (next !== null) return formatInstant(next);
  return subject.clocks.length > 0 ? neverDue : null;
}

export interface SweepPlan {
  changes: LevelChange[];
  recorded: RecordedLevels;
  events: SupervisionEvent[];
}

/** What one sweep does to one subject: the level changes, the levels to record, the events. */
export function planSubject(
  subject: Subject,
  recorded: RecordedLevels,
  now: Instant | Date,
  ctx: ClockContext,
  settings: SupervisionSettings = defaultSupervisionSettings,
): SweepPlan {
  const changes = levelChanges(subject, recorded, now, ctx);
  return {
    changes,
    recorded: applyChanges(recorded, changes),
    events: buildEvents(subject, changes, now, ctx, settings),
  };
}

/** A case as a subject: its running (or suspended) clocks, its department, window and handler. */
export function caseSubject(state: CaseState): Subject {
  return {
    kind: 'case',
    id: state.caseNo,
    title: state.item.name,
    department: state.department,
    window: state.window,
    handler: state.handler,
    caseNo: state.caseNo,
    clocks: runningClocks(state.clocks),
  };
}

/** Why a card answer was refused. */
export type CardAnswerRefusal = 'not-permitted' | 'already-answered' | 'answer-required';

export class CardAnswerError extends Error {
  override readonly name = 'CardAnswerError';
  constructor(
    readonly code: CardAnswerRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface CardAnswerer {
  username: string;
  roles: readonly string[];
  department?: string;
}

/**
 * The department's answer to a card (督办回复): what it found and what it did. Its chief
 * representative or leader answers (domain.md §6: "the department answers"); the supervision
 * office reads the answer but does not write it for them. The answer stops the answer clock, so
 * the card leaves the sweep; a late answer is still taken and shows when it came.
 */
export function answerCard(
  card: CardRecord,
  answer: string,
  by: CardAnswerer,
  now: Instant | Date,
): CardRecord {
  const answersForDepartment =
    by.department === card.department && (by.roles.includes('chief') || by.roles.includes('leader'));
  if (!answersForDepartment) {
    throw new CardAnswerError('not-permitted', '督办单由被督办部门的首席代表或分管领导回复。');
  }
  if (card.answeredAt) throw new CardAnswerError('already-answered', '该督办单已回复。');
  const text = answer.trim();
  if (text.length === 0) throw new CardAnswerError('answer-required', '请填写督办回复：核查情况与整改措施。');
  const at = formatInstant(toEpochMs(now));
  // A card is issued at the instant its level began, which a sweep run ahead of time (an operator's
  // time travel) puts after `now`: the clock then stops where it began, not before it.
  const stopAt = formatInstant(Math.max(toEpochMs(now), lastEventMs(card.answerClock)));
  return {
    ...card,
    answeredAt: at,
    answer: text,
    answeredBy: by.username,
    answerClock: card.answerClock.stoppedAt ? card.answerClock : stop(card.answerClock, stopAt),
  };
}
