import { describe, expect, it } from 'vitest';
import { counterSettings } from '../../../functions/config/centre.ts';
import { civilDateAt } from '../../../functions/domain/calendar/instant.ts';
import { CounterError } from '../../../functions/domain/counter/errors.ts';
import { findCategory } from '../../../functions/domain/counter/settings.ts';
import {
  callTicket,
  endService,
  estimateMinutes,
  markNoShow,
  queueOrderKey,
  recallTicket,
  rejoinTicket,
  type Ticket,
  takeTicket,
  ticketNumber,
  transferTicket,
} from '../../../functions/domain/counter/tickets.ts';

const settings = counterSettings();
const civil = findCategory(settings, 'civil-affairs');
if (!civil) throw new Error('the sample centre has no civil-affairs category');
const at = (time: string) => new Date(`2026-12-04T${time}+08:00`);

function taken(serial: number, time: string, priority?: string): Ticket {
  return takeTicket({
    category: civil as never,
    serial,
    date: '2026-12-04',
    now: at(time),
    ...(priority ? { priority } : {}),
  });
}

function refusal(run: () => unknown): CounterError {
  try {
    run();
  } catch (error) {
    if (error instanceof CounterError) return error;
    throw error;
  }
  throw new Error('the step was allowed');
}

describe('ticket numbers', () => {
  it('are the prefix and a serial of at least three digits', () => {
    expect(ticketNumber('A', 1)).toBe('A001');
    expect(ticketNumber('C', 23)).toBe('C023');
    expect(ticketNumber('B', 1234)).toBe('B1234');
  });

  it('restart at the centre’s midnight: the day of a ticket is the Beijing day, not the UTC one', () => {
    // 15:59:59 UTC is 23:59:59 in Beijing; a second later the counter of the next day starts at 1.
    expect(civilDateAt(Date.parse('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
    expect(civilDateAt(Date.parse('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
    expect(taken(1, '23:59:59').date).toBe('2026-12-04');
  });
});

describe('the order of a queue', () => {
  it('puts priority tickets first, then by the instant the place counts from, then by serial', () => {
    const tickets = [
      taken(1, '09:00:00'),
      taken(2, '09:01:00'),
      taken(3, '09:02:00', 'elderly'),
      taken(4, '09:02:00'),
      taken(5, '09:03:00', 'pregnant'),
      taken(6, '09:02:00'),
    ];
    const order = [...tickets].sort((a, b) => (queueOrderKey(a) < queueOrderKey(b) ? -1 : 1));
    expect(order.map((ticket) => ticket.ticketNo)).toEqual(['A003', 'A005', 'A001', 'A002', 'A004', 'A006']);
  });

  it('estimates the wait from the people ahead over the category’s windows', () => {
    expect(estimateMinutes(0, civil)).toBe(0);
    expect(estimateMinutes(3, civil)).toBe(10);
    expect(estimateMinutes(4, civil)).toBe(14);
  });
});

describe('the steps of a ticket', () => {
  it('records the wait at the first call and the service at the end', () => {
    const called = callTicket(taken(1, '09:00:00'), 'mz-01', 'clerk', at('09:12:30'));
    expect(called).toMatchObject({
      status: 'called',
      window: 'mz-01',
      waitSeconds: 750,
      calls: 1,
      version: 2,
    });
    expect(called.queue).toBeUndefined();
    const recalled = recallTicket(called, 'mz-01', 'clerk', at('09:13:00'));
    expect(recalled).toMatchObject({ calls: 2, calledAt: at('09:13:00').toISOString(), waitSeconds: 750 });
    const ended = endService(recalled, 'mz-01', 'clerk', at('09:20:00'));
    expect(ended).toMatchObject({ status: 'ended', serviceSeconds: 420 });
    expect(ended.history.map((event) => event.action)).toEqual(['take', 'call', 'recall', 'end']);
  });

  it('lets a no-show rejoin once, at the back', () => {
    const gone = markNoShow(
      callTicket(taken(1, '09:00:00'), 'mz-01', 'clerk', at('09:10:00')),
      'mz-01',
      'clerk',
      at('09:11:00'),
    );
    const back = rejoinTicket(gone, 'clerk', at('09:30:00'));
    expect(back).toMatchObject({ status: 'waiting', rejoined: true, queuedAt: at('09:30:00').toISOString() });
    const again = markNoShow(
      callTicket(back, 'mz-02', 'clerk', at('09:40:00')),
      'mz-02',
      'clerk',
      at('09:41:00'),
    );
    expect(again.waitSeconds).toBe(600);
    expect(refusal(() => rejoinTicket(again, 'clerk', at('09:50:00'))).code).toBe('rejoined-already');
  });

  it('transfers keeping the place in time, and refuses steps of another window or state', () => {
    const called = callTicket(taken(7, '09:00:00'), 'mz-01', 'clerk', at('09:10:00'));
    const moved = transferTicket(called, 'mz-01', 'clerk', at('09:15:00'), { category: 'tax' });
    expect(moved).toMatchObject({ status: 'waiting', category: 'tax', queue: { category: 'tax' } });
    expect(moved.queuedAt).toBe(moved.takenAt);
    expect(refusal(() => endService(called, 'mz-02', 'clerk', at('09:11:00'))).code).toBe('not-permitted');
    expect(refusal(() => endService(moved, 'mz-01', 'clerk', at('09:16:00'))).code).toBe('invalid-step');
    expect(refusal(() => callTicket(called, 'mz-02', 'clerk', at('09:16:00'))).code).toBe('invalid-step');
    expect(
      refusal(() => transferTicket(called, 'mz-01', 'clerk', at('09:16:00'), { window: 'mz-01' })).code,
    ).toBe('invalid-step');
  });
});
