/**
 * What the case handlers share: the actor from the token's claims, the centre's clock context, the
 * table name, the read check, and the transition routes' names. Not a route itself.
 */
import centre from '../../config/centre.json' with { type: 'json' };
import { readFunctionEnvironment } from '../../config/env.ts';
import { createCalendar } from '../../domain/calendar/calendar.ts';
import { canReadCase } from '../../domain/cases/access.ts';
import type { Actor, CaseState } from '../../domain/cases/types.ts';
import { type ClockContext, clockContext } from '../../domain/clocks/clock.ts';
import { parseClockSettings } from '../../domain/clocks/settings.ts';
import { HttpProblem } from '../problems.ts';
import type { Principal } from '../request.ts';

/** Claims a staff token carries besides the groups (Cognito custom attributes). */
export const staffClaims = {
  department: 'custom:department',
  window: 'custom:window',
  displayName: 'name',
} as const;

export function actorOf(principal: Principal | undefined): Actor {
  if (!principal) throw new Error('A case route needs a principal; the wrapper should have refused.');
  const department = principal.claims[staffClaims.department];
  const window = principal.claims[staffClaims.window];
  const displayName = principal.claims[staffClaims.displayName];
  return {
    username: principal.username,
    roles: principal.roles,
    ...(department ? { department } : {}),
    ...(window ? { window } : {}),
    ...(displayName ? { displayName } : {}),
  };
}

let context: ClockContext | undefined;

/** The centre's calendar (bundled schedules + local days) and clock settings, built once. */
export function centreClocks(): ClockContext {
  context ??= clockContext(createCalendar({ settings: centre }), parseClockSettings(centre));
  return context;
}

export const centreConfig = centre;

export function tableName(): string {
  return readFunctionEnvironment().tableName;
}

export function notYourDepartment(): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/forbidden',
    title: '无权访问',
    status: 403,
    detail: '只能查看本部门（牵头或联办）的案件；电子监察可以查看全部案件。',
  });
}

export function requireReadable(state: CaseState, actor: Actor): void {
  if (!canReadCase(state, actor)) throw notYourDepartment();
}

/** Strong ETag of a case version, so clients can send it back as the command's `version`. */
export function etag(version: number): Record<string, string> {
  return { etag: `"${version}"` };
}
