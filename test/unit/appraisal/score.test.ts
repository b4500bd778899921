/**
 * The scoring rule on hand-built months: each kind of event with its points, a kind's cap, the
 * caps on the month's totals, the explanation line by line, hundredths, ties in the ranking, and
 * the clerks the directory knows with no event (scored at the base).
 */
import { describe, expect, it } from 'vitest';
import { eventKinds } from '../../../functions/domain/appraisal/rule.ts';
import { appraise, ranked, scoreOf } from '../../../functions/domain/appraisal/score.ts';
import { clerk, decisions, event, rule, windows } from './fixtures.ts';

const mz01 = { kind: 'window' as const, code: 'mz-01', department: 'mz' };

describe('a score', () => {
  it('takes each kind’s points from the base, one explained line per event', () => {
    const events = eventKinds.map((kind, i) => event(kind, 'mz-01', 'clerk', 10 + i));
    const score = scoreOf(mz01, events, { decided: 3, takenIn: 0 }, rule);
    expect(score.lines.map((line) => [line.kind, line.points, line.capped])).toEqual([
      ['overdue', -5, false],
      ['validComplaint', -4, false],
      ['badRating', -2, false],
      ['badRatingLate', -3, false],
      ['yellowCard', -1, false],
      ['redCard', -3, false],
      ['early', 0.5, false],
      ['commendation', 1, false],
    ]);
    expect(score.deductions).toEqual({ lines: 18, cap: 30, applied: 18 });
    expect(score.credits).toEqual({ lines: 1.5, cap: 4, applied: 1.5 });
    expect(score.score).toBe(83.5);
    expect(score.notes).toEqual([]);
    expect(score.kinds).toEqual([...eventKinds]);
    // Each line says which record and what happened.
    expect(score.lines[0]).toMatchObject({
      label: '超法定时限办件',
      ref: events[0]?.ref,
      text: events[0]?.text,
    });
  });

  it('is the base without events', () => {
    const score = scoreOf(mz01, [], { decided: 0, takenIn: 0 }, rule);
    expect(score).toMatchObject({ score: 100, lines: [], kinds: [] });
  });

  it('stops a kind at its cap: the further lines count 0 and say so', () => {
    const events = [12, 3, 20].map((day) => event('overdue', 'mz-01', null, day));
    const score = scoreOf(mz01, events, { decided: 0, takenIn: 0 }, rule);
    // In time order: the 3rd, 12th, then the 20th, which would pass the cap of 10.
    expect(
      score.lines.map((line) => [line.at.slice(0, 10), line.points, line.rulePoints, line.capped]),
    ).toEqual([
      ['2026-11-03', -5, -5, false],
      ['2026-11-12', -5, -5, false],
      ['2026-11-20', 0, -5, true],
    ]);
    expect(score.score).toBe(90);
  });

  it('counts part of a line when the cap leaves less than the rule’s points', () => {
    const yellow = [1, 2, 3, 4].map((day) => event('yellowCard', 'mz-01', null, day));
    const red = [5, 6, 7, 8].map((day) => event('redCard', 'mz-01', null, day));
    const score = scoreOf(mz01, [...yellow, ...red], { decided: 0, takenIn: 0 }, rule);
    expect(score.lines.filter((line) => line.kind === 'redCard').map((line) => line.points)).toEqual([
      -3, -3, -3, 0,
    ]);
    expect(score.score).toBe(100 - 3 - 9);
    const early = [1, 2, 3, 4, 5].map((day) => event('early', 'mz-01', null, day));
    expect(scoreOf(mz01, early, { decided: 5, takenIn: 0 }, rule).lines.map((line) => line.points)).toEqual([
      0.5, 0.5, 0.5, 0.5, 0,
    ]);
  });

  it('caps the month’s total deductions and credits, with a note', () => {
    const complaints = Array.from({ length: 9 }, (_, i) => event('validComplaint', 'mz-01', null, i + 1));
    const praise = [1, 2, 3].map((day) => event('commendation', 'mz-01', null, day));
    const early = [4, 5, 6, 7].map((day) => event('early', 'mz-01', null, day));
    const score = scoreOf(mz01, [...complaints, ...praise, ...early], { decided: 7, takenIn: 0 }, rule);
    expect(score.deductions).toEqual({ lines: 36, cap: 30, applied: 30 });
    expect(score.credits).toEqual({ lines: 5, cap: 4, applied: 4 });
    expect(score.score).toBe(74);
    expect(score.notes).toEqual([
      '扣分合计 36 分，超过扣分上限 30 分，按 30 分计。',
      '加分合计 5 分，超过加分上限 4 分，按 4 分计。',
    ]);
  });

  it('counts in hundredths: 0.1 + 0.2 is 0.3', () => {
    const tenths = { ...rule, credits: { ...rule.credits, early: { points: 0.1, cap: null } } };
    const score = scoreOf(
      mz01,
      [1, 2, 3].map((day) => event('early', 'mz-01', null, day)),
      { decided: 3, takenIn: 0 },
      tenths,
    );
    expect(score.credits.lines).toBe(0.3);
    expect(score.score).toBe(100.3);
  });

  it('lets a kind with 0 points show its line without points', () => {
    const silent = { ...rule, deductions: { ...rule.deductions, yellowCard: { points: 0, cap: null } } };
    const score = scoreOf(mz01, [event('yellowCard', 'mz-01', null)], { decided: 0, takenIn: 0 }, silent);
    expect(score.lines.map((line) => [line.points, line.capped])).toEqual([[0, false]]);
    expect(score.score).toBe(100);
  });
});

