import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../functions/domain/cases/types.ts';
import { evaluate } from '../../../functions/domain/clocks/evaluate.ts';
import {
  availableSteps,
  decideStep,
  publicRatingView,
  RatingError,
  type RatingState,
  type RectificationCommand,
  ratingSubject,
  recordRating,
  rectificationSteps,
  staffRatingView,
} from '../../../functions/domain/ratings/index.ts';
import { buildEvents, levelChanges } from '../../../functions/domain/supervision/index.ts';
import { clocks, T } from '../cases/fixtures.ts';
import { invitation } from './fixtures.ts';

const clerk: Actor = { username: 'clerk', roles: ['clerk'], department: 'mz', window: 'mz-01' };
const clerkB: Actor = { username: 'clerk-b', roles: ['clerk'], department: 'mz', window: 'mz-01' };
const chief: Actor = { username: 'chief', roles: ['chief'], department: 'mz' };
const leader: Actor = { username: 'leader', roles: ['leader'], department: 'mz' };
const supervisor: Actor = { username: 'supervisor', roles: ['supervisor'] };
const taxClerk: Actor = { username: 'clerk-sw', roles: ['clerk'], department: 'sw', window: 'sw-01' };

const present = { assigneeAway: false };
const away = { assigneeAway: true };

const bad = () =>
  recordRating(invitation(), { overall: 1, comment: ' 态度差 ' }, T('2026-11-02T11:00:00')).state;

function step(
  state: RatingState,
  command: RectificationCommand,
  actor: Actor = clerk,
  at = '2026-11-02T15:00:00',
) {
  return decideStep(state, command, actor, T(at), present).state;
}

