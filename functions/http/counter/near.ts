/**
 * "Your number is near" (即将到号): after a call takes the first ticket of a queue, everyone behind
 * it moved up one place. The first few waiting of that queue — those with at most
 * `nearlyCalledAhead` (messages.json) ahead — whose visitor left a phone and was not told yet get
 * one message each: one query of a few items, then for each such ticket one put (the message, with
 * a deterministic id) and one mark on the ticket. Never fatal to the call.
 */
import { messageSettings } from '../../config/messages.ts';
import type { CivilDate } from '../../domain/calendar/civil.ts';
import { normalizeInstant } from '../../domain/calendar/instant.ts';
import { findCategory } from '../../domain/counter/settings.ts';
import type { TicketQueue } from '../../domain/counter/tickets.ts';
import { categoryDepartment } from '../../domain/counter/waits.ts';
import { markNearlyCalled, nearTicketsToTell } from '../../store/counter/tickets.ts';
import { notifyNearlyCalled } from '../messages/queue.ts';
import { logger } from '../observability.ts';
import { settings } from './support.ts';

export async function tellNearTickets(
  table: string,
  date: CivilDate,
  queue: TicketQueue,
  now: Date,
): Promise<number> {
  let told = 0;
  try {
    const near = await nearTicketsToTell(table, date, queue, messageSettings().nearlyCalledAhead + 1);
    for (const { ticket, ahead } of near) {
      const category = findCategory(settings, ticket.category);
      if (!category) continue;
      if (await notifyNearlyCalled(table, ticket, category, ahead, categoryDepartment(category), now)) {
        await markNearlyCalled(table, date, ticket.ticketNo, normalizeInstant(now));
        told += 1;
      }
    }
  } catch (error) {
    logger.warn('Waiting visitors not told their number is near', { error: error as Error });
  }
  return told;
}
