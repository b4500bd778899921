import { describe, expect, it } from 'vitest';
import centre from '../../../functions/config/centre.json' with { type: 'json' };
import { defaultCalendar } from '../../../functions/domain/calendar/calendar.ts';
import { parseCalendarSettings } from '../../../functions/domain/calendar/settings.ts';
import {
  type Clock,
  ClockError,
  clockContext,
  correctionNoticeClock,
  correctionNoticeOutcome,
  decisionClocks,
  deliveryClock,
  dueOf,
  evaluate,
  extend,
  genericClock,
  nextCheckAt,
  parseClockSettings,
  resume,
  stop,
  suspend,
  warningLevel,
  worstLevel,
} from '../../../functions/domain/clocks/index.ts';

const calendar = defaultCalendar();
const ctx = clockContext(calendar);
const T = (local: string) => `${local}+08:00`;

/** A 20-working-day statutory decision clock accepted on 2026-09-24: due 2026-10-29 17:30. */
function decision(): Clock {
  return decisionClocks({ acceptedAt: T('2026-09-24T10:00:00'), promisedWorkdays: 20 }).statutory;
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ClockError) return error.code;
    throw error;
  }
  return undefined;
}

describe('a running clock', () => {
  const clock = decision();

  it('is due at close of business of its last working day', () => {
    expect(dueOf(clock, calendar)).toEqual({
      dueDate: '2026-10-29',
      dueAt: T('2026-10-29T17:30:00'),
      provisional: false,
    });
  });

  it('counts a working day as used once its close of business has passed', () => {
    expect(evaluate(clock, T('2026-09-24T10:00:00'), ctx)).toMatchObject({
      usedWorkdays: 0,
      leftWorkdays: 20,
    });
    expect(evaluate(clock, T('2026-09-28T17:29:00'), ctx)).toMatchObject({
      usedWorkdays: 0,
      leftWorkdays: 20,
    });
    expect(evaluate(clock, T('2026-09-28T17:30:00'), ctx)).toMatchObject({
      usedWorkdays: 1,
      leftWorkdays: 19,
    });
    expect(evaluate(clock, T('2026-10-07T12:00:00'), ctx)).toMatchObject({
      usedWorkdays: 3,
      leftWorkdays: 17,
    });
    expect(evaluate(clock, T('2026-10-29T09:00:00'), ctx)).toMatchObject({
      usedWorkdays: 19,
      leftWorkdays: 1,
    });
  });

  it('goes normal → remind → yellow → red at the default thresholds', () => {
    expect(evaluate(clock, T('2026-10-01T12:00:00'), ctx)).toMatchObject({
      level: 'normal',
      remindFrom: T('2026-10-28T00:00:00'),
      yellowFrom: T('2026-10-29T00:00:00'),
      redFrom: T('2026-10-29T17:30:00'),
    });
    expect(warningLevel(clock, T('2026-10-27T23:59:59'), ctx)).toBe('normal');
    expect(warningLevel(clock, T('2026-10-28T00:00:00'), ctx)).toBe('remind');
    expect(warningLevel(clock, T('2026-10-29T00:00:00'), ctx)).toBe('yellow');
    expect(warningLevel(clock, T('2026-10-29T17:29:59'), ctx)).toBe('yellow');
    expect(evaluate(clock, T('2026-10-29T17:30:00'), ctx)).toMatchObject({
      level: 'red',
      overdue: true,
      leftWorkdays: 0,
      overdueWorkdays: 0,
    });
    expect(evaluate(clock, T('2026-11-02T18:00:00'), ctx)).toMatchObject({
      level: 'red',
      overdueWorkdays: 2,
    });
  });

  it('tells the sweep when to look next, and nothing once red', () => {
    expect(nextCheckAt(clock, T('2026-09-24T10:00:00'), ctx)).toEqual({
      at: T('2026-10-28T00:00:00'),
      level: 'remind',
      provisional: false,
    });
    expect(nextCheckAt(clock, T('2026-10-28T00:00:00'), ctx)).toMatchObject({
      at: T('2026-10-29T00:00:00'),
      level: 'yellow',
    });
    expect(nextCheckAt(clock, T('2026-10-29T09:00:00'), ctx)).toMatchObject({
      at: T('2026-10-29T17:30:00'),
      level: 'red',
    });
    expect(nextCheckAt(clock, T('2026-10-29T17:30:00'), ctx)).toBeNull();
  });

  it('is a plain JSON value', () => {
    const stored = JSON.parse(JSON.stringify(clock)) as Clock;
    expect(stored).toEqual(clock);
    expect(evaluate(stored, T('2026-10-28T09:00:00'), ctx)).toEqual(
      evaluate(clock, T('2026-10-28T09:00:00'), ctx),
    );
  });
});

