/**
 * The wait of a visit as a supervision subject (电子监察, domain.md §10: "a long wait warns the chief
 * like a case clock"). A ticket waiting for its first call has one real-time target, its category's
 * wait target counted from the taking; past it the level is yellow, announced once by the sweep to
 * the chief of the department whose windows serve the category. The first call ends it: a ticket
 * called, ended, or back in a queue after a call (no-show rejoined, transferred) has waited already.
 */
import { formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import { departmentOfWindow } from '../complaints/windows.ts';
import type { RealTimeTarget, Subject } from '../supervision/index.ts';
import type { CounterCategory } from './settings.ts';
import type { Ticket } from './tickets.ts';

/** The name of the wait target among a subject's clocks (recorded levels, event ids). */
export const waitTargetName = 'wait';

/** The department a category's queue belongs to: the one of its first window. */
export function categoryDepartment(category: CounterCategory): string {
  return departmentOfWindow(category.windows[0] ?? category.code);
}

/** When the ticket's wait passes its category's target. */
export function waitTargetAt(ticket: Pick<Ticket, 'takenAt'>, category: CounterCategory): Instant {
  return formatInstant(toEpochMs(ticket.takenAt) + category.waitTargetMinutes * 60_000);
}

/** Whether the ticket still waits for its first call: the only time its wait target runs. */
export function awaitsFirstCall(ticket: Pick<Ticket, 'status' | 'firstCalledAt'>): boolean {
  return ticket.status === 'waiting' && ticket.firstCalledAt === undefined;
}

export function waitTarget(ticket: Ticket, category: CounterCategory): RealTimeTarget {
  return {
    label: `等候时长（目标 ${category.waitTargetMinutes} 分钟）`,
    dueAt: waitTargetAt(ticket, category),
    level: 'yellow',
  };
}

/** A ticket as the sweep sees it: its wait target while it awaits its first call, nothing after. */
export function ticketSubject(ticket: Ticket, category: CounterCategory): Subject {
  return {
    kind: 'ticket',
    // The serial restarts each day: the date makes the id (and so the event id) unique.
    id: `${ticket.date}#${ticket.ticketNo}`,
    title: `${ticket.ticketNo} 号（${category.name}）等候超过 ${category.waitTargetMinutes} 分钟`,
    department: categoryDepartment(category),
    handler: null,
    clocks: [],
    targets: awaitsFirstCall(ticket) ? [[waitTargetName, waitTarget(ticket, category)]] : [],
  };
}
