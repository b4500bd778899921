import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../functions/domain/cases/types.ts';
import {
  decideStep,
  monthOf,
  type RatingState,
  type RectificationCommand,
  ratingFigures,
  recordRating,
} from '../../../functions/domain/ratings/index.ts';
import { T } from '../cases/fixtures.ts';
import { invitation } from './fixtures.ts';

const clerk: Actor = { username: 'clerk', roles: ['clerk'], department: 'mz', window: 'mz-01' };
const supervisor: Actor = { username: 'supervisor', roles: ['supervisor'] };
let serial = 0;

function visit(window = 'mz-01'): RatingState {
  serial += 1;
  return invitation({ caseNo: `YC0001-20261102-${String(serial).padStart(4, '0')}`, window });
}

function rated(overall: 1 | 2 | 3 | 4 | 5, window = 'mz-01'): RatingState {
  return recordRating(visit(window), { overall }, T('2026-11-02T11:00:00')).state;
}

function steps(state: RatingState, ...commands: [RectificationCommand, Actor?][]): RatingState {
  return commands.reduce(
    (current, [command, actor]) =>
      decideStep(current, command, actor ?? clerk, T('2026-11-02T15:00:00'), { assigneeAway: false }).state,
    state,
  );
}

const callBack: RectificationCommand = { type: 'callBack', reached: true, verified: '核实' };

describe('rating figures', () => {
  it('counts visits, ratings, satisfaction (upheld appeals excluded), call-backs and rectifications', () => {
    const states = [
      visit(), // invited, not rated
      visit(),
      rated(5),
      rated(4),
      rated(3),
      rated(2), // bad, untouched
      steps(rated(1), [callBack]), // bad, called back
      steps(
        rated(1),
        [callBack],
        [{ type: 'fixAtOnce', done: '改进' }],
        [{ type: 'tellRater', how: '电话', what: '改进' }],
        [{ type: 'close' }],
      ),
      steps(
        rated(2),
        [callBack],
        [{ type: 'appeal', ground: 'mistaken', reasons: '误点' }],
        [{ type: 'decideAppeal', upheld: true, reasons: '属实' }, supervisor],
      ),
      rated(5, 'sw-01'),
    ];
    const { windows, total } = ratingFigures(states);
    expect(windows.map((figures) => figures.window)).toEqual(['mz-01', 'sw-01']);
    const mz = windows[0];
    expect(mz).toMatchObject({
      visits: 9,
      ratings: 7,
      counted: 6,
      satisfied: 3,
      bad: 4,
      excluded: 1,
      calledBack: 3,
      rectified: 2,
      closed: 1,
    });
    expect(mz?.ratingRate).toBeCloseTo(7 / 9);
    // 5, 4, 3 satisfied of 6 counted (the upheld appeal is left out): 50 %, not 3/7.
    expect(mz?.satisfactionRate).toBe(0.5);
    expect(mz?.callbackRate).toBe(0.75);
    expect(mz?.rectificationRate).toBe(0.5);
    expect(windows[1]).toMatchObject({
      visits: 1,
      ratings: 1,
      satisfactionRate: 1,
      bad: 0,
      callbackRate: null,
    });
    expect(total).toMatchObject({ window: '*', visits: 10, ratings: 8, bad: 4, satisfied: 4, counted: 7 });
  });

  it('gives null rates where nothing was rated, and files a visit under the month of its delivery', () => {
    const { windows } = ratingFigures([visit()]);
    expect(windows[0]).toMatchObject({ visits: 1, ratings: 0, ratingRate: 0, satisfactionRate: null });
    expect(monthOf({ deliveredAt: T('2026-12-01T00:30:00') })).toBe('2026-12');
    expect(ratingFigures([]).total.ratingRate).toBeNull();
  });
});
