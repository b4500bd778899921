/**
 * Whose figures (统计口径): the whole centre, a department, a window or a clerk — and who may read
 * which. Each staff role sees its own scope and those below it: a clerk their own figures, a chief
 * their department's (and its windows and clerks), a leader, the supervision office and the admin
 * the whole centre.
 */
import type { Actor, CaseState } from '../cases/types.ts';
import type { ComplaintState } from '../complaints/types.ts';
import { departmentOfWindow } from '../complaints/windows.ts';
import type { RatingState } from '../ratings/types.ts';
import type { CardRecord } from '../supervision/index.ts';

export type FigureScope =
  | { kind: 'centre' }
  | { kind: 'department'; code: string }
  | { kind: 'window'; code: string }
  | { kind: 'clerk'; username: string };

const codePattern = /^[a-z0-9][a-z0-9-]{0,31}$/;
const usernamePattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** `centre`, `department:<code>`, `window:<code>` or `clerk:<username>`; undefined otherwise. */
export function parseScope(text: string): FigureScope | undefined {
  if (text === 'centre') return { kind: 'centre' };
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const kind = text.slice(0, colon);
  const value = text.slice(colon + 1);
  if (kind === 'department' && codePattern.test(value)) return { kind, code: value };
  if (kind === 'window' && codePattern.test(value)) return { kind, code: value };
  if (kind === 'clerk' && usernamePattern.test(value)) return { kind, username: value };
  return undefined;
}

export function formatScope(scope: FigureScope): string {
  switch (scope.kind) {
    case 'centre':
      return 'centre';
    case 'department':
    case 'window':
      return `${scope.kind}:${scope.code}`;
    case 'clerk':
      return `clerk:${scope.username}`;
  }
}

export function scopeLabel(scope: FigureScope): string {
  switch (scope.kind) {
    case 'centre':
      return '全中心';
    case 'department':
      return `部门 ${scope.code}`;
    case 'window':
      return `窗口 ${scope.code}`;
    case 'clerk':
      return `工作人员 ${scope.username}`;
  }
}

/**
 * The scope as the caller may read it: the same scope, narrowed to the chief's department where a
 * chief asks for one of its clerks (a username alone does not say which department it works in).
 * `undefined`: the scope is above the caller's role.
 */
export interface ReadableScope {
  scope: FigureScope;
  /** Only cases of this department count. */
  department?: string;
}

export function readableScope(actor: Actor, scope: FigureScope): ReadableScope | undefined {
  const roles = actor.roles;
  if (roles.includes('leader') || roles.includes('supervisor') || roles.includes('admin')) return { scope };
  if (roles.includes('chief') && actor.department) {
    const department = actor.department;
    if (scope.kind === 'department' && scope.code === department) return { scope };
    if (scope.kind === 'window' && scope.code.startsWith(`${department}-`)) return { scope };
    if (scope.kind === 'clerk') return { scope, department };
  }
  if (roles.includes('clerk') && scope.kind === 'clerk' && scope.username === actor.username) {
    return { scope };
  }
  return undefined;
}

/** The scope a role sees first: its own. */
export function ownScope(actor: Actor): FigureScope {
  const roles = actor.roles;
  if (roles.includes('leader') || roles.includes('supervisor') || roles.includes('admin')) {
    return { kind: 'centre' };
  }
  if (roles.includes('chief') && actor.department) return { kind: 'department', code: actor.department };
  return { kind: 'clerk', username: actor.username };
}

/** Where a case counts: the department, window and clerk that hold it (after a hand-over, the receiver). */
export interface CaseOwner {
  department: string;
  window: string;
  handler: string | null;
}

type OwnedCase = Pick<CaseState, 'department' | 'window' | 'handler' | 'intakeWindow' | 'firstContact'>;

/** Who handles a case: the department, window and clerk that hold it now. */
export function handlingOwner(state: Pick<CaseState, 'department' | 'window' | 'handler'>): CaseOwner {
  return { department: state.department, window: state.window, handler: state.handler };
}

/**
 * Who took a case in (收件): for a case taken in at a general window (综合窗口), that window, its
 * department (`zh` for `zh-01`) and the clerk who was the first contact; for any other case the
 * same as who handles it — so a general window's figures count its intake, the departments' their
 * handling, and the centre every case once.
 */
export function intakeOwner(state: OwnedCase): CaseOwner {
  if (state.intakeWindow === undefined) return handlingOwner(state);
  return {
    department: departmentOfWindow(state.intakeWindow),
    window: state.intakeWindow,
    handler: state.firstContact.username,
  };
}

export function caseInScope(owner: CaseOwner, readable: ReadableScope): boolean {
  if (readable.department !== undefined && owner.department !== readable.department) return false;
  const { scope } = readable;
  switch (scope.kind) {
    case 'centre':
      return true;
    case 'department':
      return owner.department === scope.code;
    case 'window':
      return owner.window === scope.code;
    case 'clerk':
      return owner.handler === scope.username;
  }
}

/** Whether a case is the scope's at all: taken in or handled there (the ledger's rows, a pre-filter for the counts). */
export function caseTouchesScope(state: OwnedCase, readable: ReadableScope): boolean {
  return caseInScope(handlingOwner(state), readable) || caseInScope(intakeOwner(state), readable);
}

/** Where no department or window is known (a complaint naming nobody): counted for the centre only. */
export const unattributed = '-';

/**
 * Where a complaint counts: the department and window the supervision office assigned it to, else
 * those the complainant named; the clerk the complainant named when that is a staff username (a
 * complaint from a bad rating names the handling clerk's; free text such as a name counts for the
 * window and department only).
 */
export function complaintOwner(state: Pick<ComplaintState, 'assignment' | 'respondent'>): CaseOwner {
  const { assignment, respondent } = state;
  const clerk = respondent.clerk?.trim();
  return {
    department: assignment?.department ?? respondent.department ?? unattributed,
    window: assignment?.window ?? respondent.window ?? unattributed,
    handler: clerk && usernamePattern.test(clerk) ? clerk : null,
  };
}

/** Where a card counts: the department, window and clerk its level was escalated to when issued. */
export function cardOwner(card: Pick<CardRecord, 'department' | 'window' | 'handler'>): CaseOwner {
  return { department: card.department, window: card.window ?? unattributed, handler: card.handler ?? null };
}

/** Where a rating counts: the visit's department and window, and the clerk who handled the case. */
export function ratingOwner(state: Pick<RatingState, 'department' | 'window' | 'handler'>): CaseOwner {
  return { department: state.department, window: state.window, handler: state.handler };
}
