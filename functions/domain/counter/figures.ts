/**
 * The counter's figures (domain.md §10, issue 16 item 5): the tickets of a period within a scope,
 * with the clocks of a visit — wait (taken → first call) and service (last call → end) — as mean
 * and 90th percentile, the no-shows and the waits past target, for the whole and by category,
 * window and hour of day. Pure: the tickets come in, read by the store for the period's days.
 *
 * Definitions (also shown on the desk page, `counterFigureDefinitions`):
 * - a ticket counts in the scope where it was served: the window of its last call (and that
 *   window's department), the clerk who made that call; a ticket never called counts for the
 *   department whose windows serve its category, and in no window or clerk scope;
 * - by category: its category at the end (after a transfer, the new one); by hour: the hour of the
 *   day (Beijing time) it was taken;
 * - the 90th percentile is the nearest-rank one: the smallest value at least 90 % of the values do
 *   not exceed (of 10 waits, the 9th smallest).
 */
import { addDays, type CivilDate } from '../calendar/civil.ts';
import { toEpochMs } from '../calendar/instant.ts';
import { departmentOfWindow } from '../complaints/windows.ts';
import { caseInScope, type ReadableScope } from '../figures/scopes.ts';
import { minuteOfDay } from './hours.ts';
import { type CounterCategory, type CounterSettings, findCategory } from './settings.ts';
import type { Ticket } from './tickets.ts';
import { categoryDepartment } from './waits.ts';

export interface DurationFigures {
  /** Tickets the duration is known for. */
  count: number;
  /** Whole seconds; null without any. */
  meanSeconds: number | null;
  p90Seconds: number | null;
}

export interface CounterFigureSet {
  /** Tickets taken. */
  tickets: number;
  /** Called at least once. */
  called: number;
  /** Service ended (结束). */
  served: number;
  /** Called and did not come (过号), and did not come back to be served. */
  noShows: number;
  /** Never called: still waiting, or gone home. */
  neverCalled: number;
  /** Called after waiting longer than the category's target. */
  waitedPastTarget: number;
  wait: DurationFigures;
  service: DurationFigures;
}

export interface CounterFigures {
  total: CounterFigureSet;
  byCategory: ({ code: string; name: string; waitTargetMinutes: number } & CounterFigureSet)[];
  byWindow: ({ window: string } & CounterFigureSet)[];
  /** Hours of the day (0–23, Beijing time) in which tickets were taken, in order. */
  byHour: ({ hour: number } & CounterFigureSet)[];
}

export const counterFigureDefinitions: { name: string; definition: string }[] = [
  { name: '取号量', definition: '统计期内取号的号票数。' },
  { name: '叫号量', definition: '至少被叫过一次的号票数。' },
  { name: '办结量', definition: '窗口按“结束”完成服务的号票数。' },
  { name: '过号', definition: '被叫后未到窗口、且未重新排队办结的号票数。' },
  { name: '未叫号', definition: '取号后始终未被叫号的号票数（仍在等候或已离开）。' },
  { name: '超时等候', definition: '等候时长超过该业务类别等候目标后才被叫号的号票数。' },
  {
    name: '等候时长',
    definition: '取号到第一次叫号的时长；平均值与第 90 百分位（最近秩法：10 个等候中第 9 短的）。',
  },
  { name: '服务时长', definition: '最后一次叫号到窗口“结束”的时长；平均值与第 90 百分位。' },
  {
    name: '统计口径',
    definition:
      '号票计入最后叫号的窗口及其部门、叫号的工作人员；从未叫号的号票计入其业务类别所属部门。按业务类别以最终类别计（转窗后为新类别），按时段以取号的时刻（北京时间）计。',
  },
];

/** The nearest-rank percentile of ascending values. */
export function nearestRank(sorted: readonly number[], percentile: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

function durations(values: number[]): DurationFigures {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    meanSeconds:
      sorted.length === 0 ? null : Math.round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
    p90Seconds: nearestRank(sorted, 90),
  };
}

