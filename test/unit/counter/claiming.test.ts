import { describe, expect, it } from 'vitest';
import { counterSettings } from '../../../functions/config/centre.ts';
import { type CallingPlace, callingPlace, findCategory } from '../../../functions/domain/counter/settings.ts';
import { type Ticket, takeTicket } from '../../../functions/domain/counter/tickets.ts';
import { mergeCandidates, nextCandidateIndex } from '../../../functions/store/counter/tickets.ts';

const settings = counterSettings();
const civil = findCategory(settings, 'civil-affairs');
if (!civil) throw new Error('the sample centre has no civil-affairs category');

function taken(serial: number, minute: number, priority?: string): Ticket {
  return takeTicket({
    category: civil as never,
    serial,
    date: '2026-12-04',
    now: new Date(Date.parse('2026-12-04T09:00:00+08:00') + minute * 60_000),
    ...(priority ? { priority } : {}),
  });
}

/** Ordinary candidates with consecutive serials from `from` (a queue's page in order). */
const ordinary = (count: number, from = 1) => Array.from({ length: count }, (_, i) => ({ serial: from + i }));
const lowest = () => 0;
const highest = () => 0.999;
const tenWindows = (index: number): CallingPlace => ({ index, among: 10 });

/** Which waiting ticket a call tries, first and after losing claims to other windows. */
describe('the next candidate of a call', () => {
  it('claims the head first, whatever the window’s place', () => {
    for (let index = 0; index < 10; index += 1) {
      expect(nextCandidateIndex(ordinary(25), new Set(), 0, tenWindows(index), highest)).toBe(0);
    }
  });

  it('after losing the head, goes to the next serial of its place: ten losers, ten tickets', () => {
    const picks = Array.from({ length: 10 }, (_, index) =>
      nextCandidateIndex(ordinary(25), new Set([0]), 1, tenWindows(index), highest),
    );
    // Serial 10 for the window at place 0, serial 11 for place 1 (serial 1 was the head), 2 for place 2…
    expect(picks).toEqual([9, 10, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps windows apart when their reads are out of step', () => {
    // Window 3 read the queue three calls before window 5: they still aim at different serials.
    const stale = ordinary(25, 1);
    const fresh = ordinary(25, 4);
    const serialOf = (page: { serial: number }[], index: number) => page[index]?.serial;
    const three = serialOf(stale, nextCandidateIndex(stale, new Set([0]), 1, tenWindows(3), highest));
    const five = serialOf(fresh, nextCandidateIndex(fresh, new Set([0]), 1, tenWindows(5), highest));
    expect([three, five]).toEqual([3, 5]);
  });

  it('after more losses, the next serial of its place further on; at random when none is within reach', () => {
    expect(nextCandidateIndex(ordinary(25), new Set([0, 3]), 2, tenWindows(4), highest)).toBe(13);
    const short = ordinary(6);
    expect(nextCandidateIndex(short, new Set([0, 1]), 2, tenWindows(8), lowest)).toBe(2);
    expect(nextCandidateIndex(short, new Set([0, 1]), 2, tenWindows(8), highest)).toBe(5);
  });

  it('keeps the queue’s order for a window that calls its queues alone, even when it loses a claim', () => {
    const alone = { index: 0, among: 1 };
    expect(nextCandidateIndex(ordinary(5), new Set([0]), 1, alone, highest)).toBe(1);
    expect(nextCandidateIndex(ordinary(5), new Set([0, 1]), 2, alone, highest)).toBe(2);
  });

  it('never passes an untried priority ticket of the page for an ordinary one', () => {
    const candidates = [
      { serial: 7, priority: 'elderly' },
      { serial: 12, priority: 'disabled' },
      { serial: 15, priority: 'elderly' },
      ...ordinary(10),
    ];
    const picks = Array.from({ length: 10 }, (_, index) =>
      nextCandidateIndex(candidates, new Set([0]), 1, tenWindows(index), highest),
    );
    expect(new Set(picks)).toEqual(new Set([1, 2]));
    expect(picks[2]).toBe(1);
    expect(picks[5]).toBe(2);
    expect(nextCandidateIndex(candidates, new Set([0, 1]), 2, tenWindows(7), highest)).toBe(2);
    // Once every priority ticket of the page was taken by others, the ordinary ones follow.
    expect(nextCandidateIndex(candidates, new Set([0, 1, 2]), 3, tenWindows(7), lowest)).toBe(9);
  });

  it('answers −1 once every candidate was tried (the next round reads the queues again)', () => {
    expect(nextCandidateIndex(ordinary(2), new Set([0, 1]), 2, tenWindows(3), highest)).toBe(-1);
    expect(nextCandidateIndex([], new Set(), 0, tenWindows(3), highest)).toBe(-1);
  });
});

describe('the candidates of a round', () => {
  const numbers = (tickets: readonly Ticket[]) => tickets.map((ticket) => ticket.ticketNo);

  it('merges the queues’ pages in priority-then-arrival order', () => {
    const merged = mergeCandidates([
      { tickets: [taken(2, 1), taken(4, 3)], more: false },
      { tickets: [taken(5, 4, 'elderly'), taken(1, 0), taken(3, 2)], more: false },
    ]);
    expect(numbers(merged)).toEqual(['A005', 'A001', 'A002', 'A003', 'A004']);
  });

  it('stops where a full page ends: what sorts after it may have an unread ticket before it', () => {
    // The window's own queue holds more than a page of priority tickets: the category's ordinary
    // tickets wait for a read that has seen the rest of them.
    const merged = mergeCandidates([
      { tickets: [taken(10, 9, 'elderly'), taken(11, 10, 'elderly')], more: true },
      { tickets: [taken(1, 0), taken(2, 1), taken(12, 11, 'pregnant')], more: false },
    ]);
    expect(numbers(merged)).toEqual(['A010', 'A011']);
    const cut = mergeCandidates([
      { tickets: [taken(1, 0), taken(4, 3)], more: true },
      { tickets: [taken(2, 1), taken(5, 4)], more: true },
    ]);
    expect(numbers(cut)).toEqual(['A001', 'A002', 'A004']);
  });
});

describe('a window’s calling place', () => {
  it('is its position among the windows of its categories', () => {
    expect(callingPlace(settings, 'mz-01')).toEqual({ index: 0, among: 3 });
    expect(callingPlace(settings, 'sj-07')).toEqual({ index: 6, among: 10 });
  });

  it('is alone for a window that serves no category', () => {
    expect(callingPlace(settings, 'nowhere-01')).toEqual({ index: 0, among: 1 });
  });
});
