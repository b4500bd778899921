/**
 * A queue ticket (取号) and what happens to it: called to a window (叫号), recalled (重呼), marked a
 * no-show (过号; it may rejoin once, at the back), transferred to another window or category (转窗),
 * ended. Pure: every step takes the ticket and the instant and returns the next ticket, or throws a
 * CounterError; the store writes it with one conditional write on the status it was decided on.
 *
 * Clocks of a visit: wait = taken → first call; service = last call → end. Both are kept on the
 * ticket in seconds once known.
 */
import type { CivilDate } from '../calendar/civil.ts';
import { CounterError } from './errors.ts';
import type { CounterCategory } from './settings.ts';

export type TicketStatus = 'waiting' | 'called' | 'no-show' | 'ended';

export const ticketStatusLabels: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已叫号',
  'no-show': '过号',
  ended: '已办结',
};

export type TicketAction = 'take' | 'call' | 'recall' | 'no-show' | 'rejoin' | 'transfer' | 'end';

export interface TicketEvent {
  at: string;
  action: TicketAction;
  window?: string;
  by?: string;
  note?: string;
}

/** Where a waiting ticket waits: its category's queue, or one window's own queue after a transfer there. */
export type TicketQueue = { category: string } | { window: string };

export interface Ticket {
  ticketNo: string;
  /** The centre's day the ticket belongs to (serials restart each day). */
  date: CivilDate;
  category: string;
  serial: number;
  /** The priority reason (绿色通道), when the ticket has one: called ahead of the others. */
  priority?: string;
  takenAt: string;
  status: TicketStatus;
  /** While waiting: the queue and the instant the place in it counts from. */
  queue?: TicketQueue;
  queuedAt?: string;
  /** The window that called it last, and when. */
  window?: string;
  calledAt?: string;
  firstCalledAt?: string;
  endedAt?: string;
  /** Seconds from taking to the first call; seconds from the last call to the end. */
  waitSeconds?: number;
  serviceSeconds?: number;
  calls: number;
  rejoined: boolean;
  /**
   * The visitor's phone for the "your number is near" message, masked (the number itself is sealed
   * on the ticket's item, never in this value).
   */
  notifyPhone?: string;
  /** The cases taken in from this visit (受理编号), in the order they were taken in. */
  caseNos?: string[];
  version: number;
  history: TicketEvent[];
}

/** `A` + 7 → `A007`; past 999 the number simply grows (`A1000`). */
export function ticketNumber(prefix: string, serial: number): string {
  return `${prefix}${String(serial).padStart(3, '0')}`;
}

export const ticketNumberPattern = /^[A-Z]\d{3,5}$/;

/**
 * The order of a queue as one sortable string: priority tickets first, then by the instant the
 * place counts from, then by serial (two tickets of one millisecond keep their numbers' order).
 * A query on this key ascending gives "the first waiting" without reading the queue.
 */
export function queueOrderKey(ticket: Pick<Ticket, 'priority' | 'queuedAt' | 'serial'>): string {
  return `${ticket.priority ? '0' : '1'}#${ticket.queuedAt}#${String(ticket.serial).padStart(6, '0')}`;
}

export interface TakeInput {
  category: CounterCategory;
  serial: number;
  date: CivilDate;
  priority?: string;
  /** The masked phone a message will go to, when the visitor gave one. */
  notifyPhone?: string;
  now: Date;
}

export function takeTicket(input: TakeInput): Ticket {
  const at = input.now.toISOString();
  return {
    ticketNo: ticketNumber(input.category.prefix, input.serial),
    date: input.date,
    category: input.category.code,
    serial: input.serial,
    ...(input.priority ? { priority: input.priority } : {}),
    takenAt: at,
    status: 'waiting',
    queue: { category: input.category.code },
    queuedAt: at,
    calls: 0,
    rejoined: false,
    ...(input.notifyPhone ? { notifyPhone: input.notifyPhone } : {}),
    version: 1,
    history: [{ at, action: 'take', ...(input.priority ? { note: input.priority } : {}) }],
  };
}

/** Minutes a new ticket may expect to wait: the people ahead over the windows serving, at the category's pace. */
export function estimateMinutes(ahead: number, category: CounterCategory): number {
  return Math.ceil((ahead * category.serviceMinutes) / Math.max(1, category.windows.length));
}

const seconds = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