describe('suspensions (特别程序, Art. 45): time not counted', () => {
  it('exclude the working days whose close of business falls inside them', () => {
    const suspended = suspend(decision(), {
      at: T('2026-10-12T10:00:00'),
      reason: 'expertReview',
      note: '专家评审约3日',
    });
    const resumed = resume(suspended, T('2026-10-15T10:00:00'));
    // 12, 13 and 14 October are not counted: due moves three working days, to 3 November.
    expect(dueOf(resumed, calendar)?.dueDate).toBe('2026-11-03');
    expect(evaluate(resumed, T('2026-10-20T12:00:00'), ctx)).toMatchObject({
      suspendedWorkdays: 3,
      usedWorkdays: 9,
      leftWorkdays: 11,
    });
    expect(resumed.suspensions).toEqual([
      {
        reason: 'expertReview',
        note: '专家评审约3日',
        start: T('2026-10-12T10:00:00'),
        end: T('2026-10-15T10:00:00'),
      },
    ]);
  });

  it('give back the start day only when it began before close of business', () => {
    const late = resume(
      suspend(decision(), { at: T('2026-10-12T18:00:00'), reason: 'hearing' }),
      T('2026-10-15T09:00:00'),
    );
    expect(dueOf(late, calendar)?.dueDate).toBe('2026-11-02');
    const sameDay = resume(
      suspend(decision(), { at: T('2026-10-12T10:00:00'), reason: 'testing' }),
      T('2026-10-12T15:00:00'),
    );
    expect(dueOf(sameDay, calendar)?.dueDate).toBe('2026-10-29');
  });

  it('freeze the level and leave the due instant open while they run', () => {
    const suspended = suspend(decision(), { at: T('2026-10-28T10:00:00'), reason: 'inspection' });
    expect(evaluate(suspended, T('2026-11-20T10:00:00'), ctx)).toMatchObject({
      state: 'suspended',
      dueAt: null,
      level: 'remind',
      remindFrom: null,
    });
    expect(nextCheckAt(suspended, T('2026-11-20T10:00:00'), ctx)).toBeNull();
    expect(dueOf(suspended, calendar)).toBeNull();
  });

  it('started on the due day before close of business, move the deadline', () => {
    const clock = resume(
      suspend(decision(), { at: T('2026-10-29T10:00:00'), reason: 'appraisal' }),
      T('2026-11-02T10:00:00'),
    );
    expect(dueOf(clock, calendar)?.dueAt).toBe(T('2026-11-02T17:30:00'));
  });

  it('never rescue a deadline that had already passed', () => {
    const clock = suspend(decision(), { at: T('2026-10-30T10:00:00'), reason: 'hearing' });
    expect(warningLevel(clock, T('2026-11-03T10:00:00'), ctx)).toBe('red');
    const resumed = resume(clock, T('2026-11-05T10:00:00'));
    expect(dueOf(resumed, calendar)?.dueDate).toBe('2026-10-29');
    expect(warningLevel(resumed, T('2026-11-05T11:00:00'), ctx)).toBe('red');
  });

  it('are refused where the law gives none, for unknown reasons, twice at once, or out of order', () => {
    const notice = correctionNoticeClock(T('2026-09-24T10:00:00'));
    expect(errorCode(() => suspend(notice, { at: T('2026-09-25T10:00:00'), reason: 'hearing' }))).toBe(
      'not-suspendable',
    );
    expect(
      errorCode(() =>
        suspend(deliveryClock(T('2026-09-24T10:00:00')), { at: T('2026-09-25T10:00:00'), reason: 'hearing' }),
      ),
    ).toBe('not-suspendable');
    const statutoryOnly = { ...ctx.settings, suspensionReasons: ['hearing' as const] };
    expect(
      errorCode(() =>
        suspend(decision(), { at: T('2026-10-12T10:00:00'), reason: 'siteSurvey' }, statutoryOnly),
      ),
    ).toBe('suspension-reason');
    const suspended = suspend(decision(), { at: T('2026-10-12T10:00:00'), reason: 'hearing' });
    expect(errorCode(() => suspend(suspended, { at: T('2026-10-13T10:00:00'), reason: 'hearing' }))).toBe(
      'already-suspended',
    );
    expect(errorCode(() => resume(suspended, T('2026-10-11T10:00:00')))).toBe('out-of-order');
    expect(errorCode(() => resume(decision(), T('2026-10-11T10:00:00')))).toBe('not-suspended');
  });
});

