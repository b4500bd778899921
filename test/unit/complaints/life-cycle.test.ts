import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../functions/domain/calendar/calendar.ts';
import { clockContext } from '../../../functions/domain/clocks/clock.ts';
import { evaluate } from '../../../functions/domain/clocks/evaluate.ts';
import {
  type ComplaintActor,
  type ComplaintCommand,
  type ComplaintContext,
  ComplaintError,
  type ComplaintState,
  complainantActor,
  complaintPublicView,
  complaintStaffView,
  complaintSubject,
  complaintTransitions,
  decideComplaint,
  parseComplaintSettings,
  registerComplaint,
  replyFormOf,
  windowCodesOf,
} from '../../../functions/domain/complaints/index.ts';
import {
  caseSubject,
  escalationRecipients,
  planSubject,
} from '../../../functions/domain/supervision/index.ts';

const clocks = clockContext(defaultCalendar());
const ctx: ComplaintContext = {
  clocks,
  windowsOf: (department) => (department === 'mz' ? ['mz-01', 'mz-02', 'mz-03'] : undefined),
};
/** Beijing local time. 2026-11-02 is a Monday. */
const T = (local: string) => `${local}+08:00`;

const supervisor: ComplaintActor = { username: 'supervisor', roles: ['supervisor'] };
const clerk: ComplaintActor = { username: 'clerk', roles: ['clerk'], department: 'mz', window: 'mz-01' };
const otherClerk: ComplaintActor = {
  username: 'clerk-2',
  roles: ['clerk'],
  department: 'mz',
  window: 'mz-02',
};
const chief: ComplaintActor = { username: 'chief', roles: ['chief'], department: 'mz' };
const otherChief: ComplaintActor = { username: 'chief-sj', roles: ['chief'], department: 'sj' };
const replier: ComplaintActor = { username: 'clerk-b', roles: ['clerk'], department: 'mz', window: 'mz-01' };

function registered(at = T('2026-11-02T10:00:00'), realName = true): ComplaintState {
  return registerComplaint(
    {
      complaintNo: 'TS-20261102-0001',
      centre: 'YC0001',
      channel: 'web',
      category: 'attitude',
      facts: '窗口工作人员态度恶劣，拒绝解释材料要求。',
      complainant: realName
        ? { realName: true, name: '李*', phone: '138****5678', contactPreference: 'web' }
        : { realName: false },
      respondent: { department: 'mz', window: 'mz-01', clerk: '3 号' },
    },
    at,
    ctx,
  );
}

const assign: ComplaintCommand = {
  type: 'assign',
  department: 'mz',
  window: 'mz-01',
  complexity: 'simple',
  replyHandler: 'clerk-b',
  told: '已转民政窗口办理，1 个工作日内答复。',
};

function run(
  state: ComplaintState,
  steps: [ComplaintCommand, ComplaintActor | typeof complainantActor, string][],
): ComplaintState {
  return steps.reduce(
    (current, [command, actor, at]) => decideComplaint(current, command, actor, at, ctx).state,
    state,
  );
}

function refusal(fn: () => unknown): ComplaintError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ComplaintError) return error;
    throw error;
  }
  throw new Error('Expected a ComplaintError, but the command was accepted');
}

const answered = () =>
  run(registered(), [
    [assign, supervisor, T('2026-11-02T11:00:00')],
    [{ type: 'answer', text: '已批评教育当事人并致歉。' }, clerk, T('2026-11-02T15:00:00')],
  ]);

describe('registration', () => {
  it('opens a registered complaint with an acknowledgement clock due at close of business the same day', () => {
    const state = registered();
    expect(state.status).toBe('registered');
    expect(state.version).toBe(1);
    expect(state.history).toHaveLength(1);
    expect(state.history[0]?.by).toEqual({ complainant: true });
    const ack = evaluate(state.clocks.acknowledge as never, T('2026-11-02T10:00:00'), clocks);
    expect(ack.dueAt).toBe(T('2026-11-02T17:30:00'));
  });

  it('after close of business or on a rest day, acknowledges by the next working day’s close', () => {
    const evening = registered(T('2026-11-02T20:00:00'));
    expect(evaluate(evening.clocks.acknowledge as never, T('2026-11-02T20:00:00'), clocks).dueAt).toBe(
      T('2026-11-03T17:30:00'),
    );
    const saturday = registered(T('2026-11-07T09:00:00'));
    expect(evaluate(saturday.clocks.acknowledge as never, T('2026-11-07T09:00:00'), clocks).dueAt).toBe(
      T('2026-11-09T17:30:00'),
    );
  });

  it('refuses empty facts, a real-name complaint without a name and a hotline hand-over without its number', () => {
    expect(() => registerComplaint({ ...base(), facts: '  ' }, T('2026-11-02T10:00:00'), ctx)).toThrow(
      ComplaintError,
    );
    expect(
      refusal(() =>
        registerComplaint({ ...base(), complainant: { realName: true } }, T('2026-11-02T10:00:00'), ctx),
      ).field,
    ).toBe('body.complainant.name');
    expect(
      refusal(() => registerComplaint({ ...base(), channel: 'hotline' }, T('2026-11-02T10:00:00'), ctx))
        .field,
    ).toBe('body.hotlineRef');
  });
});