function refusal(fn: () => unknown): { code: string; field?: string | undefined } {
  try {
    fn();
  } catch (error) {
    if (error instanceof RatingError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('Expected a refusal');
}

const calledBack = () => step(bad(), { type: 'callBack', reached: true, verified: '等候时间长，核实属实' });

describe('a rating', () => {
  it('records a good rating without a rectification, and refuses a second one', () => {
    const rated = recordRating(invitation(), { overall: 4, attitude: 5 }, T('2026-11-02T11:00:00'));
    expect(rated.state).toMatchObject({ version: 2, rating: { overall: 4, attitude: 5 } });
    expect(rated.state.rectification).toBeUndefined();
    expect(rated.entry).toMatchObject({ version: 2, step: 'rate', by: { username: 'rater' } });
    expect(refusal(() => recordRating(rated.state, { overall: 5 }, T('2026-11-02T12:00:00')))).toEqual({
      code: 'already-rated',
      field: undefined,
    });
  });

  it('refuses levels outside 1–5, naming the field', () => {
    expect(
      refusal(() => recordRating(invitation(), { overall: 0 as 1 }, T('2026-11-02T11:00:00'))).field,
    ).toBe('body.overall');
    expect(
      refusal(() => recordRating(invitation(), { overall: 3, attitude: 6 as 5 }, T('2026-11-02T11:00:00')))
        .field,
    ).toBe('body.attitude');
  });

  it('opens a rectification for a bad rating, assigned to the handler, with the call-back clock', () => {
    const state = bad();
    expect(state.rating).toMatchObject({ overall: 1, comment: '态度差' });
    expect(state.rectification).toMatchObject({ status: 'open', assignee: 'clerk' });
    const status = evaluate(state.rectification?.clocks.callback as never, T('2026-11-02T12:00:00'), clocks);
    // One working day: due at close of business of Tuesday 2026-11-03.
    expect(status.dueAt).toBe(T('2026-11-03T17:30:00'));
    expect(
      recordRating(invitation(), { overall: 2 }, T('2026-11-02T11:00:00')).state.rectification,
    ).toBeDefined();
    expect(
      recordRating(invitation(), { overall: 3 }, T('2026-11-02T11:00:00')).state.rectification,
    ).toBeUndefined();
  });
});

describe('the rectification loop', () => {
  it('has a route slug and at least one actor per step', () => {
    expect(new Set(rectificationSteps.map((rule) => rule.slug)).size).toBe(rectificationSteps.length);
    for (const rule of rectificationSteps) expect(rule.actors.length).toBeGreaterThan(0);
  });

  it('calls back, fixes at once, tells the rater and closes, with a history entry per step', () => {
    let state = calledBack();
    expect(state.rectification?.status).toBe('calledBack');
    expect(state.rectification?.clocks.callback?.stoppedAt).toBe(T('2026-11-02T15:00:00'));
    expect(state.rectification?.callBack).toMatchObject({ reached: true, by: { username: 'clerk' } });
    state = step(state, { type: 'fixAtOnce', done: '增开窗口，缩短等候' });
    expect(state.rectification?.outcome).toMatchObject({ kind: 'fixedAtOnce', text: '增开窗口，缩短等候' });
    state = step(state, { type: 'tellRater', how: '电话', what: '已增开窗口' });
    expect(publicRatingView(state).outcome).toMatchObject({ how: '电话', what: '已增开窗口', closed: false });
    state = step(state, { type: 'close' }, chief);
    expect(state.rectification).toMatchObject({ status: 'closed', closedAt: T('2026-11-02T15:00:00') });
    expect(state.version).toBe(6);
    expect(state.history.map((entry) => entry.step)).toEqual([
      'invite',
      'rate',
      'callBack',
      'fixAtOnce',
      'tellRater',
      'close',
    ]);
    expect(state.history.at(-1)).toMatchObject({
      from: 'raterTold',
      to: 'closed',
      by: { username: 'chief' },
    });
    expect(publicRatingView(state).outcome?.closed).toBe(true);
    expect(availableSteps('closed')).toEqual([]);
  });

  it('rectifies within a deadline: the rectification clock runs from the plan to its completion', () => {
    let state = step(calledBack(), { type: 'rectify', plan: '两周内完成培训' });
    expect(state.rectification?.status).toBe('rectifying');
    const due = evaluate(
      state.rectification?.clocks.rectify as never,
      T('2026-11-02T16:00:00'),
      clocks,
    ).dueAt;
    // 15 working days from Monday 2 November 2026: Monday 23 November.
    expect(due).toBe(T('2026-11-23T17:30:00'));
    expect(ratingSubject(state).clocks.map(([name]) => name)).toEqual(['rectify']);
    state = step(state, { type: 'completeRectification', done: '已完成培训' }, clerk, '2026-11-10T10:00:00');
    expect(state.rectification).toMatchObject({ status: 'rectified', outcome: { kind: 'rectified' } });
    expect(ratingSubject(state).clocks).toEqual([]);
    expect(availableSteps('rectified')).toEqual(['tellRater']);
  });

  it('explains where the demand has no basis', () => {
    const state = step(calledBack(), { type: 'explain', explanation: '法定材料，不能减免' });
    expect(state.rectification?.outcome).toMatchObject({ kind: 'explained' });
  });

  it('appeals: a supervisor upholds (the rating is excluded) or rejects (back to calledBack)', () => {
    const appealed = step(calledBack(), {
      type: 'appeal',
      ground: 'malicious',
      reasons: '评价人未到窗口办事',
    });
    expect(appealed.rectification?.status).toBe('appealed');
    expect(
      refusal(() => step(appealed, { type: 'decideAppeal', upheld: true, reasons: '属实' }, chief)).code,
    ).toBe('not-permitted');
    const upheld = step(appealed, { type: 'decideAppeal', upheld: true, reasons: '核实属实' }, supervisor);
    expect(upheld.rectification).toMatchObject({ status: 'appealUpheld', outcome: { kind: 'appealUpheld' } });
    expect(upheld.excluded?.reason).toContain('恶意差评');
    const rejected = step(appealed, { type: 'decideAppeal', upheld: false, reasons: '证据不足' }, supervisor);
    expect(rejected.rectification?.status).toBe('calledBack');
    expect(rejected.excluded).toBeUndefined();
    expect(rejected.rectification?.appeals[0]?.decision).toMatchObject({ upheld: false });
    const fixed = step(rejected, { type: 'fixAtOnce', done: '改进' });
    expect(fixed.rectification?.status).toBe('fixedAtOnce');
  });

  it('refuses the wrong actor: another clerk while the assignee is present, another department, a leader', () => {
    const state = bad();
    const callBack: RectificationCommand = { type: 'callBack', reached: true, verified: '核实' };
    for (const actor of [clerkB, taxClerk, leader, supervisor]) {
      expect(refusal(() => decideStep(state, callBack, actor, T('2026-11-02T15:00:00'), present)).code).toBe(
        'not-permitted',
      );
    }
    const backup = decideStep(state, callBack, clerkB, T('2026-11-02T15:00:00'), away);
    expect(backup.entry.by).toEqual({ username: 'clerk-b', role: 'clerk', actingFor: 'clerk' });
    expect(decideStep(state, callBack, chief, T('2026-11-02T15:00:00'), present).entry.by.username).toBe(
      'chief',
    );
  });

  it('refuses a step in the wrong state, and any step on a good rating', () => {
    expect(refusal(() => step(bad(), { type: 'fixAtOnce', done: '改进' })).code).toBe('invalid-step');
    expect(refusal(() => step(bad(), { type: 'close' })).code).toBe('invalid-step');
    expect(refusal(() => step(calledBack(), { type: 'tellRater', how: '电话', what: '说明' })).code).toBe(
      'invalid-step',
    );
    const good = recordRating(invitation(), { overall: 5 }, T('2026-11-02T11:00:00')).state;
    expect(refusal(() => step(good, { type: 'callBack', reached: true, verified: '核实' })).code).toBe(
      'invalid-step',
    );
  });

  it('refuses missing text, naming the field', () => {
    expect(refusal(() => step(bad(), { type: 'callBack', reached: true, verified: '  ' }))).toEqual({
      code: 'requirement-missing',
      field: 'body.verified',
    });
    const fixed = step(calledBack(), { type: 'fixAtOnce', done: '改进' });
    expect(refusal(() => step(fixed, { type: 'tellRater', how: '电话', what: '' })).field).toBe('body.what');
    expect(
      refusal(() => step(calledBack(), { type: 'appeal', ground: 'x' as 'mistaken', reasons: '理由' })).field,
    ).toBe('body.ground');
  });

  it('the staff view lists the steps open now', () => {
    const view = staffRatingView(calledBack(), T('2026-11-02T16:00:00'), clocks);
    expect(view.availableSteps).toEqual(['fixAtOnce', 'rectify', 'explain', 'appeal']);
    expect(view).toMatchObject({ bad: true, statusLabel: '已回访核实', levelLabel: '非常不满意' });
  });
});

describe('the rating as a supervision subject', () => {
  it('carries the running call-back clock, assigned to the handler', () => {
    const subject = ratingSubject(bad());
    expect(subject).toMatchObject({
      kind: 'rating',
      id: 'YC0001-20261102-0001',
      title: '差评整改：社会团体变更登记',
      department: 'mz',
      window: 'mz-01',
      handler: 'clerk',
    });
    expect(subject.clocks.map(([name]) => name)).toEqual(['callback']);
    expect(ratingSubject(invitation()).clocks).toEqual([]);
    expect(ratingSubject(calledBack()).clocks).toEqual([]);
  });

  it('escalates an overdue call-back to the handler and the chief (red: leader and supervision too)', () => {
    const subject = ratingSubject(bad());
    const at = T('2026-11-04T09:00:00');
    const events = buildEvents(subject, levelChanges(subject, {}, at, clocks), at, clocks);
    expect(events.map((event) => event.type)).toEqual(['RatingRedCard']);
    expect(events[0]?.recipients).toEqual([
      { kind: 'user', username: 'clerk' },
      { kind: 'role', role: 'chief', department: 'mz' },
      { kind: 'role', role: 'leader', department: 'mz' },
      { kind: 'role', role: 'supervisor' },
    ]);
  });
});
