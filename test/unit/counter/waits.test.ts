/**
 * A ticket's wait as a supervision subject: one yellow level when its category's target passes,
 * announced once to the department's chief, no card; nothing to watch once it is called.
 */
import { describe, expect, it } from 'vitest';
import { counterSettings } from '../../../functions/config/centre.ts';
import { findCategory } from '../../../functions/domain/counter/settings.ts';
import { callTicket, takeTicket } from '../../../functions/domain/counter/tickets.ts';
import { ticketSubject, waitTargetAt } from '../../../functions/domain/counter/waits.ts';
import { planSubject, subjectNextCheckAt } from '../../../functions/domain/supervision/index.ts';
import { clocks } from '../cases/fixtures.ts';

const category = findCategory(counterSettings(), 'civil-affairs');
if (!category) throw new Error('no civil-affairs category');
const T = (local: string) => `${local}+08:00`;
const ticket = takeTicket({
  category,
  serial: 5,
  date: '2026-12-04',
  now: new Date(T('2026-12-04T09:00:00')),
});

describe('the wait target of a ticket', () => {
  it('is due when the category’s wait target passes', () => {
    expect(category.waitTargetMinutes).toBe(30);
    expect(waitTargetAt(ticket, category)).toBe(T('2026-12-04T09:30:00'));
    const subject = ticketSubject(ticket, category);
    expect(subject.department).toBe('mz');
    expect(subjectNextCheckAt(subject, T('2026-12-04T09:10:00'), clocks)).toBe(T('2026-12-04T09:30:00'));
  });

  it('warns once, yellow, to the chief, without a card; then leaves the index', () => {
    const subject = ticketSubject(ticket, category);
    expect(planSubject(subject, {}, T('2026-12-04T09:29:59'), clocks).events).toEqual([]);
    const due = planSubject(subject, {}, T('2026-12-04T09:35:00'), clocks);
    expect(due.events).toHaveLength(1);
    const [event] = due.events;
    expect(event).toMatchObject({
      eventId: `ticket:2026-12-04#A005:wait:yellow:${T('2026-12-04T09:30:00')}`,
      type: 'TicketYellowCard',
      level: 'yellow',
      occurredAt: T('2026-12-04T09:30:00'),
      department: 'mz',
      recipients: [{ kind: 'role', role: 'chief', department: 'mz' }],
    });
    expect(event?.card).toBeUndefined();
    // Recorded: a later sweep finds nothing new, and nothing more is to come.
    expect(planSubject(subject, due.recorded, T('2026-12-04T11:00:00'), clocks).changes).toEqual([]);
    expect(subjectNextCheckAt(subject, T('2026-12-04T09:35:00'), clocks)).toBeNull();
  });

  it('ends with the first call', () => {
    const called = callTicket(ticket, 'mz-01', 'clerk', new Date(T('2026-12-04T09:20:00')));
    const subject = ticketSubject(called, category);
    expect(subject.targets).toEqual([]);
    expect(planSubject(subject, {}, T('2026-12-04T10:00:00'), clocks).events).toEqual([]);
    expect(subjectNextCheckAt(subject, T('2026-12-04T10:00:00'), clocks)).toBeNull();
  });
});
