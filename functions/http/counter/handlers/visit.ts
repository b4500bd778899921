/**
 * GET /api/counter/tickets/{date}/{ticketNo} — one visit as the desk sees it: the ticket, its
 * history and clocks (wait, service), the masked phone of its message and the cases taken in from
 * it. Any staff role: no personal data beyond the masked phone.
 */
import { tableName } from '../../../config/env.ts';
import { loadTicket } from '../../../store/counter/tickets.ts';
import { httpHandler } from '../http-handler.ts';
import { staffTicketView, ticketNotFound, withCounterErrors } from '../support.ts';

export const handler = httpHandler(
  withCounterErrors(async (request) => {
    const { date, ticketNo } = request.params as { date: string; ticketNo: string };
    const ticket = await loadTicket(tableName(), date, ticketNo);
    if (!ticket) throw ticketNotFound(ticketNo, date);
    return { status: 200, body: staffTicketView(ticket) };
  }),
);
