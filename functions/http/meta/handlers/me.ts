import { roleLabels } from '../../../domain/roles.ts';
import { httpHandler } from '../http-handler.ts';
import type { Me } from '../schemas.ts';

export const handler = httpHandler(async ({ principal }) => {
  // The wrapper has already refused callers without a principal on a staff route.
  const { subject, username, roles } = principal as NonNullable<typeof principal>;
  const body: Me = { subject, username, roles, roleLabels: roles.map((role) => roleLabels[role]) };
  return { status: 200, body };
});
