/**
 * Issuing a queue ticket, as taking one at the kiosk and checking in an appointment share it:
 * the day's next serial of the category's prefix, the ticket stored with one write, and what the
 * visitor's ticket shows (the people ahead counted on the queue index). Not a route.
 */
import type { CivilDate } from '../../domain/calendar/civil.ts';
import type { CounterCategory } from '../../domain/counter/settings.ts';
import { estimateMinutes, queueOrderKey, type Ticket, takeTicket } from '../../domain/counter/tickets.ts';
import { waitTargetAt } from '../../domain/counter/waits.ts';
import { countWaiting, createTicket } from '../../store/counter/tickets.ts';
import { nextTicketSerial } from '../../store/counters.ts';
import { categoryOf, publicTicketView } from './support.ts';

/**
 * A new ticket with the day's next serial of its prefix (the counter's write); not stored yet.
 * `notifyPhone` is the masked number shown back to the visitor who left one for the 到号提醒.
 */
export async function drawTicket(
  table: string,
  category: CounterCategory,
  date: CivilDate,
  now: Date,
  options: { priority?: string | undefined; notifyPhone?: string | undefined } = {},
): Promise<Ticket> {
  const serial = await nextTicketSerial(table, category.prefix, date);
  return takeTicket({
    category,
    serial,
    date,
    now,
    ...(options.priority ? { priority: options.priority } : {}),
    ...(options.notifyPhone ? { notifyPhone: options.notifyPhone } : {}),
  });
}

/** What the visitor's ticket shows: the people ahead while it waits, and the estimate. */
export async function publicTicket(table: string, ticket: Ticket) {
  const category = categoryOf(ticket.category);
  const ahead =
    ticket.status === 'waiting' && ticket.queue
      ? await countWaiting(table, ticket.date, ticket.queue, queueOrderKey(ticket))
      : 0;
  return publicTicketView(ticket, ahead, estimateMinutes(ahead, category));
}

/**
 * Stores a drawn ticket (one write, with its wait target in the sweep's clocks index and the
 * sealed phone when the visitor left one) and answers what the visitor's ticket shows.
 */
export async function placeTicket(table: string, ticket: Ticket, phoneSealed?: string) {
  await createTicket(table, ticket, {
    waitTargetAt: waitTargetAt(ticket, categoryOf(ticket.category)),
    ...(phoneSealed ? { phoneSealed } : {}),
  });
  return publicTicket(table, ticket);
}
