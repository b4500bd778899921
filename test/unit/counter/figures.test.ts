/**
 * The counter's figures on hand-built tickets: the 90th percentile (nearest rank), no-shows, waits
 * past target, by category, window and hour of day, and the scopes a ticket counts in.
 */
import { describe, expect, it } from 'vitest';
import { counterSettings } from '../../../functions/config/centre.ts';
import { counterFigures, daysToRead, nearestRank } from '../../../functions/domain/counter/figures.ts';
import { findCategory } from '../../../functions/domain/counter/settings.ts';
import {
  callTicket,
  endService,
  markNoShow,
  type Ticket,
  takeTicket,
  transferTicket,
} from '../../../functions/domain/counter/tickets.ts';

const settings = counterSettings();
const category = (code: string) => {
  const found = findCategory(settings, code);
  if (!found) throw new Error(`no category ${code}`);
  return found;
};
const at = (time: string) => new Date(`2026-12-04T${time}+08:00`);
const plus = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

let serial = 0;
/** A ticket taken at `time`, called after `wait` minutes at `window` by `clerk`, then ended after `service` (or a no-show). */
function visit(
  code: string,
  time: string,
  outcome: { wait?: number; window?: string; clerk?: string; service?: number; noShow?: boolean } = {},
): Ticket {
  serial += 1;
  let ticket = takeTicket({ category: category(code), serial, date: '2026-12-04', now: at(time) });
  if (outcome.wait === undefined) return ticket;
  const window = outcome.window ?? category(code).windows[0] ?? '';
  const calledAt = plus(at(time), outcome.wait);
  ticket = callTicket(ticket, window, outcome.clerk ?? 'clerk', calledAt);
  if (outcome.noShow) return markNoShow(ticket, window, outcome.clerk ?? 'clerk', plus(calledAt, 2));
  if (outcome.service !== undefined)
    ticket = endService(ticket, window, outcome.clerk ?? 'clerk', plus(calledAt, outcome.service));
  return ticket;
}

const centre = { scope: { kind: 'centre' as const } };

describe('the 90th percentile', () => {
  it('is the nearest-rank one', () => {
    expect(nearestRank([], 90)).toBeNull();
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });
});

describe('the counter figures', () => {
  // Ten civil-affairs visits in the 9 o'clock hour: waits 1…10 minutes, 5 minutes' service each.
  const nine = Array.from({ length: 10 }, (_, i) =>
    visit('civil-affairs', `09:${String(i * 5).padStart(2, '0')}:00`, {
      wait: i + 1,
      window: i % 2 === 0 ? 'mz-01' : 'mz-02',
      clerk: i % 2 === 0 ? 'clerk' : 'clerk-b',
      service: 5,
    }),
  );
  const noShow = visit('civil-affairs', '10:10:00', { wait: 40, window: 'mz-01', noShow: true });
  const waiting = visit('civil-affairs', '10:20:00');
  const tax = visit('tax', '10:30:00', { wait: 12, window: 'sw-01', clerk: 'clerk-sw', service: 20 });
  const tickets = [...nine, noShow, waiting, tax];
  const figures = counterFigures({ tickets, scope: centre, settings });

  it('counts tickets, calls, services, no-shows, the never called and waits past target', () => {
    expect(figures.total).toMatchObject({
      tickets: 13,
      called: 12,
      served: 11,
      noShows: 1,
      neverCalled: 1,
      // Only the no-show waited past the 30-minute target (40 minutes).
      waitedPastTarget: 1,
    });
  });

  it('gives the mean and 90th percentile of wait and service in seconds', () => {
    // Waits: 1…10, 40, 12 minutes → sorted 1…10, 12, 40; the 90th percentile is the 11th: 12 minutes.
    expect(figures.total.wait).toEqual({
      count: 12,
      meanSeconds: Math.round(((55 + 40 + 12) * 60) / 12),
      p90Seconds: 12 * 60,
    });
    // Services: ten of 5 minutes, one of 20.
    expect(figures.total.service).toEqual({
      count: 11,
      meanSeconds: Math.round(((50 + 20) * 60) / 11),
      p90Seconds: 5 * 60,
    });
  });

  it('splits by category, window and hour of the day taken', () => {
    expect(figures.byCategory.map((row) => [row.code, row.tickets, row.wait.p90Seconds])).toEqual([
      ['civil-affairs', 12, 10 * 60],
      ['tax', 1, 12 * 60],
    ]);
    expect(figures.byWindow.map((row) => [row.window, row.tickets, row.noShows])).toEqual([
      ['mz-01', 6, 1],
      ['mz-02', 5, 0],
      ['sw-01', 1, 0],
    ]);
    expect(figures.byHour.map((row) => [row.hour, row.tickets, row.wait.meanSeconds])).toEqual([
      [9, 10, Math.round((55 * 60) / 10)],
      [10, 3, Math.round(((40 + 12) * 60) / 2)],
    ]);
  });

  it('counts a ticket where it was served; one never called in the department serving its category', () => {
    const of = (scope: Parameters<typeof counterFigures>[0]['scope']) =>
      counterFigures({ tickets, scope, settings }).total.tickets;
    expect(of({ scope: { kind: 'department', code: 'mz' } })).toBe(12);
    expect(of({ scope: { kind: 'department', code: 'sw' } })).toBe(1);
    expect(of({ scope: { kind: 'window', code: 'mz-02' } })).toBe(5);
    expect(of({ scope: { kind: 'clerk', username: 'clerk' } })).toBe(6);
    // A chief reading one of their clerks: only that department's tickets.
    expect(of({ scope: { kind: 'clerk', username: 'clerk-sw' }, department: 'mz' })).toBe(0);
  });

  it('counts a transferred ticket under its new category and the window that served it', () => {
    serial += 1;
    let ticket = takeTicket({
      category: category('civil-affairs'),
      serial,
      date: '2026-12-04',
      now: at('11:00:00'),
    });
    ticket = callTicket(ticket, 'mz-01', 'clerk', at('11:05:00'));
    ticket = transferTicket(ticket, 'mz-01', 'clerk', at('11:06:00'), { category: 'tax' });
    ticket = callTicket(ticket, 'sw-02', 'clerk-sw', at('11:10:00'));
    const moved = counterFigures({ tickets: [ticket], scope: centre, settings });
    expect(moved.byCategory.map((row) => row.code)).toEqual(['tax']);
    expect(moved.byWindow.map((row) => row.window)).toEqual(['sw-02']);
    // The wait is the first one: taken → first call.
    expect(moved.total.wait.meanSeconds).toBe(5 * 60);
  });

  it('reads the days of a day or month up to today', () => {
    expect(daysToRead('2026-12-01', '2026-12-31', '2026-12-03')).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    expect(daysToRead('2026-11-01', '2026-11-30', '2026-12-03')).toHaveLength(30);
    expect(daysToRead('2026-12-05', '2026-12-05', '2026-12-03')).toEqual([]);
  });
});