describe('the extension (延期, Art. 42): one, with approver and reason', () => {
  const grant = { at: T('2026-10-20T10:00:00'), days: 10, approver: '局长 王某', reason: '需补充现场核查' };

  it('adds its working days from the moment it is granted', () => {
    const extended = extend(decision(), grant, calendar);
    expect(extended.extension).toEqual({
      days: 10,
      approver: '局长 王某',
      reason: '需补充现场核查',
      grantedAt: T('2026-10-20T10:00:00'),
    });
    expect(dueOf(extended, calendar)?.dueDate).toBe('2026-11-12');
    expect(evaluate(extended, T('2026-10-19T10:00:00'), ctx).budget).toBe(20);
    expect(evaluate(extended, T('2026-10-29T18:00:00'), ctx)).toMatchObject({ budget: 30, level: 'normal' });
  });

  it('is granted once only', () => {
    const extended = extend(decision(), { ...grant, days: 3 }, calendar);
    expect(
      errorCode(() => extend(extended, { ...grant, at: T('2026-10-21T10:00:00'), days: 2 }, calendar)),
    ).toBe('extension-exists');
  });

  it('needs an approver, a reason, and at most the days the law allows', () => {
    expect(errorCode(() => extend(decision(), { ...grant, approver: ' ' }, calendar))).toBe(
      'extension-invalid',
    );
    expect(errorCode(() => extend(decision(), { ...grant, reason: '' }, calendar))).toBe('extension-invalid');
    expect(errorCode(() => extend(decision(), { ...grant, days: 11 }, calendar))).toBe('extension-invalid');
    expect(errorCode(() => extend(decision(), { ...grant, days: 0 }, calendar))).toBe('extension-invalid');
    const joint = decisionClocks({
      acceptedAt: T('2026-09-24T10:00:00'),
      promisedWorkdays: 30,
      joint: true,
    }).statutory;
    expect(joint).toMatchObject({ budget: 45, maxExtensionDays: 15 });
    expect(extend(joint, { ...grant, days: 15 }, calendar).extension?.days).toBe(15);
  });

  it('must be decided before the limit runs out, and only where the law provides one', () => {
    expect(errorCode(() => extend(decision(), { ...grant, at: T('2026-10-29T17:30:00') }, calendar))).toBe(
      'extension-too-late',
    );
    const notice = correctionNoticeClock(T('2026-09-24T10:00:00'));
    expect(errorCode(() => extend(notice, { ...grant, days: 1 }, calendar))).toBe('extension-not-allowed');
  });
});

