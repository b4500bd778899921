/**
 * The monthly score of each window and clerk (效能考核) by the centre's rule, explained line by
 * line, and the ranking. Pure: the month's events, its work (cases decided, and cases a general
 * window took in) and the staff come in; nothing is read.
 *
 * A score is the base, minus the deductions, plus the credits. Each event is one line with the
 * rule's points for its kind; once a kind has reached its cap, its further lines count 0 and say
 * so; the month's total deductions and credits are each capped too, and a note says by how much.
 * Points are counted in hundredths, so 0.1 + 0.2 is 0.3.
 *
 * Ranking: the higher score first; equal scores share a rank (1, 1, 3). Among equals the list
 * shows more work first (cases decided, plus cases taken in at a general window), then by code or
 * username — an order for reading, not a rank.
 */
import type { Instant } from '../calendar/instant.ts';
import type { AppraisalEvent, CaseWork, EventRef } from './events.ts';
import {
  type AppraisalRule,
  type EventKind,
  eventKindLabels,
  eventKinds,
  isDeduction,
  kindRule,
} from './rule.ts';

/** A member of staff as the directory knows them (the identity provider's name, department, window). */
export interface StaffMember {
  username: string;
  /** Display name (the token's `name`): what an award publishes. */
  name: string;
  department?: string;
  window?: string;
  roles: readonly string[];
}

export type ScoreSubject =
  | { kind: 'window'; code: string; department: string }
  | { kind: 'clerk'; username: string; name: string | null; department: string; window: string };

export interface ScoreLine {
  kind: EventKind;
  label: string;
  ref: EventRef;
  at: Instant;
  text: string;
  /** Points the line adds after the kind's cap: negative for a deduction, 0 once the cap is reached. */
  points: number;
  /** The rule's points for the kind, signed, before any cap. */
  rulePoints: number;
  /** The kind's cap was reached: fewer points than the rule's (or none). */
  capped: boolean;
}

export interface Total {
  /** Sum of the lines, as a positive number of points. */
  lines: number;
  cap: number | null;
  /** What counts after the total cap. */
  applied: number;
}

export interface Score {
  subject: ScoreSubject;
  base: number;
  lines: ScoreLine[];
  deductions: Total;
  credits: Total;
  score: number;
  /** The caps applied to the month's totals, in words. */
  notes: string[];
  /** Cases decided in the month. */
  decided: number;
  /**
   * Cases taken in at a general window in the month for a department to handle: its and its
   * clerks' work, as deciding is a department's (0 at any other window).
   */
  takenIn: number;
  /** 1 for the best; equal scores share a rank. */
  rank: number;
  /** The kinds of the subject's events this month (an award's rule may exclude some). */
  kinds: EventKind[];
}

/** The month as the appraisal sees it: its events and work, the windows and clerks to score. */
export interface MonthHistory {
  events: readonly AppraisalEvent[];
  decisions: readonly CaseWork[];
  /** Cases taken in at a general window (events.ts caseEvents). */
  takenIn: readonly CaseWork[];
  /** The centre's windows (each scored, even without an event) and their department. */
  windows: readonly { code: string; department: string }[];
  /** The staff directory: clerks are scored even without an event; names come from it. */
  staff: readonly StaffMember[];
}

const cents = (points: number) => Math.round(points * 100);
const points = (hundredths: number) => hundredths / 100;

function order(a: AppraisalEvent, b: AppraisalEvent): number {
  return (
    eventKinds.indexOf(a.kind) - eventKinds.indexOf(b.kind) ||
    a.at.localeCompare(b.at) ||
    a.ref.id.localeCompare(b.ref.id)
  );
}

function total(linesCents: number, cap: number | null): { total: Total; appliedCents: number } {
  const capCents = cap === null ? null : cents(cap);
  const appliedCents = capCents === null ? linesCents : Math.min(linesCents, capCents);
  return { total: { lines: points(linesCents), cap, applied: points(appliedCents) }, appliedCents };
}