function base() {
  return {
    complaintNo: 'TS-20261102-0002',
    centre: 'YC0001',
    channel: 'phone' as const,
    category: 'delay' as const,
    facts: '办件超期。',
    complainant: { realName: false },
    respondent: {},
    receivedBy: { username: 'clerk', role: 'clerk' as const },
  };
}

describe('triage', () => {
  it('assigns to a department and window: acknowledgement stops, the answer clock starts with the complexity limit', () => {
    const state = decideComplaint(registered(), assign, supervisor, T('2026-11-02T11:00:00'), ctx).state;
    expect(state.status).toBe('assigned');
    expect(state.clocks.acknowledge?.stoppedAt).toBe(T('2026-11-02T11:00:00'));
    expect(state.clocks.answer?.budget).toBe(1);
    expect(state.assignment?.replyHandler).toBe('clerk-b');
    expect(state.history.at(-1)).toMatchObject({
      action: 'assign',
      told: assign.type === 'assign' ? assign.told : '',
    });
    const complex = decideComplaint(
      registered(),
      { ...assign, complexity: 'complex' } as ComplaintCommand,
      supervisor,
      T('2026-11-02T11:00:00'),
      ctx,
    ).state;
    expect(complex.clocks.answer?.budget).toBe(5);
  });

  it('only the supervision office triages', () => {
    for (const actor of [clerk, chief]) {
      expect(
        refusal(() => decideComplaint(registered(), assign, actor, T('2026-11-02T11:00:00'), ctx)).code,
      ).toBe('not-permitted');
    }
    expect(
      refusal(() =>
        decideComplaint(
          registered(),
          { type: 'feedback', satisfied: true },
          complainantActor,
          T('2026-11-02T11:00:00'),
          ctx,
        ),
      ).code,
    ).toBe('invalid-transition');
  });

  it('refuses a window of another department, an unknown department and a missing told', () => {
    const at = T('2026-11-02T11:00:00');
    expect(
      refusal(() =>
        decideComplaint(
          registered(),
          { ...assign, window: 'sw-01' } as ComplaintCommand,
          supervisor,
          at,
          ctx,
        ),
      ),
    ).toMatchObject({
      code: 'invalid-target',
      field: 'body.window',
    });
    expect(
      refusal(() =>
        decideComplaint(
          registered(),
          { ...assign, department: 'xx' } as ComplaintCommand,
          supervisor,
          at,
          ctx,
        ),
      ),
    ).toMatchObject({
      code: 'invalid-target',
      field: 'body.department',
    });
    expect(
      refusal(() =>
        decideComplaint(registered(), { ...assign, told: ' ' } as ComplaintCommand, supervisor, at, ctx),
      ),
    ).toMatchObject({
      code: 'requirement-missing',
      field: 'body.told',
    });
  });

  it('declares a complaint invalid with a reason; outside scope needs the referral', () => {
    const at = T('2026-11-02T11:00:00');
    const invalid = decideComplaint(
      registered(),
      { type: 'invalidate', reason: 'unverifiable', told: '经核实无法确认所述情况。' },
      supervisor,
      at,
      ctx,
    ).state;
    expect(invalid.status).toBe('invalid');
    expect(invalid.clocks.acknowledge?.stoppedAt).toBe(at);
    expect(
      refusal(() =>
        decideComplaint(
          registered(),
          { type: 'invalidate', reason: 'outOfScope', told: '不属于本中心受理范围。' },
          supervisor,
          at,
          ctx,
        ),
      ),
    ).toMatchObject({ code: 'requirement-missing', field: 'body.referredTo' });
    const referred = decideComplaint(
      registered(),
      { type: 'invalidate', reason: 'outOfScope', referredTo: '市信访局', told: '已转市信访局。' },
      supervisor,
      at,
      ctx,
    ).state;
    expect(referred.invalid).toMatchObject({ reason: 'outOfScope', referredTo: '市信访局' });
    expect(
      refusal(() =>
        decideComplaint(
          registered(),
          { type: 'invalidate', reason: 'nonsense' as never, told: '告知' },
          supervisor,
          at,
          ctx,
        ),
      ).field,
    ).toBe('body.reason');
    // Terminal: nothing more.
    expect(refusal(() => decideComplaint(invalid, assign, supervisor, at, ctx)).code).toBe(
      'invalid-transition',
    );
  });
});

