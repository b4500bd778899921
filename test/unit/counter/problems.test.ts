import { describe, expect, it } from 'vitest';
import { centreConfig } from '../../../functions/config/centre.ts';
import { createCalendar } from '../../../functions/domain/calendar/calendar.ts';
import { msAt } from '../../../functions/domain/calendar/instant.ts';
import { CounterError } from '../../../functions/domain/counter/errors.ts';
import { hallStateAt } from '../../../functions/domain/counter/hours.ts';
import { parseCounterSettings } from '../../../functions/domain/counter/settings.ts';
import { counterErrorProblem } from '../../../functions/http/counter/support.ts';

/** Counter refusals as problem documents: the one mapping the handlers use. */
describe('counter refusals over HTTP', () => {
  it('refuses a ticket in a closed hall with 422 and says when it opens', () => {
    const real = parseCounterSettings({
      ...centreConfig,
      counter: { ...centreConfig.counter, openAroundTheClock: false },
    });
    const state = hallStateAt(real, createCalendar({ settings: centreConfig }), msAt('2026-10-01', '10:00'));
    if (state.open) throw new Error('the hall is open on National Day');
    const problem = counterErrorProblem(new CounterError('hall-closed', state.message)).problem;
    expect(problem).toMatchObject({
      status: 422,
      title: '大厅暂停取号',
      type: 'https://yichuang.dev/problems/counter-rule/hall-closed',
    });
    expect(problem.detail).toContain('9:00–12:00，13:30–17:30');
  });

  it('names the field of an unknown category (400), and maps state and window refusals to 409 and 403', () => {
    const unknown = counterErrorProblem(
      new CounterError('unknown-category', '没有', { field: 'body.category' }),
    );
    expect(unknown.problem).toMatchObject({
      status: 400,
      errors: [{ field: 'body.category', rule: 'unknown-category' }],
    });
    expect(counterErrorProblem(new CounterError('invalid-step', '已结束')).problem.status).toBe(409);
    expect(counterErrorProblem(new CounterError('not-permitted', '别的窗口')).problem.status).toBe(403);
    expect(counterErrorProblem(new CounterError('rejoined-already', '一次')).problem.status).toBe(422);
  });
});
