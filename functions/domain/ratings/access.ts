/**
 * Who may see which ratings. Reading one rating: the supervision office every one; clerks, chiefs
 * and leaders their department's. Listings (the rectification queue, the figures): supervision and
 * admin every department; chiefs and leaders their department; clerks their own window.
 */
import type { Actor } from '../cases/types.ts';
import { RatingError } from './errors.ts';

export function canReadRating(state: { department: string }, actor: Actor): boolean {
  if (actor.roles.includes('supervisor')) return true;
  if (!actor.roles.some((role) => role === 'clerk' || role === 'chief' || role === 'leader')) return false;
  return actor.department === state.department;
}

/** What a staff member may list: every department, one department, or one window. */
export type RatingScope =
  | { kind: 'all'; window?: string }
  | { kind: 'department'; department: string; window?: string }
  | { kind: 'window'; department: string; window: string };

/** The scope of a staff member, narrowed to the window `asked` when given; a clerk asking another window is refused. */
export function ratingScope(actor: Actor, asked: string | undefined): RatingScope {
  if (actor.roles.includes('supervisor') || actor.roles.includes('admin')) {
    return { kind: 'all', ...(asked ? { window: asked } : {}) };
  }
  if ((actor.roles.includes('chief') || actor.roles.includes('leader')) && actor.department) {
    return { kind: 'department', department: actor.department, ...(asked ? { window: asked } : {}) };
  }
  if (
    actor.roles.includes('clerk') &&
    actor.department &&
    actor.window &&
    (!asked || asked === actor.window)
  ) {
    return { kind: 'window', department: actor.department, window: actor.window };
  }
  throw new RatingError(
    'not-permitted',
    '只能查看本窗口（窗口工作人员）或本部门（首席代表、分管领导）的好差评；电子监察可以查看全部窗口。',
  );
}