describe('investigation and answer', () => {
  const assigned = () =>
    decideComplaint(registered(), assign, supervisor, T('2026-11-02T11:00:00'), ctx).state;

  it('the window clerk or the department chief investigates and answers; others may not', () => {
    const investigating = decideComplaint(
      assigned(),
      { type: 'investigate', findings: '调取录像，属实。' },
      chief,
      T('2026-11-02T12:00:00'),
      ctx,
    ).state;
    expect(investigating.status).toBe('investigating');
    expect(investigating.findings).toHaveLength(1);
    for (const actor of [otherClerk, otherChief, supervisor]) {
      expect(
        refusal(() =>
          decideComplaint(
            investigating,
            { type: 'answer', text: '答复' },
            actor,
            T('2026-11-02T13:00:00'),
            ctx,
          ),
        ).code,
      ).toBe('not-permitted');
    }
    const done = decideComplaint(
      investigating,
      { type: 'answer', text: '已致歉。' },
      clerk,
      T('2026-11-02T13:00:00'),
      ctx,
    ).state;
    expect(done.status).toBe('answered');
    expect(done.clocks.answer?.stoppedAt).toBe(T('2026-11-02T13:00:00'));
    expect(done.answers[0]).toMatchObject({ round: 1, form: 'web', late: false });
    expect(done.history.at(-1)).toMatchObject({
      action: 'answer',
      by: { username: 'clerk', role: 'clerk' },
      told: '已致歉。',
    });
  });

  it('investigation may be skipped; an empty reply is refused', () => {
    expect(
      refusal(() =>
        decideComplaint(assigned(), { type: 'answer', text: '' }, clerk, T('2026-11-02T13:00:00'), ctx),
      ).field,
    ).toBe('body.text');
    expect(
      decideComplaint(assigned(), { type: 'answer', text: '答复' }, clerk, T('2026-11-02T13:00:00'), ctx)
        .state.status,
    ).toBe('answered');
  });

  it('a late answer needs the late reason, and the complainant sees it', () => {
    // Simple: 1 working day from Monday 11:00 → due Tuesday 17:30; Wednesday is late.
    const late = T('2026-11-04T10:00:00');
    expect(
      refusal(() => decideComplaint(assigned(), { type: 'answer', text: '答复' }, clerk, late, ctx)),
    ).toMatchObject({
      code: 'late-reason-required',
      field: 'body.lateReason',
    });
    const state = decideComplaint(
      assigned(),
      { type: 'answer', text: '答复', lateReason: '需调取录像' },
      clerk,
      late,
      ctx,
    ).state;
    expect(state.answers[0]).toMatchObject({ late: true, lateReason: '需调取录像' });
    const view = complaintPublicView(state, clocks);
    expect(view.answers[0]).toMatchObject({ text: '答复', late: true, lateReason: '需调取录像' });
  });

  it('answers in the form the complaint came in; anonymous ones online', () => {
    expect(replyFormOf({ channel: 'letter', complainant: { realName: true, name: '王*' } })).toBe('letter');
    expect(replyFormOf({ channel: 'phone', complainant: { realName: false } })).toBe('web');
    expect(replyFormOf({ channel: 'web', complainant: { realName: true, name: '王*' } })).toBe('web');
    expect(replyFormOf({ channel: 'hotline', complainant: { realName: true, name: '王*' } })).toBe('hotline');
  });
});

