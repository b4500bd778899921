/**
 * Calling at a window (叫号), for the clerk of the window (either of its A/B posts):
 *
 * - POST /api/windows/{window}/calls — call the next: the window's own queue (tickets transferred
 *   to it) and its categories' queues, priority first, then in order. One conditional write per
 *   call claims the ticket (store/counter/tickets.ts; a claim lost to a window calling at the same
 *   moment moves on by the window's place among the windows of its categories, callingPlace), plus
 *   one write of the window's latest call for the hall display. 404 when nobody waits. Then the visitors now near the head of that queue
 *   who left a phone are told so, once each (near.ts; never fatal to the call).
 * - GET /api/windows/{window}/calls — the desk panel: waiting per category, the current ticket.
 * - POST …/calls/{ticketNo}/recall | no-show | rejoin | transfer | end — 重呼, 过号, 过号重排
 *   (once), 转窗 (to a window or a category), 结束. Each is one conditional write on the status and
 *   version it was decided on; a recall writes the hall call again so the display announces it.
 */

import { tableName } from '../../../config/env.ts';
import { civilDateAt } from '../../../domain/calendar/instant.ts';
import { CounterError } from '../../../domain/counter/errors.ts';
import { callingPlace, categoriesOfWindow, findCategory } from '../../../domain/counter/settings.ts';
import {
  callTicket,
  endService,
  markNoShow,
  recallTicket,
  rejoinTicket,
  type Ticket,
  type TicketQueue,
  transferTicket,
} from '../../../domain/counter/tickets.ts';
import {
  claimFirstWaiting,
  countWaiting,
  hallCalls,
  loadTicket,
  recordHallCall,
  saveTicket,
} from '../../../store/counter/tickets.ts';
import { logger } from '../../observability.ts';
import { HttpProblem, invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { tellNearTickets } from '../near.ts';
import {
  requireWindowClerk,
  settings,
  staffTicketView,
  ticketNotFound,
  withCounterErrors,
} from '../support.ts';

const nobodyWaiting = (window: string) =>
  new HttpProblem({
    type: 'https://yichuang.dev/problems/counter/nobody-waiting',
    title: '当前没有等候的号',
    status: 404,
    detail: `${window} 窗口办理的业务当前没有人等候。`,
  });

const allWindows = new Set(settings.categories.flatMap((category) => category.windows));

function queuesOf(window: string): TicketQueue[] {
  return [
    { window },
    ...categoriesOfWindow(settings, window).map((category) => ({ category: category.code })),
  ];
}

async function hallCall(table: string, ticket: Ticket): Promise<void> {
  await recordHallCall(table, ticket.date, {
    ticketNo: ticket.ticketNo,
    window: ticket.window as string,
    category: ticket.category,
    calledAt: ticket.calledAt as string,
  });
}

function transferTarget(body: { window?: string; category?: string }): TicketQueue {
  if ((body.window === undefined) === (body.category === undefined)) {
    throw invalidRequest([
      {
        field: 'body',
        rule: 'one_of',
        message: '请指明转往的窗口（window）或业务类别（category），二者选一。',
      },
    ]);
  }
  if (body.category !== undefined) {
    if (!findCategory(settings, body.category)) {
      throw new CounterError('unknown-category', `没有“${body.category}”这一业务类别。`, {
        field: 'body.category',
      });
    }
    return { category: body.category };
  }
  const window = body.window as string;
  if (!allWindows.has(window)) {
    throw new CounterError('unknown-category', `${window} 窗口不办理任何叫号业务。`, {
      field: 'body.window',
    });
  }
  return { window };
}

export const handler = httpHandler(
  withCounterErrors(async (request) => {
    const { window, ticketNo } = request.params as { window: string; ticketNo?: string };
    const actor = actorOf(request.principal);
    requireWindowClerk(actor, window);
    const table = tableName();
    const now = new Date();
    const date = civilDateAt(now);

    if (request.route.id === 'getWindowCounter') {
      const categories = categoriesOfWindow(settings, window);
      const [waiting, transferredHere, calls] = await Promise.all([
        Promise.all(categories.map((category) => countWaiting(table, date, { category: category.code }))),
        countWaiting(table, date, { window }),
        hallCalls(table, date),
      ]);
      const latest = calls.find((call) => call.window === window);
      const ticket = latest ? await loadTicket(table, date, latest.ticketNo) : undefined;
      const current =
        ticket?.status === 'called' && ticket.window === window ? staffTicketView(ticket) : undefined;
      return {
        status: 200,
        body: {
          window,
          date,
          categories: categories.map((category, i) => ({
            code: category.code,
            name: category.name,
            prefix: category.prefix,
            windows: category.windows,
            waiting: waiting[i] ?? 0,
          })),
          transferredHere,
          ...(current ? { current } : {}),
        },
      };
    }

    if (request.route.id === 'callNextTicket') {
      // The queue the called ticket came from: its waiting visitors moved up a place.
      let from: TicketQueue | undefined;
      const place = callingPlace(settings, window);
      const called = await claimFirstWaiting(table, date, queuesOf(window), place, (ticket) => {
        from = ticket.queue;
        return callTicket(ticket, window, actor.username, new Date());
      });
      if (!called) throw nobodyWaiting(window);
      await hallCall(table, called);
      if (from) await tellNearTickets(table, date, from, now);
      logger.info('Ticket called', { ticketNo: called.ticketNo, window, waitSeconds: called.waitSeconds });
      return { status: 201, body: staffTicketView(called) };
    }

    const number = ticketNo as string;
    const ticket = await loadTicket(table, date, number);
    if (!ticket) throw ticketNotFound(number, date);
    let next: Ticket;
    switch (request.route.id) {
      case 'recallTicket':
        next = recallTicket(ticket, window, actor.username, now);
        break;
      case 'markTicketNoShow':
        next = markNoShow(ticket, window, actor.username, now);
        break;
      case 'rejoinTicket':
        if (!categoriesOfWindow(settings, window).some((category) => category.code === ticket.category)) {
          throw new CounterError(
            'not-permitted',
            `${window} 窗口不办理 ${number} 号的业务，请到办理该业务的窗口重新排队。`,
          );
        }
        next = rejoinTicket(ticket, actor.username, now);
        break;
      case 'transferTicket':
        next = transferTicket(ticket, window, actor.username, now, transferTarget(request.body as object));
        break;
      case 'endTicketService':
        next = endService(ticket, window, actor.username, now);
        break;
      default:
        throw new Error(`No counter step for route ${request.route.id}`);
    }
    await saveTicket(table, ticket, next);
    if (request.route.id === 'recallTicket') await hallCall(table, next);
    logger.info('Ticket step', { ticketNo: number, window, route: request.route.id, status: next.status });
    return { status: 200, body: staffTicketView(next) };
  }),
);