/** One subject's score from its events. */
export function scoreOf(
  subject: ScoreSubject,
  events: readonly AppraisalEvent[],
  work: Pick<Score, 'decided' | 'takenIn'>,
  rule: AppraisalRule,
): Omit<Score, 'rank'> {
  const used = new Map<EventKind, number>();
  let deductionCents = 0;
  let creditCents = 0;
  const lines = [...events].sort(order).map((event): ScoreLine => {
    const { points: rulePoints, cap } = kindRule(rule, event.kind);
    const ruleCents = cents(rulePoints);
    const before = used.get(event.kind) ?? 0;
    const room = cap === null ? ruleCents : Math.max(0, Math.min(ruleCents, cents(cap) - before));
    used.set(event.kind, before + room);
    const deduction = isDeduction(event.kind);
    if (deduction) deductionCents += room;
    else creditCents += room;
    const sign = deduction ? -1 : 1;
    return {
      kind: event.kind,
      label: eventKindLabels[event.kind],
      ref: event.ref,
      at: event.at,
      text: event.text,
      points: room === 0 ? 0 : points(sign * room),
      rulePoints: ruleCents === 0 ? 0 : points(sign * ruleCents),
      capped: room < ruleCents,
    };
  });
  const deductions = total(deductionCents, rule.caps.deductions);
  const credits = total(creditCents, rule.caps.credits);
  const notes: string[] = [];
  if (deductions.appliedCents < deductionCents) {
    notes.push(
      `扣分合计 ${points(deductionCents)} 分，超过扣分上限 ${rule.caps.deductions} 分，按 ${deductions.total.applied} 分计。`,
    );
  }
  if (credits.appliedCents < creditCents) {
    notes.push(
      `加分合计 ${points(creditCents)} 分，超过加分上限 ${rule.caps.credits} 分，按 ${credits.total.applied} 分计。`,
    );
  }
  const kinds = new Set(events.map((event) => event.kind));
  return {
    subject,
    base: rule.base,
    lines,
    deductions: deductions.total,
    credits: credits.total,
    score: points(cents(rule.base) - deductions.appliedCents + credits.appliedCents),
    notes,
    decided: work.decided,
    takenIn: work.takenIn,
    kinds: eventKinds.filter((kind) => kinds.has(kind)),
  };
}

const subjectKey = (subject: ScoreSubject) => (subject.kind === 'window' ? subject.code : subject.username);

/** A score's cases of work in the month: decided, and taken in at a general window. */
export const workOf = (score: Pick<Score, 'decided' | 'takenIn'>) => score.decided + score.takenIn;

/** Ranks scores: higher first, equal scores share a rank; ties listed by work, then key. */
export function ranked(scores: readonly Omit<Score, 'rank'>[]): Score[] {
  const sorted = [...scores].sort(
    (a, b) =>
      b.score - a.score ||
      workOf(b) - workOf(a) ||
      subjectKey(a.subject).localeCompare(subjectKey(b.subject)),
  );
  return sorted.map((score) => ({
    ...score,
    rank: 1 + sorted.filter((other) => other.score > score.score).length,
  }));
}

function mostFrequent(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

export interface Appraisal {
  windows: Score[];
  clerks: Score[];
}

/**
 * The month's scores of every window and clerk, ranked. A clerk's window and department are the
 * directory's; for a clerk the directory does not know, the window most of their month's cases and
 * events were at.
 */
export function appraise(history: MonthHistory, rule: AppraisalRule): Appraisal {
  const windows = new Map(history.windows.map((window) => [window.code, window.department]));
  const records = [...history.events, ...history.decisions, ...history.takenIn];
  for (const item of records) {
    if (item.window && !windows.has(item.window)) windows.set(item.window, item.department);
  }
  const clerkWindows = new Map<string, string[]>();
  for (const item of records) {
    if (!item.clerk || !item.window) continue;
    const seen = clerkWindows.get(item.clerk);
    if (seen) seen.push(item.window);
    else clerkWindows.set(item.clerk, [item.window]);
  }
  const members = new Map(history.staff.map((member) => [member.username, member]));
  const clerks = new Map<string, { name: string | null; window: string; department: string }>();
  for (const member of history.staff) {
    if (!member.roles.includes('clerk') || !member.window) continue;
    clerks.set(member.username, {
      name: member.name,
      window: member.window,
      department: member.department ?? windows.get(member.window) ?? '',
    });
  }
  for (const [username, seen] of clerkWindows) {
    if (clerks.has(username)) continue;
    const window = mostFrequent(seen) as string;
    clerks.set(username, {
      name: members.get(username)?.name ?? null,
      window,
      department: windows.get(window) ?? '',
    });
  }
  // Each record grouped once by window and once by clerk, not filtered again for every subject.
  interface Grouped {
    events: ReadonlyMap<string | null, AppraisalEvent[]>;
    decided: ReadonlyMap<string | null, CaseWork[]>;
    takenIn: ReadonlyMap<string | null, CaseWork[]>;
  }
  const byWindow: Grouped = {
    events: Map.groupBy(history.events, (event) => event.window),
    decided: Map.groupBy(history.decisions, (work) => work.window),
    takenIn: Map.groupBy(history.takenIn, (work) => work.window),
  };
  const byClerk: Grouped = {
    events: Map.groupBy(history.events, (event) => event.clerk),
    decided: Map.groupBy(history.decisions, (work) => work.clerk),
    takenIn: Map.groupBy(history.takenIn, (work) => work.clerk),
  };
  const scoreWith = (grouped: Grouped, key: string, subject: ScoreSubject) =>
    scoreOf(
      subject,
      grouped.events.get(key) ?? [],
      { decided: grouped.decided.get(key)?.length ?? 0, takenIn: grouped.takenIn.get(key)?.length ?? 0 },
      rule,
    );
  const windowScores = [...windows].map(([code, department]) =>
    scoreWith(byWindow, code, { kind: 'window', code, department }),
  );
  const clerkScores = [...clerks].map(([username, clerk]) =>
    scoreWith(byClerk, username, { kind: 'clerk', username, ...clerk }),
  );
  return { windows: ranked(windowScores), clerks: ranked(clerkScores) };
}