describe('the correction notice (一次性告知, Art. 32)', () => {
  const clock = correctionNoticeClock(T('2026-09-24T10:00:00'));

  it('is due 5 working days after the materials arrive', () => {
    expect(dueOf(clock, calendar)?.dueAt).toBe(T('2026-10-09T17:30:00'));
  });

  it('issued in time, leaves acceptance to the correction', () => {
    expect(
      correctionNoticeOutcome(clock, T('2026-10-09T16:00:00'), T('2026-10-12T09:00:00'), calendar),
    ).toEqual({
      status: 'inTime',
      dueAt: T('2026-10-09T17:30:00'),
      deemedAccepted: false,
      provisional: false,
    });
    expect(correctionNoticeOutcome(clock, undefined, T('2026-10-08T09:00:00'), calendar).status).toBe(
      'pending',
    );
  });

  it('issued late or not at all, makes the case count as accepted from receipt', () => {
    const late = correctionNoticeOutcome(clock, T('2026-10-10T09:00:00'), T('2026-10-10T09:00:00'), calendar);
    expect(late).toMatchObject({
      status: 'late',
      deemedAccepted: true,
      acceptedFrom: T('2026-09-24T10:00:00'),
    });
    const never = correctionNoticeOutcome(clock, undefined, T('2026-10-09T17:30:00'), calendar);
    expect(never).toMatchObject({ status: 'late', deemedAccepted: true, acceptedFrom: clock.start });
    // The decision clock then runs from receipt.
    const { statutory } = decisionClocks({ acceptedAt: never.acceptedFrom ?? '', promisedWorkdays: 20 });
    expect(dueOf(statutory, calendar)?.dueDate).toBe('2026-10-29');
  });
});

describe('promised and statutory decision clocks side by side', () => {
  const pair = decisionClocks({ acceptedAt: T('2026-09-24T10:00:00'), promisedWorkdays: 10 });

  it('run from the same acceptance with their own budgets', () => {
    expect(pair.promised).toMatchObject({ basis: 'promised', budget: 10, suspendable: true });
    expect(pair.statutory).toMatchObject({ basis: 'statutory', budget: 20 });
    expect(dueOf(pair.promised, calendar)?.dueDate).toBe('2026-10-15');
    expect(dueOf(pair.statutory, calendar)?.dueDate).toBe('2026-10-29');
  });

  it('warn separately; the case shows the worse', () => {
    const at = T('2026-10-16T09:00:00');
    const levels = [warningLevel(pair.promised, at, ctx), warningLevel(pair.statutory, at, ctx)];
    expect(levels).toEqual(['red', 'normal']);
    expect(worstLevel(...levels)).toBe('red');
    expect(worstLevel()).toBe('normal');
  });

  it('are moved alike by a suspension', () => {
    const [promised, statutory] = [pair.promised, pair.statutory].map((clock) =>
      resume(
        suspend(clock, { at: T('2026-10-12T10:00:00'), reason: 'publicNotice' }),
        T('2026-10-19T10:00:00'),
      ),
    ) as [Clock, Clock];
    // 12–16 October (five working days) are not counted.
    expect(dueOf(promised, calendar)?.dueDate).toBe('2026-10-22');
    expect(dueOf(statutory, calendar)?.dueDate).toBe('2026-11-05');
  });

  it('refuse a promised limit above the statutory one', () => {
    expect(
      errorCode(() => decisionClocks({ acceptedAt: T('2026-09-24T10:00:00'), promisedWorkdays: 21 })),
    ).toBe('invalid-argument');
  });

  it('time an instant item to the close of the same day', () => {
    const instant = decisionClocks({ acceptedAt: T('2026-09-24T10:00:00'), promisedWorkdays: 0 }).promised;
    expect(dueOf(instant, calendar)?.dueAt).toBe(T('2026-09-24T17:30:00'));
  });
});

