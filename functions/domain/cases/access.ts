/**
 * Who may do what on a case: the actor kinds of the transition table resolved against a staff
 * member, and who may read a case or its applicant's full personal data.
 */
import type { Role } from '../roles.ts';
import type { ActorKind } from './transitions.ts';
import type { Actor, CaseState } from './types.ts';

export interface ActorRelation {
  kind: ActorKind;
  /** The role the actor acts in, as history records it. */
  role: Role;
  /** Set when a clerk acts for the handler under the A/B post rule. */
  actingFor?: string;
  /** Set when a clerk of the window takes an unassigned case: they become its handler. */
  takesOver?: boolean;
}

export interface AccessContext {
  /** The case's handler is marked away at their window (AB岗: the other post acts). */
  handlerAway: boolean;
}

function ownerRelation(state: CaseState, actor: Actor, access: AccessContext): ActorRelation | undefined {
  if (!actor.roles.includes('clerk') || actor.department !== state.department) return undefined;
  if (state.handler === actor.username) return { kind: 'owner', role: 'clerk' };
  if (actor.window === undefined || actor.window !== state.window) return undefined;
  if (state.handler === null) return { kind: 'owner', role: 'clerk', takesOver: true };
  if (access.handlerAway) return { kind: 'owner', role: 'clerk', actingFor: state.handler };
  return undefined;
}

/** How the actor relates to the case, trying the kinds in order; undefined: not permitted. */
export function actorRelation(
  state: CaseState,
  actor: Actor,
  kinds: readonly ActorKind[],
  access: AccessContext,
): ActorRelation | undefined {
  for (const kind of kinds) {
    if (kind === 'owner') {
      const relation = ownerRelation(state, actor, access);
      if (relation) return relation;
    } else if (kind === 'chief') {
      if (actor.roles.includes('chief') && actor.department === state.department) {
        return { kind: 'chief', role: 'chief' };
      }
    } else if (
      actor.roles.includes('clerk') &&
      state.coWindows.some((coWindow) => coWindow.department === actor.department)
    ) {
      return { kind: 'coClerk', role: 'clerk' };
    }
  }
  return undefined;
}

/** Departments a case concerns: its lead department and, for joint items, the co-departments. */
export function caseDepartments(state: Pick<CaseState, 'department' | 'coWindows'>): string[] {
  return [state.department, ...state.coWindows.map((coWindow) => coWindow.department)];
}

/**
 * Reading a case (masked personal data): the supervision office reads every case; clerks, chiefs
 * and leaders read the cases of their department, lead or co-handling, and a general window's
 * clerks the cases it took in. System administrators run the system, not cases: they read none.
 */
export function canReadCase(
  state: Pick<CaseState, 'department' | 'coWindows' | 'intakeWindow'>,
  actor: Actor,
): boolean {
  if (actor.roles.includes('supervisor')) return true;
  // The general window that took a case in answers the applicant's questions about it (首问负责).
  if (
    state.intakeWindow !== undefined &&
    actor.roles.includes('clerk') &&
    actor.window === state.intakeWindow
  )
    return true;
  if (!actor.roles.some((role) => role === 'clerk' || role === 'chief' || role === 'leader')) return false;
  return actor.department !== undefined && caseDepartments(state).includes(actor.department);
}

/**
 * The applicant's full ID number and phone: only the clerk who handles the case needs them (to
 * check documents, to call), or the clerk acting under the A/B rule. Every such read is logged.
 */
export function canReadPersonalData(state: CaseState, actor: Actor, access: AccessContext): boolean {
  return ownerRelation(state, actor, access) !== undefined;
}
