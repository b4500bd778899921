/** The front counter (取号叫号, domain.md §10): its routes in the one route table (routes.ts spreads them in). */

import { roles } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { conflictProblemSchema } from '../schemas.ts';
import {
  appointmentSchema,
  appointmentSlotsQuerySchema,
  appointmentSlotsSchema,
  appointmentsQuerySchema,
  bookAppointmentBodySchema,
  bookedAppointmentSchema,
  cancelAppointmentBodySchema,
  checkedInSchema,
  checkInBodySchema,
  counterFiguresQuerySchema,
  counterFiguresSchema,
  dayAppointmentsSchema,
  hallSchema,
  publicTicketSchema,
  staffTicketSchema,
  takeTicketBodySchema,
  transferBodySchema,
  visitParamsSchema,
  windowCounterSchema,
  windowParamsSchema,
  windowTicketParamsSchema,
} from './schemas.ts';

const notTheWindow = problem('Not a clerk of this window (either of its A/B posts).');

const steps: { id: string; slug: string; summary: string; description: string; body?: boolean }[] = [
  {
    id: 'recallTicket',
    slug: 'recall',
    summary: '重呼',
    description: 'Calls the window’s called ticket again; the hall display announces it once more.',
  },
  {
    id: 'markTicketNoShow',
    slug: 'no-show',
    summary: '过号',
    description: 'The visitor did not come: the ticket is a no-show and may rejoin once.',
  },
  {
    id: 'rejoinTicket',
    slug: 'rejoin',
    summary: '过号重排',
    description:
      'A no-show back at the hall rejoins its category’s queue at the back, once (422 the second time). Any window serving the category.',
  },
  {
    id: 'transferTicket',
    slug: 'transfer',
    summary: '转窗',
    description:
      'Sends the called ticket to another window (`window`) or category (`category`), one of the two; it keeps its place in time.',
    body: true,
  },
  {
    id: 'endTicketService',
    slug: 'end',
    summary: '结束服务',
    description: 'Service ended: the service time (last call → end) is recorded on the ticket.',
  },
];

const tooManyFromClient = problem('Too many requests from this client (Retry-After).');
const tooLarge = problem('The body is larger than the route allows.');
const bookingRefused = problem(
  'The rules refuse it, and `rule` says which: `rest-day`, `provisional-day` (the year’s holiday schedule is not published), `outside-hours`, `slot-past`, `beyond-window`, `slot-full`, `no-appointments`, `booking-suspended` (repeated no-shows of the phone), `too-many-bookings` (open bookings of the phone); `errors` names the field.',
);

