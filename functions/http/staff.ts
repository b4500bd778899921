/**
 * The staff member behind a request: the actor every area's rules take, from the token's claims
 * (Cognito groups and custom attributes, or the local issuer's identical claims).
 */
import type { Actor } from '../domain/cases/types.ts';
import type { Principal } from './request.ts';

/** Claims a staff token carries besides the groups (Cognito custom attributes). */
export const staffClaims = {
  department: 'custom:department',
  window: 'custom:window',
  displayName: 'name',
} as const;

export function actorOf(principal: Principal | undefined): Actor {
  if (!principal) throw new Error('A staff route needs a principal; the wrapper should have refused.');
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

/** Strong ETag of a record's version, so clients can send it back as the command's `version`. */
export function etag(version: number): Record<string, string> {
  return { etag: `"${version}"` };
}