describe('other clocks', () => {
  it('delivery: 10 working days after the decision', () => {
    expect(dueOf(deliveryClock(T('2026-09-24T10:00:00')), calendar)?.dueDate).toBe('2026-10-15');
  });

  it('generic: a complaint answered within 5 working days', () => {
    const complaint = genericClock({
      start: T('2026-09-30T15:00:00'),
      workdays: 5,
      label: '投诉办理（复杂）',
    });
    expect(complaint).toMatchObject({
      kind: 'generic',
      label: '投诉办理（复杂）',
      maxExtensionDays: 0,
      suspendable: false,
    });
    expect(dueOf(complaint, calendar)?.dueDate).toBe('2026-10-13');
  });

  it('stopping freezes the status; a running suspension ends with it; nothing may follow', () => {
    const suspended = suspend(decision(), { at: T('2026-10-12T10:00:00'), reason: 'hearing' });
    const stopped = stop(suspended, T('2026-10-14T11:00:00'));
    expect(stopped.suspensions[0]?.end).toBe(T('2026-10-14T11:00:00'));
    const status = evaluate(stopped, T('2027-03-01T00:00:00'), ctx);
    expect(status).toMatchObject({
      state: 'stopped',
      at: T('2026-10-14T11:00:00'),
      level: 'normal',
      usedWorkdays: 6,
      suspendedWorkdays: 2,
    });
    expect(nextCheckAt(stopped, T('2026-10-15T00:00:00'), ctx)).toBeNull();
    expect(errorCode(() => resume(stopped, T('2026-10-15T00:00:00')))).toBe('stopped');
    const late = stop(decision(), T('2026-10-30T10:00:00'));
    expect(evaluate(late, T('2026-12-01T00:00:00'), ctx)).toMatchObject({ level: 'red', overdue: true });
  });

  it('refuse bad input', () => {
    expect(errorCode(() => genericClock({ start: '2026-09-30', workdays: 5, label: 'x' }))).toBe(
      'invalid-argument',
    );
    expect(errorCode(() => genericClock({ start: T('2026-09-30T15:00:00'), workdays: -1, label: 'x' }))).toBe(
      'invalid-argument',
    );
  });
});

describe('warning thresholds from configuration', () => {
  it('are read from the centre configuration, with its local days and close of business', () => {
    expect(parseClockSettings(centre).warnings).toEqual({ remindWorkdaysBefore: 1, yellowWorkdaysBefore: 0 });
    expect(parseCalendarSettings(centre)).toEqual({
      timeZone: 'Asia/Shanghai',
      closeOfBusiness: '17:30',
      localDays: [],
    });
  });

  it('default to remind 1 working day before, yellow on the due day', () => {
    expect(parseClockSettings({}).warnings).toEqual({ remindWorkdaysBefore: 1, yellowWorkdaysBefore: 0 });
  });

  it('move the levels when configured', () => {
    const settings = parseClockSettings({ warnings: { remindWorkdaysBefore: 3, yellowWorkdaysBefore: 1 } });
    const status = evaluate(decision(), T('2026-10-26T09:00:00'), clockContext(calendar, settings));
    expect(status).toMatchObject({
      level: 'remind',
      remindFrom: T('2026-10-26T00:00:00'),
      yellowFrom: T('2026-10-28T00:00:00'),
    });
  });

  it('start at the clock start when the budget is shorter than the threshold', () => {
    const settings = parseClockSettings({ warnings: { remindWorkdaysBefore: 3, yellowWorkdaysBefore: 0 } });
    const short = genericClock({ start: T('2026-09-28T09:00:00'), workdays: 1, label: '当日回复' });
    expect(warningLevel(short, T('2026-09-28T09:00:00'), clockContext(calendar, settings))).toBe('remind');
  });

  it('are validated', () => {
    expect(() =>
      parseClockSettings({ warnings: { remindWorkdaysBefore: 1, yellowWorkdaysBefore: 2 } }),
    ).toThrow(/must not exceed/);
    expect(() => parseClockSettings({ warnings: { remindWorkdaysBefore: -1 } })).toThrow(
      /remindWorkdaysBefore/,
    );
    expect(() => parseClockSettings({ suspensionReasons: ['lunch'] })).toThrow(/suspensionReasons/);
  });
});