/** Appointments (预约) and 延时服务: the public book, cancel and check in; the desk lists the day. */
function appointmentRoutes(): RouteDefinition[] {
  return [
    {
      id: 'getAppointmentSlots',
      method: 'GET',
      path: '/api/public/appointment-slots',
      handler: 'counter/appointments',
      access: 'public',
      summary: '预约时段与余量',
      description:
        'The days from `from` (default today; at most `days`, never past the booking window) of a category — or of the category covering `item`, exactly one of the two — with each future slot’s seats and the seats left; 延时服务 slots carry `extended` (the period’s name); a day without slots says why (`rest-day`, `provisional-day`, `no-appointments`) in `message`.',
      tag: 'public',
      request: { query: appointmentSlotsQuerySchema },
      responses: {
        200: { description: '可预约的日期与时段。', schema: appointmentSlotsSchema },
        400: problem(
          'A malformed or unknown category, item, date or day count; neither or both of category and item.',
        ),
      },
    },
    {
      id: 'bookAppointment',
      method: 'POST',
      path: '/api/public/appointments',
      handler: 'counter/appointments',
      access: 'public',
      summary: '预约',
      description:
        'Books the slot `time` (its start, HH:MM) of `date` for a category or an item, with the holder’s name and mobile phone (sealed at rest, masked in every answer and log). One conditional write claims a seat under the slot’s capacity, so a slot is never overbooked. Answers the booking code (8 characters; shown once: check-in and cancellation need it), the slot, the check-in window and what to bring. Rate-limited per client.',
      tag: 'public',
      request: { body: bookAppointmentBodySchema, maxBodyBytes: 1024 },
      responses: {
        201: {
          description: '预约成功：预约码（仅显示一次）、时段、签到时间与所需材料。',
          schema: bookedAppointmentSchema,
        },
        400: problem('A malformed field (named): category or item, date, time, name, a mobile phone.'),
        413: tooLarge,
        422: bookingRefused,
        429: tooManyFromClient,
      },
    },
    {
      id: 'cancelAppointment',
      method: 'POST',
      path: '/api/public/appointments/cancellation',
      handler: 'counter/appointments',
      access: 'public',
      summary: '取消预约',
      description:
        'Cancels a booking before its slot begins, with its code and the last four digits of its phone (a code alone cancels nothing); the seat is freed. An unknown code and a wrong phone get the same 404; wrong phones for one code lock it for a while (429). Rate-limited per client.',
      tag: 'public',
      request: { body: cancelAppointmentBodySchema, maxBodyBytes: 512 },
      responses: {
        200: { description: '已取消的预约。', schema: appointmentSchema },
        400: problem('A malformed code or phone digits.'),
        404: problem('No booking with this code and phone.'),
        409: problem('The booking changed meanwhile.'),
        413: tooLarge,
        422: problem('Cancelled already, checked in already, or its slot has begun (`rule`).'),
        429: tooManyFromClient,
      },
    },
    {
      id: 'checkInAppointment',
      method: 'POST',
      path: '/api/public/appointments/check-in',
      handler: 'counter/appointments',
      access: 'public',
      summary: '预约签到（取号机）',
      description:
        'The kiosk’s check-in with the booking code, from `checkInMinutesBefore` before the slot until `graceMinutes` after its start: a priority ticket (the appointment reason of 绿色通道) of the booking’s category, called ahead. Checked in already: 200 with the same ticket. Before the window, 422 `check-in-early`; after it, 422 `appointment-forfeited` (a no-show). Rate-limited per client like taking tickets.',
      tag: 'public',
      request: { body: checkInBodySchema, maxBodyBytes: 512 },
      responses: {
        200: { description: '已签到过：同一张号票。', schema: checkedInSchema },
        201: { description: '签到成功：优先号票。', schema: checkedInSchema },
        400: problem('A malformed code.'),
        404: problem('No booking with this code.'),
        413: tooLarge,
        422: problem('Too early, too late (forfeit), or cancelled (`rule`).'),
        429: tooManyFromClient,
      },
    },
    {
      id: 'listAppointments',
      method: 'GET',
      path: '/api/appointments',
      handler: 'counter/appointment-desk',
      access: ['clerk', 'chief'],
      summary: '当日预约',
      description:
        'The day’s bookings (default today) of the categories the clerk’s window serves, or the chief’s department’s windows serve (`category`: one of them), in slot order: holder masked, state at this moment (`forfeited` once the grace period passed unchecked), the ticket of a check-in, and counts per state.',
      tag: 'counter',
      request: { query: appointmentsQuerySchema },
      responses: {
        200: { description: '当日预约。', schema: dayAppointmentsSchema },
        400: problem('A malformed date, or one out of range.'),
        403: problem('The category is not one of the caller’s windows.'),
      },
    },
  ];
}

