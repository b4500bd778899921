/**
 * What the counter handlers share: the settings, the centre's day, the views of a ticket, the
 * window check, and counter errors as problem documents (in one place). Not a route itself.
 */
import { centreClocks, counterSettings } from '../../config/centre.ts';
import type { CivilDate } from '../../domain/calendar/civil.ts';
import type { Actor } from '../../domain/cases/types.ts';
import { CounterError } from '../../domain/counter/errors.ts';
import { type HallState, hallStateAt } from '../../domain/counter/hours.ts';
import { type CounterCategory, findCategory } from '../../domain/counter/settings.ts';
import { type Ticket, ticketStatusLabels } from '../../domain/counter/tickets.ts';
import { QueueBusyError, TicketConflictError } from '../../store/counter/tickets.ts';
import type { RouteImplementation } from '../handler.ts';
import { conflict, HttpProblem, notFound, serviceUnavailable } from '../problems.ts';
import { refusalProblem } from '../refusals.ts';

// Read on the container's start, so a wrong configuration fails the first request loudly, not a later one.
export const settings = counterSettings();

export function hallNow(nowMs = Date.now()): HallState {
  return hallStateAt(settings, centreClocks().calendar, nowMs);
}

export function categoryOf(code: string): CounterCategory {
  const category = findCategory(settings, code);
  if (!category) throw new Error(`The ticket's category ${code} is no longer configured.`);
  return category;
}

function priorityFields(ticket: Ticket) {
  return ticket.priority
    ? {
        priority: ticket.priority,
        priorityLabel: settings.priorityReasons[ticket.priority] ?? ticket.priority,
      }
    : {};
}

export function publicTicketView(ticket: Ticket, ahead: number, estimateMinutes: number) {
  const category = categoryOf(ticket.category);
  return {
    ticketNo: ticket.ticketNo,
    category: category.code,
    categoryName: category.name,
    date: ticket.date,
    takenAt: ticket.takenAt,
    ...priorityFields(ticket),
    ...(ticket.notifyPhone ? { notifyPhone: ticket.notifyPhone } : {}),
    ahead,
    estimateMinutes,
    windows: category.windows,
  };
}

export function staffTicketView(ticket: Ticket) {
  const { queue: _queue, queuedAt: _queuedAt, ...rest } = ticket;
  return {
    ...rest,
    ...priorityFields(ticket),
    categoryName: categoryOf(ticket.category).name,
    statusLabel: ticketStatusLabels[ticket.status],
  };
}

/** Only a clerk of the window (either of its A/B posts) calls at it. */
export function requireWindowClerk(actor: Actor, window: string): void {
  if (actor.window !== window) {
    throw new HttpProblem({
      type: 'https://yichuang.dev/problems/forbidden',
      title: '无权办理',
      status: 403,
      detail: `只有 ${window} 窗口的工作人员（含 AB 岗）可以在该窗口叫号。`,
    });
  }
}

export function ticketNotFound(ticketNo: string, date: CivilDate): HttpProblem {
  return notFound(`今天（${date}）没有 ${ticketNo} 号。`);
}

/** The titles of the appointment refusals (422): which rule refused the booking, the cancellation or the check-in. */
const appointmentRuleTitles: Record<string, string> = {
  'no-appointments': '该业务暂不接受预约',
  'rest-day': '该日大厅休息，不接受预约',
  'provisional-day': '该日节假日安排未公布，暂不接受预约',
  'outside-hours': '不在可预约时段内',
  'slot-past': '该时段已过',
  'beyond-window': '超出可预约的日期范围',
  'slot-full': '该时段已约满',
  'booking-suspended': '多次预约未到，暂停预约',
  'too-many-bookings': '未到期的预约过多',
  'check-in-early': '还未到签到时间',
  'appointment-forfeited': '已超过签到时限，预约作废',
  'appointment-cancelled': '预约已取消',
  'appointment-checked-in': '预约已签到',
  'appointment-started': '预约时段已开始，不能取消',
};

export function counterErrorProblem(error: CounterError): HttpProblem {
  return refusalProblem(error, {
    area: 'counter-rule',
    stateCodes: ['invalid-step'],
    stateTitle: '号票当前状态不能办理此操作',
    fieldCodes: ['unknown-category', 'unknown-priority', 'unknown-item'],
    ruleTitles: {
      'hall-closed': '大厅暂停取号',
      'rejoined-already': '已过号重排过一次',
      ...appointmentRuleTitles,
    },
    ruleFallbackTitle: '叫号规则不允许',
    ruleNamesField: true,
  });
}

/** Wraps a route implementation so counter errors come out as problem documents. */
export function withCounterErrors(implementation: RouteImplementation): RouteImplementation {
  return async (request, context) => {
    try {
      return await implementation(request, context);
    } catch (error) {
      if (error instanceof CounterError) throw counterErrorProblem(error);
      if (error instanceof TicketConflictError)
        throw conflict(`${error.ticketNo} 号刚被其他操作改变，请刷新后重试。`);
      if (error instanceof QueueBusyError) {
        throw serviceUnavailable('叫号的窗口较多，本次未能叫到号，请再按一次“叫号”。');
      }
      throw error;
    }
  };
}
