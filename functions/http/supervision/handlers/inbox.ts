/**
 * GET /api/inbox — the escalations (提醒, 黄牌, 红牌) addressed to the caller: to them by name, to
 * their window (clerks), to their role in their department (chief, leader), or to the supervision
 * office (supervisor, admin). Newest first.
 */

import { tableName } from '../../../config/env.ts';
import { inboxAddressesOf } from '../../../domain/supervision/index.ts';
import { readInboxes } from '../../../store/supervision/supervision.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const { limit } = (request.query ?? {}) as { limit?: string };
  const addresses = inboxAddressesOf(actor);
  const items = await readInboxes(tableName(), addresses, Math.min(Number(limit ?? 50), 200));
  return { status: 200, body: { addresses, items } };
});