function step(ticket: Ticket, event: TicketEvent, changes: Partial<Ticket>): Ticket {
  const next: Ticket = {
    ...ticket,
    ...changes,
    version: ticket.version + 1,
    history: [...ticket.history, event],
  };
  if (next.status !== 'waiting') {
    delete next.queue;
    delete next.queuedAt;
  }
  return next;
}

function requireCalledAt(ticket: Ticket, window: string, what: string): void {
  if (ticket.status !== 'called') {
    throw new CounterError(
      'invalid-step',
      `${ticket.ticketNo} 号当前${ticketStatusLabels[ticket.status]}，不能${what}。`,
    );
  }
  if (ticket.window !== window) {
    throw new CounterError(
      'not-permitted',
      `${ticket.ticketNo} 号由 ${ticket.window} 窗口叫号，本窗口不能${what}。`,
    );
  }
}

/** The window calls the waiting ticket. */
export function callTicket(ticket: Ticket, window: string, by: string, now: Date): Ticket {
  if (ticket.status !== 'waiting') {
    throw new CounterError(
      'invalid-step',
      `${ticket.ticketNo} 号当前${ticketStatusLabels[ticket.status]}，不能叫号。`,
    );
  }
  const at = now.toISOString();
  const first = ticket.firstCalledAt === undefined;
  return step(
    ticket,
    { at, action: 'call', window, by },
    {
      status: 'called',
      window,
      calledAt: at,
      calls: ticket.calls + 1,
      ...(first ? { firstCalledAt: at, waitSeconds: seconds(ticket.takenAt, at) } : {}),
    },
  );
}

/** Calls the same ticket again (重呼): the display announces it once more. */
export function recallTicket(ticket: Ticket, window: string, by: string, now: Date): Ticket {
  requireCalledAt(ticket, window, '重呼');
  const at = now.toISOString();
  return step(ticket, { at, action: 'recall', window, by }, { calledAt: at, calls: ticket.calls + 1 });
}

/** The visitor did not come (过号). */
export function markNoShow(ticket: Ticket, window: string, by: string, now: Date): Ticket {
  requireCalledAt(ticket, window, '过号');
  return step(ticket, { at: now.toISOString(), action: 'no-show', window, by }, { status: 'no-show' });
}

/** A no-show back at the hall rejoins its category's queue once, at the back. */
export function rejoinTicket(ticket: Ticket, by: string, now: Date): Ticket {
  if (ticket.status !== 'no-show') {
    throw new CounterError(
      'invalid-step',
      `${ticket.ticketNo} 号当前${ticketStatusLabels[ticket.status]}，不是过号，无需重新排队。`,
    );
  }
  if (ticket.rejoined) {
    throw new CounterError('rejoined-already', `${ticket.ticketNo} 号已过号重排过一次，请重新取号。`);
  }
  const at = now.toISOString();
  return step(
    ticket,
    { at, action: 'rejoin', by },
    { status: 'waiting', queue: { category: ticket.category }, queuedAt: at, rejoined: true },
  );
}

/**
 * Sends the called ticket to another window or category (转窗). It keeps its place in time (its
 * original taking instant), so a transferred visitor is not sent to the back.
 */
export function transferTicket(
  ticket: Ticket,
  window: string,
  by: string,
  now: Date,
  target: TicketQueue,
): Ticket {
  requireCalledAt(ticket, window, '转窗');
  if ('window' in target && target.window === window) {
    throw new CounterError('invalid-step', '不能转到本窗口。', { field: 'body.window' });
  }
  const note = 'window' in target ? `转 ${target.window} 窗口` : `转 ${target.category} 类业务`;
  return step(
    ticket,
    { at: now.toISOString(), action: 'transfer', window, by, note },
    {
      status: 'waiting',
      queue: target,
      queuedAt: ticket.takenAt,
      ...('category' in target ? { category: target.category } : {}),
    },
  );
}

/** Service ended (结束): the service time is counted from the last call. */
export function endService(ticket: Ticket, window: string, by: string, now: Date): Ticket {
  requireCalledAt(ticket, window, '结束服务');
  const at = now.toISOString();
  return step(
    ticket,
    { at, action: 'end', window, by },
    { status: 'ended', endedAt: at, serviceSeconds: seconds(ticket.calledAt ?? at, at) },
  );
}

/** Minutes the ticket has waited at `now` (since taking, until its first call). */
export function waitedMinutes(ticket: Ticket, now: Date): number {
  const until = ticket.firstCalledAt ?? now.toISOString();
  return Math.floor(seconds(ticket.takenAt, until) / 60);
}