function figureSet(tickets: readonly Ticket[], settings: CounterSettings): CounterFigureSet {
  const waits: number[] = [];
  const services: number[] = [];
  let called = 0;
  let waitedPastTarget = 0;
  for (const ticket of tickets) {
    if (ticket.waitSeconds !== undefined) {
      called += 1;
      waits.push(ticket.waitSeconds);
      const target = findCategory(settings, ticket.category)?.waitTargetMinutes;
      if (target !== undefined && ticket.waitSeconds > target * 60) waitedPastTarget += 1;
    }
    if (ticket.serviceSeconds !== undefined) services.push(ticket.serviceSeconds);
  }
  return {
    tickets: tickets.length,
    called,
    served: tickets.filter((ticket) => ticket.status === 'ended').length,
    noShows: tickets.filter((ticket) => ticket.status === 'no-show').length,
    neverCalled: tickets.length - called,
    waitedPastTarget,
    wait: durations(waits),
    service: durations(services),
  };
}

/** The clerk who made the ticket's last call: who served it. */
export function servedBy(ticket: Ticket): string | null {
  for (let i = ticket.history.length - 1; i >= 0; i -= 1) {
    const event = ticket.history[i];
    if (event?.action === 'call' || event?.action === 'recall') return event.by ?? null;
  }
  return null;
}

/** Where a ticket counts (see the definitions above). */
function ownerOf(ticket: Ticket, category: CounterCategory | undefined) {
  if (ticket.window) {
    return {
      department: departmentOfWindow(ticket.window),
      window: ticket.window,
      handler: servedBy(ticket),
    };
  }
  return { department: category ? categoryDepartment(category) : '', window: '', handler: null };
}

/** The hour of the day (0–23, Beijing time) of an instant. */
function hourOf(instant: string): number {
  return Math.floor(minuteOfDay(toEpochMs(instant)) / 60);
}

function groupBy<K>(tickets: readonly Ticket[], key: (ticket: Ticket) => K | undefined): Map<K, Ticket[]> {
  const groups = new Map<K, Ticket[]>();
  for (const ticket of tickets) {
    const k = key(ticket);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(ticket);
    else groups.set(k, [ticket]);
  }
  return groups;
}

export interface CounterFiguresInput {
  tickets: readonly Ticket[];
  scope: ReadableScope;
  settings: CounterSettings;
}

export function counterFigures({ tickets, scope, settings }: CounterFiguresInput): CounterFigures {
  const inScope = tickets.filter((ticket) =>
    caseInScope(ownerOf(ticket, findCategory(settings, ticket.category)), scope),
  );
  const byCategory = groupBy(inScope, (ticket) => ticket.category);
  const byWindow = groupBy(inScope, (ticket) => ticket.window);
  const byHour = groupBy(inScope, (ticket) => hourOf(ticket.takenAt));
  return {
    total: figureSet(inScope, settings),
    byCategory: settings.categories
      .filter((category) => byCategory.has(category.code))
      .map((category) => ({
        code: category.code,
        name: category.name,
        waitTargetMinutes: category.waitTargetMinutes,
        ...figureSet(byCategory.get(category.code) ?? [], settings),
      })),
    byWindow: [...byWindow.keys()]
      .sort()
      .map((window) => ({ window, ...figureSet(byWindow.get(window) ?? [], settings) })),
    byHour: [...byHour.keys()]
      .sort((a, b) => a - b)
      .map((hour) => ({ hour, ...figureSet(byHour.get(hour) ?? [], settings) })),
  };
}

/** The days of a period to read tickets for: none after `today` (nothing was taken yet). */
export function daysToRead(from: CivilDate, to: CivilDate, today: CivilDate): CivilDate[] {
  const days: CivilDate[] = [];
  const last = to < today ? to : today;
  for (let day = from; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}
