/** The front counter (取号叫号, domain.md §10): its routes in the one route table (routes.ts spreads them in). */

import { roles } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { conflictProblemSchema } from '../schemas.ts';
import {
  counterFiguresQuerySchema,
  counterFiguresSchema,
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
