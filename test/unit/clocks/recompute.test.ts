/** When a year's schedule is loaded or amended, every affected due instant is recomputed. */
import { describe, expect, it } from 'vitest';
import { createCalendar, defaultCalendar } from '../../../functions/domain/calendar/calendar.ts';
import { publishedScheduleFiles } from '../../../functions/domain/calendar/schedules/index.ts';
import {
  clockContext,
  decisionClocks,
  genericClock,
  projectClock,
  recomputeClocks,
  type StoredClock,
} from '../../../functions/domain/clocks/index.ts';
import fixture2027 from '../calendar/fixtures/2027-hypothetical.json' with { type: 'json' };
import { publishedFilesBeforeAmendments } from '../calendar/support/published.ts';

const T = (local: string) => `${local}+08:00`;

describe('recomputing stored clocks', () => {
  it('after a year is loaded: provisional deadlines become final, changed ones are reported', () => {
    const before = clockContext(defaultCalendar());
    const after = clockContext(createCalendar({ schedules: [...publishedScheduleFiles, fixture2027] }));
    const now = T('2027-01-21T09:00:00');
    const clocks = {
      intoFebruary: decisionClocks({ acceptedAt: T('2027-01-20T10:00:00'), promisedWorkdays: 20 }).statutory,
      settled: genericClock({ start: T('2026-10-09T10:00:00'), workdays: 5, label: '投诉办理' }),
      unchanged: genericClock({ start: T('2027-01-20T10:00:00'), workdays: 3, label: '投诉办理' }),
    };
    const stored: StoredClock<string>[] = Object.entries(clocks).map(([key, clock]) => ({
      key,
      clock,
      projection: projectClock(clock, now, before),
    }));
    expect(stored.map((s) => s.projection.provisional)).toEqual([true, false, true]);

    const changes = recomputeClocks(stored, now, after);
    expect(changes.map((change) => change.key)).toEqual(['intoFebruary', 'unchanged']);
    expect(changes[0]).toMatchObject({
      before: { dueAt: T('2027-02-19T17:30:00'), provisional: true, nextCheckAt: T('2027-02-18T00:00:00') },
      after: { dueAt: T('2027-02-24T17:30:00'), provisional: false, nextCheckAt: T('2027-02-23T00:00:00') },
    });
    // Same due instant; only the provisional mark goes.
    expect(changes[1]).toMatchObject({
      before: { dueAt: T('2027-01-25T17:30:00'), provisional: true },
      after: { dueAt: T('2027-01-25T17:30:00'), provisional: false },
    });
  });

  it('after a published year is amended (2020: Spring Festival extended)', () => {
    const before = clockContext(createCalendar({ schedules: publishedFilesBeforeAmendments(2020) }));
    const after = clockContext(defaultCalendar());
    const clock = genericClock({ start: T('2020-01-20T10:00:00'), workdays: 5, label: '差评整改' });
    const now = T('2020-01-28T10:00:00');
    const projection = projectClock(clock, now, before);
    expect(projection).toMatchObject({ dueAt: T('2020-02-01T17:30:00'), provisional: false });
    const changes = recomputeClocks([{ key: 'rating-1', clock, projection }], now, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.after).toMatchObject({ dueAt: T('2020-02-04T17:30:00'), provisional: false });
    // Once rewritten, nothing is left to recompute.
    const rewritten = changes.map((change) => ({ key: change.key, clock, projection: change.after }));
    expect(recomputeClocks(rewritten, now, after)).toEqual([]);
  });
});