describe('the ranking', () => {
  const at = (code: string, score: number, decided: number) => ({
    ...scoreOf({ kind: 'window', code, department: 'mz' }, [], { decided, takenIn: 0 }, rule),
    score,
  });

  it('shares a rank between equal scores and skips the ranks they fill', () => {
    const list = ranked([at('mz-03', 95, 1), at('mz-01', 100, 2), at('mz-02', 95, 4), at('mz-04', 90, 9)]);
    expect(list.map((score) => [score.subject.kind === 'window' && score.subject.code, score.rank])).toEqual([
      ['mz-01', 1],
      // Tied at 95: more decided cases first, then by code — the rank is the same.
      ['mz-02', 2],
      ['mz-03', 2],
      ['mz-04', 4],
    ]);
  });

  it('orders a tie with as many decided cases by code', () => {
    const list = ranked([at('sw-02', 100, 3), at('sw-01', 100, 3)]);
    expect(list.map((score) => [score.subject.kind === 'window' && score.subject.code, score.rank])).toEqual([
      ['sw-01', 1],
      ['sw-02', 1],
    ]);
  });
});

describe('a month', () => {
  it('scores every window and every clerk of the directory, events or not, and holds each event against both', () => {
    const appraisal = appraise(
      {
        events: [
          event('overdue', 'mz-01', 'clerk'),
          event('yellowCard', 'mz-01', null),
          event('early', 'sw-01', 'clerk-sw'),
          // A clerk the directory does not know: their window is the one most of their month was at.
          event('badRating', 'mz-02', 'clerk-x'),
          event('early', 'sj-01', 'clerk-x'),
          event('early', 'mz-02', 'clerk-x'),
        ],
        decisions: [...decisions('sw-01', 'clerk-sw', 2), ...decisions('mz-01', 'clerk', 1)],
        takenIn: [],
        windows,
        staff: [
          clerk('clerk', 'mz-01', '王窗口'),
          clerk('clerk-b', 'mz-01', '李备岗'),
          clerk('clerk-sw', 'sw-01', '吴税务'),
          { username: 'chief', name: '陈首席', department: 'mz', roles: ['chief'] },
        ],
      },
      rule,
    );
    const byWindow = Object.fromEntries(
      appraisal.windows.map((score) => [score.subject.kind === 'window' && score.subject.code, score.score]),
    );
    expect(byWindow).toEqual({ 'mz-01': 94, 'mz-02': 98.5, 'sw-01': 100.5, 'sw-02': 100, 'sj-01': 100.5 });
    const clerks = Object.fromEntries(
      appraisal.clerks.map((score) => [score.subject.kind === 'clerk' && score.subject.username, score]),
    );
    expect(Object.keys(clerks).sort()).toEqual(['clerk', 'clerk-b', 'clerk-sw', 'clerk-x']);
    expect(clerks.clerk?.score).toBe(95);
    expect(clerks['clerk-b']?.score).toBe(100);
    expect(clerks['clerk-sw']).toMatchObject({ score: 100.5, decided: 2, rank: 1 });
    expect(clerks['clerk-x']?.subject).toEqual({
      kind: 'clerk',
      username: 'clerk-x',
      name: null,
      window: 'mz-02',
      department: 'mz',
    });
    expect(clerks['clerk-x']?.score).toBe(99);
  });
});