export const counterRoutes: RouteDefinition[] = [
  {
    id: 'takeTicket',
    method: 'POST',
    path: '/api/public/tickets',
    handler: 'counter/tickets',
    access: 'public',
    summary: '取号',
    description:
      'Takes a queue ticket for a business category, optionally with a priority reason (绿色通道) the centre accepts. The number is the category’s prefix and a daily serial (A001…, again from 1 after the centre’s midnight). Rate-limited per client; refused with 422 while the hall is closed (a rest day of the calendar, outside the opening hours).',
    tag: 'public',
    request: { body: takeTicketBodySchema, maxBodyBytes: 1024 },
    responses: {
      201: { description: '号票：号码、业务、前面等候人数与预计等候时间。', schema: publicTicketSchema },
      400: problem('Unknown category or priority reason (the field is named).'),
      413: problem('The body is larger than the route allows.'),
      422: problem(
        'The hall is closed now (rest day, before or after hours, lunch break); the detail says when it opens.',
      ),
      429: problem('Too many tickets from this client (Retry-After).'),
    },
  },
  {
    id: 'getHall',
    method: 'GET',
    path: '/api/public/hall',
    handler: 'counter/hall',
    access: 'public',
    summary: '叫号屏：各窗口最新叫号与各业务等候人数',
    description:
      'The hall display’s state: the latest call of each window today (latest first) and the waiting count per category. `Cache-Control: public, max-age=1`, so the edge answers the hall’s screens from its cache within a second.',
    tag: 'public',
    responses: { 200: { description: '大厅叫号状态。', schema: hallSchema } },
  },
  {
    id: 'getWindowCounter',
    method: 'GET',
    path: '/api/windows/{window}/calls',
    handler: 'counter/calls',
    access: ['clerk'],
    summary: '窗口叫号面板',
    description:
      'Waiting per category the window serves, tickets transferred to it, and the ticket it is serving.',
    tag: 'counter',
    request: { params: windowParamsSchema },
    responses: { 200: { description: '窗口叫号面板。', schema: windowCounterSchema }, 403: notTheWindow },
  },
  {
    id: 'callNextTicket',
    method: 'POST',
    path: '/api/windows/{window}/calls',
    handler: 'counter/calls',
    access: ['clerk'],
    summary: '叫号（下一位）',
    description:
      'Calls the next ticket of the window: tickets transferred to it and its categories’ queues, priority first, then in order. One conditional write claims the ticket, so two windows calling at once never get the same one.',
    tag: 'counter',
    request: { params: windowParamsSchema },
    responses: {
      201: { description: '被叫的号票。', schema: staffTicketSchema },
      403: notTheWindow,
      404: problem('Nobody waits for this window.'),
    },
  },
  ...steps.map((step): RouteDefinition => {
    const responses: RouteDefinition['responses'] = {
      200: { description: '办理后的号票。', schema: staffTicketSchema },
      403: problem('Not a clerk of this window, or the ticket was called at another window.'),
      404: problem('No such ticket today.'),
      409: {
        description: '号票当前状态不能办理此操作（如已结束、未叫号）。',
        schema: conflictProblemSchema,
        contentType: 'application/problem+json',
      },
    };
    if (step.body) responses[400] = problem('Neither or both of window and category; an unknown one.');
    if (step.id === 'rejoinTicket') responses[422] = problem('The ticket rejoined once already.');
    return {
      id: step.id,
      method: 'POST',
      path: `/api/windows/{window}/calls/{ticketNo}/${step.slug}`,
      handler: 'counter/calls',
      access: ['clerk'],
      summary: step.summary,
      description: step.description,
      tag: 'counter',
      request: { params: windowTicketParamsSchema, ...(step.body ? { body: transferBodySchema } : {}) },
      responses,
    };
  }),
  ...appointmentRoutes(),
  {
    id: 'getVisit',
    method: 'GET',
    path: '/api/counter/tickets/{date}/{ticketNo}',
    handler: 'counter/visit',
    access: roles,
    summary: '号票（一次来访）：取号、叫号、等候与服务时长、受理的办件',
    description:
      'One visit as the desk sees it: the ticket of that day with its history, the wait (taken → first call) and service (last call → end) in seconds, the masked phone of its “number is near” message, and the cases taken in from it (`caseNos`). The case page shows it for a case taken in from a call.',
    tag: 'counter',
    request: { params: visitParamsSchema },
    responses: {
      200: { description: '号票。', schema: staffTicketSchema },
      404: problem('No such ticket that day.'),
    },
  },
  {
    id: 'getCounterFigures',
    method: 'GET',
    path: '/api/counter/figures',
    handler: 'counter/figures',
    access: roles,
    summary: '叫号统计（按业务类别、窗口、时段；日、月）',
    description:
      'The counter’s figures of a scope and a day or month: tickets taken, called, served, no-shows, never called, waited past the category’s target; wait (taken → first call) and service (last call → end) as mean and 90th percentile (nearest rank) in seconds — in all and by category, window and hour of the day taken. The same scopes and roles as the case figures: a clerk their own, a chief their department, leaders, supervision and admin the centre. A ticket counts where it was served (the window and clerk of its last call); one never called counts for the department serving its category.',
    tag: 'counter',
    request: { query: counterFiguresQuerySchema },
    responses: {
      200: { description: '叫号统计。', schema: counterFiguresSchema },
      400: problem('A bad scope, or a period that is not a day or a month (`query.scope`, `query.period`).'),
      403: problem('A scope above the caller’s role.'),
    },
  },
];
