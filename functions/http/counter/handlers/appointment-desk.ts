/**
 * GET /api/appointments?date&category — the day's appointments for the desk: the bookings of the
 * categories the caller's window serves (a clerk) or its department's windows serve (a chief), in
 * slot order, the holder masked, with the state at this moment (a booking not checked in by the
 * end of its grace period shows as forfeit) and the ticket a check-in gave.
 */
import { tableName } from '../../../config/env.ts';
import type { Actor } from '../../../domain/cases/types.ts';
import type { AppointmentState } from '../../../domain/counter/appointments.ts';
import { type CounterCategory, categoriesOfWindow } from '../../../domain/counter/settings.ts';
import { appointmentsOfDay } from '../../../store/counter/appointments.ts';
import { HttpProblem } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { appointmentView, listableDate } from '../appointment-views.ts';
import { httpHandler } from '../http-handler.ts';
import { settings, withCounterErrors } from '../support.ts';

/** The categories whose appointments the caller sees: its window's, or its department's windows'. */
function categoriesOf(actor: Actor): CounterCategory[] {
  if (actor.roles.includes('chief') && actor.department) {
    const prefix = `${actor.department}-`;
    return settings.categories.filter((category) => category.windows.some((w) => w.startsWith(prefix)));
  }
  return actor.window ? categoriesOfWindow(settings, actor.window) : [];
}

export const handler = httpHandler(
  withCounterErrors(async (request) => {
    const actor = actorOf(request.principal);
    const query = request.query as { date?: string; category?: string };
    const nowMs = Date.now();
    const date = listableDate(query.date, nowMs);
    let categories = categoriesOf(actor);
    if (query.category !== undefined) {
      categories = categories.filter((category) => category.code === query.category);
      if (categories.length === 0) {
        throw new HttpProblem({
          type: 'https://yichuang.dev/problems/forbidden',
          title: '无权查看',
          status: 403,
          detail: `“${query.category}”不是本窗口（或本部门窗口）办理的业务类别。`,
        });
      }
    }
    const codes = new Set(categories.map((category) => category.code));
    const rows = (await appointmentsOfDay(tableName(), date))
      .filter((stored) => codes.has(stored.appointment.category))
      .map(({ appointment }) => ({
        ...appointmentView(appointment, nowMs),
        bookedAt: appointment.bookedAt,
        ...(appointment.checkedInAt ? { checkedInAt: appointment.checkedInAt } : {}),
        ...(appointment.ticket ? { ticketNo: appointment.ticket.ticketNo } : {}),
      }));
    const count = (state: AppointmentState) => rows.filter((row) => row.state === state).length;
    return {
      status: 200,
      body: {
        date,
        categories: categories.map((category) => ({ code: category.code, name: category.name })),
        counts: {
          booked: count('booked'),
          checkedIn: count('checked-in'),
          cancelled: count('cancelled'),
          forfeited: count('forfeited'),
        },
        appointments: rows,
      },
    };
  }),
);