describe('feedback, re-check, follow-up, close', () => {
  it('the complainant says satisfied once; then a follow-up and the close', () => {
    const state = decideComplaint(
      answered(),
      { type: 'feedback', satisfied: true },
      complainantActor,
      T('2026-11-02T16:00:00'),
      ctx,
    ).state;
    expect(state.answers[0]?.feedback).toMatchObject({ satisfied: true, by: 'complainant' });
    expect(state.history.at(-1)?.by).toEqual({ complainant: true });
    expect(
      refusal(() =>
        decideComplaint(
          state,
          { type: 'feedback', satisfied: false },
          complainantActor,
          T('2026-11-02T16:10:00'),
          ctx,
        ),
      ).code,
    ).toBe('feedback-already-given');
    expect(
      refusal(() =>
        decideComplaint(state, { type: 'recheck', told: '复核' }, chief, T('2026-11-02T16:20:00'), ctx),
      ).code,
    ).toBe('not-dissatisfied');
    expect(
      refusal(() => decideComplaint(state, { type: 'close' }, supervisor, T('2026-11-02T16:30:00'), ctx))
        .code,
    ).toBe('follow-up-required');
    expect(
      refusal(() =>
        decideComplaint(
          state,
          { type: 'followUp', satisfaction: 'satisfied', note: '' },
          supervisor,
          T('2026-11-03T10:00:00'),
          ctx,
        ),
      ).field,
    ).toBe('body.note');
    expect(
      refusal(() =>
        decideComplaint(
          state,
          { type: 'followUp', satisfaction: 'satisfied', note: '满意' },
          chief,
          T('2026-11-03T10:00:00'),
          ctx,
        ),
      ).code,
    ).toBe('not-permitted');
    const followed = decideComplaint(
      state,
      { type: 'followUp', satisfaction: 'basicallySatisfied', note: '电话回访，基本满意。' },
      supervisor,
      T('2026-11-03T10:00:00'),
      ctx,
    ).state;
    expect(followed.status).toBe('followedUp');
    const closed = decideComplaint(
      followed,
      { type: 'close' },
      supervisor,
      T('2026-11-03T10:05:00'),
      ctx,
    ).state;
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBe(T('2026-11-03T10:05:00'));
    expect(closed.history.map((entry) => entry.action)).toEqual([
      'register',
      'assign',
      'answer',
      'feedback',
      'followUp',
      'close',
    ]);
    expect(closed.history.map((entry) => entry.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      refusal(() => decideComplaint(closed, { type: 'close' }, supervisor, T('2026-11-03T10:06:00'), ctx))
        .code,
    ).toBe('invalid-transition');
  });

  it('dissatisfied → re-check by the chief with a new answer clock → answered again by the chief', () => {
    const unhappy = decideComplaint(
      answered(),
      { type: 'feedback', satisfied: false, comment: '未解决' },
      complainantActor,
      T('2026-11-02T16:00:00'),
      ctx,
    ).state;
    expect(
      refusal(() =>
        decideComplaint(unhappy, { type: 'recheck', told: '复核' }, clerk, T('2026-11-03T09:00:00'), ctx),
      ).code,
    ).toBe('not-permitted');
    const rechecking = decideComplaint(
      unhappy,
      { type: 'recheck', told: '已启动复核。' },
      chief,
      T('2026-11-03T09:00:00'),
      ctx,
    ).state;
    expect(rechecking.status).toBe('rechecking');
    expect(rechecking.clocks.answer?.start).toBe(T('2026-11-03T09:00:00'));
    expect(rechecking.clocks.answer?.budget).toBe(1);
    expect(rechecking.clocks.answer?.label).toContain('复核');
    // The window clerk answered the first time; the re-check is answered by the chief or the office.
    expect(
      refusal(() =>
        decideComplaint(rechecking, { type: 'answer', text: '再答复' }, clerk, T('2026-11-03T10:00:00'), ctx),
      ).code,
    ).toBe('not-permitted');
    const again = decideComplaint(
      rechecking,
      { type: 'answer', text: '复核后再次致歉并退还费用。' },
      chief,
      T('2026-11-03T10:00:00'),
      ctx,
    ).state;
    expect(again.status).toBe('answered');
    expect(again.answers.map((answer) => answer.round)).toEqual([1, 2]);
    const view = complaintPublicView(again, clocks);
    expect(view.feedbackOpen).toBe(true);
  });

  it('a follow-up that finds the complainant dissatisfied opens a re-check by the office', () => {
    const followed = decideComplaint(
      answered(),
      { type: 'followUp', satisfaction: 'dissatisfied', note: '不满意' },
      supervisor,
      T('2026-11-03T10:00:00'),
      ctx,
    ).state;
    expect(
      decideComplaint(followed, { type: 'recheck', told: '复核' }, supervisor, T('2026-11-03T10:05:00'), ctx)
        .state.status,
    ).toBe('rechecking');
  });

  it('the named reply handler may record the complainant’s feedback from a call; a stranger may not', () => {
    expect(
      decideComplaint(
        answered(),
        { type: 'feedback', satisfied: true },
        replier,
        T('2026-11-02T16:00:00'),
        ctx,
      ).state.answers[0]?.feedback?.by,
    ).toBe('clerk-b');
    expect(
      refusal(() =>
        decideComplaint(
          answered(),
          { type: 'feedback', satisfied: true },
          otherClerk,
          T('2026-11-02T16:00:00'),
          ctx,
        ),
      ).code,
    ).toBe('not-permitted');
  });
});

describe('views', () => {
  it('the respondent sees facts and history but not who complained; the office sees the masked identity', () => {
    const state = answered();
    const respondent = JSON.stringify(
      complaintStaffView(state, 'respondent', T('2026-11-02T16:00:00'), clocks),
    );
    expect(respondent).not.toContain('李*');
    expect(respondent).not.toContain('138');
    expect(respondent).toContain('"realName":true');
    const office = complaintStaffView(state, 'supervisor', T('2026-11-02T16:00:00'), clocks);
    expect(office.complainant).toMatchObject({ name: '李*', phone: '138****5678' });
  });

  it('the public view shows the web reply and never the identity or staff usernames', () => {
    const view = JSON.stringify(complaintPublicView(answered(), clocks));
    expect(view).toContain('已批评教育当事人并致歉。');
    expect(view).not.toContain('李*');
    expect(view).not.toContain('clerk');
    expect(view).not.toContain('supervisor');
  });
});

describe('supervision subject', () => {
  it('before triage: the supervision office, the acknowledgement clock; red reaches the supervisor inbox', () => {
    const subject = complaintSubject(registered());
    expect(subject).toMatchObject({
      kind: 'complaint',
      id: 'TS-20261102-0001',
      department: 'supervision',
      handler: null,
    });
    expect(subject.title).toBe('投诉 TS-20261102-0001：服务态度');
    expect(subject.clocks.map(([name]) => name)).toEqual(['acknowledge']);
    expect(escalationRecipients('red', subject)).toContainEqual({ kind: 'role', role: 'supervisor' });
    const plan = planSubject(subject, {}, T('2026-11-02T18:00:00'), clocks);
    expect(plan.events.map((event) => event.type)).toContain('ComplaintRedCard');
  });

  it('after assignment: the department, window and reply handler, the answer clock', () => {
    const assigned = decideComplaint(registered(), assign, supervisor, T('2026-11-02T11:00:00'), ctx).state;
    const subject = complaintSubject(assigned);
    expect(subject).toMatchObject({ department: 'mz', window: 'mz-01', handler: 'clerk-b' });
    expect(subject.clocks.map(([name]) => name)).toEqual(['answer']);
    const plan = planSubject(subject, {}, T('2026-11-04T09:00:00'), clocks);
    const red = plan.events.find((event) => event.type === 'ComplaintRedCard');
    expect(red?.recipients).toContainEqual({ kind: 'role', role: 'chief', department: 'mz' });
    expect(complaintSubject(answered()).clocks).toEqual([]);
    expect(caseSubject).toBeTypeOf('function');
  });
});

describe('the transition table', () => {
  it('every command has rows, every row names actors and statuses', () => {
    for (const rule of complaintTransitions) {
      expect(rule.actors.length).toBeGreaterThan(0);
      expect(rule.from.length).toBeGreaterThan(0);
    }
    expect(new Set(complaintTransitions.map((rule) => rule.type))).toEqual(
      new Set(['assign', 'invalidate', 'investigate', 'answer', 'feedback', 'recheck', 'followUp', 'close']),
    );
  });

  it('settings override the defaults and ignore what is not a whole number of days', () => {
    expect(parseComplaintSettings({ simpleWorkdays: 2, complexWorkdays: -1, writtenWorkdays: 'x' })).toEqual({
      acknowledgeWorkdays: 0,
      simpleWorkdays: 2,
      writtenWorkdays: 2,
      complexWorkdays: 5,
    });
    const slow = { ...ctx, settings: parseComplaintSettings({ simpleWorkdays: 3 }) };
    expect(
      decideComplaint(registered(), assign, supervisor, T('2026-11-02T11:00:00'), slow).state.clocks.answer
        ?.budget,
    ).toBe(3);
  });

  it('window codes come from the department’s counter range', () => {
    expect(windowCodesOf({ id: 'mz', window: 'B区 01–03 号窗口' })).toEqual(['mz-01', 'mz-02', 'mz-03']);
    expect(windowCodesOf({ id: 'x' })).toEqual(['x-01']);
  });
});
