import { describe, expect, it } from 'vitest';
import centre from '../../../functions/config/centre.json' with { type: 'json' };
import { appointmentSettings, counterSettings } from '../../../functions/config/centre.ts';
import { checkCounterSettings } from '../../../functions/config/counter-check.ts';
import { createCalendar } from '../../../functions/domain/calendar/calendar.ts';
import { msAt } from '../../../functions/domain/calendar/instant.ts';
import { publishedScheduleFiles } from '../../../functions/domain/calendar/schedules/index.ts';
import { statutoryHolidays } from '../../../functions/domain/calendar/statutory.ts';
import {
  type AppointmentSettings,
  parseAppointmentSettings,
} from '../../../functions/domain/counter/appointment-settings.ts';
import {
  type Appointment,
  type AppointmentContext,
  appointmentDay,
  appointmentDays,
  appointmentState,
  aroundTheClockLabel,
  bookAppointment,
  bookableSlot,
  bookingSuspendedUntil,
  cancelAppointment,
  checkInAppointment,
  checkPhoneMayBook,
  regularSeats,
  reminderAt,
} from '../../../functions/domain/counter/appointments.ts';
import { CounterError } from '../../../functions/domain/counter/errors.ts';
import { type CounterSettings, parseCounterSettings } from '../../../functions/domain/counter/settings.ts';
import { counterErrorProblem } from '../../../functions/http/counter/support.ts';

/**
 * The rules of appointments (预约) and 延时服务 on the sample centre's configuration with its hall
 * keeping real hours (openAroundTheClock off): the calendar decides the days (holidays, make-up
 * working days, a provisional year), the opening hours and the 延时服务 periods the times, the
 * booking window and the clock the rest; seats per slot; check-in and its grace period; the
 * no-show suspension; the settings refused with the key named.
 */

const realHall = { ...centre, counter: { ...centre.counter, openAroundTheClock: false } };
const counter = parseCounterSettings(realHall);
const appointments = parseAppointmentSettings(realHall, counter);
const calendar = createCalendar({ settings: centre });
const ctx: AppointmentContext = { counter, appointments, calendar };
const category = (code: string) => {
  const found = counter.categories.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`no category ${code}`);
  return found;
};
const civil = category('civil-affairs');
const tax = category('tax');
const realEstate = category('real-estate');

function refusal(run: () => unknown): CounterError {
  try {
    run();
  } catch (error) {
    if (error instanceof CounterError) return error;
    throw error;
  }
  throw new Error('nothing was refused');
}

const times = (date: string, code = 'civil-affairs', context = ctx) => {
  const day = appointmentDay(context, category(code), date);
  return day.open ? day.slots.map((slot) => `${slot.time}${slot.extended ? ` ${slot.extended}` : ''}`) : [];
};

describe('the slots of a day follow the calendar, the opening hours and the 延时服务 opened', () => {
  it('cuts a working day’s opening hours into half-hours, with the lunch break closed to categories without lunch service', () => {
    // 2026-10-12 is a Monday, 2026-10-13 a Tuesday.
    expect(times('2026-10-12', 'tax')).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
      '17:00',
    ]);
    const slot = appointmentDay(ctx, tax, '2026-10-12');
    expect(slot.open && slot.slots[0]).toMatchObject({
      date: '2026-10-12',
      time: '09:00',
      endTime: '09:30',
      startsAt: '2026-10-12T09:00:00+08:00',
      seats: 8,
    });
  });

  it('opens the lunch break and weekday evenings only for the categories the centre opened them for', () => {
    expect(times('2026-10-12')).toContain('12:00 午间延时服务');
    expect(times('2026-10-12')).toContain('13:00 午间延时服务');
    expect(times('2026-10-12', 'tax')).not.toContain('12:00 午间延时服务');
    // Evenings on Tuesdays and Thursdays, for real estate and market.
    expect(times('2026-10-13', 'real-estate').slice(-3)).toEqual([
      '17:30 晚间延时服务',
      '18:00 晚间延时服务',
      '18:30 晚间延时服务',
    ]);
    expect(times('2026-10-12', 'real-estate')).not.toContain('17:30 晚间延时服务');
    const evening = appointmentDay(ctx, realEstate, '2026-10-13');
    expect(evening.open && evening.slots.find((slot) => slot.time === '18:00')?.seats).toBe(2);
  });

  it('closes a holiday, opens a make-up working day, and opens only the Saturday service on a plain Saturday', () => {
    const holiday = appointmentDay(ctx, civil, '2026-10-01');
    expect(holiday).toMatchObject({ open: false, reason: 'rest-day' });
    expect(!holiday.open && holiday.message).toContain('国庆节');
    // A Saturday inside the holiday is a holiday, not a Saturday of the 周六预约服务.
    expect(appointmentDay(ctx, civil, '2026-10-03')).toMatchObject({ open: false, reason: 'rest-day' });
    // Saturday 10 October is a make-up working day (调休上班): the regular hours, no Saturday service.
    expect(times('2026-10-10')[0]).toBe('09:00');
    expect(times('2026-10-10')).not.toContain('09:00 周六预约服务');
    expect(times('2026-10-10')).toContain('12:00 午间延时服务');
    // A plain Saturday: the Saturday morning service only; Sunday: nothing.
    expect(times('2026-10-17')).toEqual([
      '09:00 周六预约服务',
      '09:30 周六预约服务',
      '10:00 周六预约服务',
      '10:30 周六预约服务',
      '11:00 周六预约服务',
      '11:30 周六预约服务',
    ]);
    expect(appointmentDay(ctx, civil, '2026-10-18')).toMatchObject({ open: false, reason: 'rest-day' });
  });

  it('books nothing on a closure the centre configured, not even 延时服务', () => {
    const closed = {
      ...realHall,
      localDays: [{ date: '2026-10-17', kind: 'closure', name: '台风停止办公' }],
    };
    const context = { ...ctx, calendar: createCalendar({ settings: closed }) };
    expect(appointmentDay(context, civil, '2026-10-17')).toMatchObject({ open: false, reason: 'rest-day' });
  });

  it('opens no day of a year whose schedule is unpublished, except to say its statutory holidays are rest days', () => {
    const now = msAt('2026-12-21', '10:00');
    const days = appointmentDays(ctx, civil, '2026-12-21', 31, now);
    // The booking window: today + 14 days.
    expect(days.map((day) => day.date).at(-1)).toBe('2027-01-04');
    const of = (date: string) => days.find((day) => day.date === date);
    expect(of('2026-12-24')).toMatchObject({ open: true });
    // From 25 December a notice for next year can still reach back: provisional too.
    expect(of('2026-12-28')).toMatchObject({ open: false, reason: 'provisional-day' });
    expect(of('2027-01-01')).toMatchObject({ open: false, reason: 'rest-day' });
    expect(of('2027-01-04')).toMatchObject({ open: false, reason: 'provisional-day' });
    const refused = refusal(() => bookableSlot(ctx, civil, '2027-01-04', '09:00', now));
    expect(refused).toMatchObject({ code: 'provisional-day', field: 'body.date' });
    expect(refused.message).toContain('2027 年的节假日安排尚未公布');

    // Once the 2027 notice is loaded the days open, its make-up Saturday too.
    const notice2027 = {
      year: 2027,
      notice: { title: '国务院办公厅关于2027年部分节假日安排的通知（测试）', issuer: '国务院办公厅' },
      holidays: statutoryHolidays(2027).map((holiday, i) => ({
        name: holiday.name,
        off: { from: holiday.date, to: holiday.date },
        ...(i === 0 ? { work: ['2027-01-09'] } : {}),
      })),
    };
    const published = {
      ...ctx,
      calendar: createCalendar({ settings: centre, schedules: [...publishedScheduleFiles, notice2027] }),
    };
    expect(appointmentDay(published, civil, '2027-01-04')).toMatchObject({ open: true });
    expect(appointmentDay(published, civil, '2026-12-28')).toMatchObject({ open: true });
    expect(times('2027-01-09', 'civil-affairs', published)[0]).toBe('09:00');
  });

  it('opens every slot of every day in the sample centre’s round-the-clock demo, marking those outside the hours', () => {
    const demo = { ...ctx, counter: counterSettings(), appointments: appointmentSettings() };
    const holiday = times('2026-10-01', 'civil-affairs', demo);
    expect(holiday).toHaveLength(48);
    expect(holiday[0]).toBe(`00:00 ${aroundTheClockLabel}`);
    const workday = times('2026-10-12', 'civil-affairs', demo);
    expect(workday).toHaveLength(48);
    expect(workday).toContain('09:00');
    expect(workday).toContain('12:30 午间延时服务');
    expect(workday).toContain(`18:00 ${aroundTheClockLabel}`);
    expect(workday.at(-1)).toBe(`23:30 ${aroundTheClockLabel}`);
  });
});

describe('a booking is refused saying which rule refuses it', () => {
  const now = msAt('2026-10-12', '10:10');

  it.each([
    ['2026-10-11', '09:00', 'slot-past', 'body.date'],
    ['2026-10-12', '10:00', 'slot-past', 'body.time'],
    ['2026-10-27', '09:00', 'beyond-window', 'body.date'],
    ['2026-10-18', '09:00', 'rest-day', 'body.date'],
    ['2026-10-13', '08:30', 'outside-hours', 'body.time'],
    ['2026-10-13', '17:30', 'outside-hours', 'body.time'],
    ['2026-10-13', '09:10', 'outside-hours', 'body.time'],
  ])('%s %s → %s', (date, time, code, field) => {
    expect(refusal(() => bookableSlot(ctx, civil, date, time, now))).toMatchObject({ code, field });
  });

  it('takes a slot later today, the last day of the window, and a lunch slot of a category with lunch service', () => {
    expect(bookableSlot(ctx, civil, '2026-10-12', '10:30', now).time).toBe('10:30');
    expect(bookableSlot(ctx, civil, '2026-10-26', '17:00', now).date).toBe('2026-10-26');
    expect(bookableSlot(ctx, civil, '2026-10-13', '12:30', now).extended).toBe('午间延时服务');
    expect(refusal(() => bookableSlot(ctx, tax, '2026-10-13', '12:30', now)).message).toContain(
      '9:00–12:00，13:30–17:30',
    );
  });

  it('lists only the slots still ahead today and no day past the window', () => {
    const days = appointmentDays(ctx, civil, '2026-10-01', 31, now);
    expect(days[0]?.date).toBe('2026-10-12');
    expect(days.at(-1)?.date).toBe('2026-10-26');
    expect(days[0]?.open && days[0].slots[0]?.time).toBe('10:30');
    const late = appointmentDays(ctx, tax, '2026-10-12', 1, msAt('2026-10-12', '17:05'));
    expect(late[0]).toMatchObject({ open: false, reason: 'no-appointments' });
  });

  it('maps each refusal to a 422 naming its rule in Chinese and the field', () => {
    const problem = counterErrorProblem(refusal(() => bookableSlot(ctx, civil, '2026-10-18', '09:00', now)))
      .problem as Record<string, unknown>;
    expect(problem).toMatchObject({
      status: 422,
      title: '该日大厅休息，不接受预约',
      rule: 'rest-day',
      type: 'https://yichuang.dev/problems/counter-rule/rest-day',
      errors: [{ field: 'body.date', rule: 'rest-day' }],
    });
    for (const [code, title] of [
      ['slot-full', '该时段已约满'],
      ['slot-past', '该时段已过'],
      ['beyond-window', '超出可预约的日期范围'],
      ['outside-hours', '不在可预约时段内'],
      ['provisional-day', '该日节假日安排未公布，暂不接受预约'],
      ['booking-suspended', '多次预约未到，暂停预约'],
      ['appointment-forfeited', '已超过签到时限，预约作废'],
    ] as const) {
      expect(counterErrorProblem(new CounterError(code, '…')).problem).toMatchObject({ status: 422, title });
    }
    expect(
      counterErrorProblem(new CounterError('unknown-item', '…', { field: 'body.item' })).problem,
    ).toMatchObject({ status: 400, errors: [{ field: 'body.item' }] });
  });
});

describe('the seats of a slot', () => {
  it('are the category’s windows × seatsPerWindow, unless the category has its own number; 0 takes no bookings', () => {
    expect(regularSeats(appointments, civil)).toBe(3);
    expect(regularSeats(appointments, tax)).toBe(8);
    const own = parseAppointmentSettings(
      {
        ...realHall,
        counter: { ...realHall.counter, appointments: { categorySeats: { tax: 2, health: 0 } } },
      },
      counter,
    );
    expect(regularSeats(own, tax)).toBe(2);
    const none = { ...ctx, appointments: own };
    const health = appointmentDay(none, category('health'), '2026-10-12');
    expect(health).toMatchObject({ open: false, reason: 'no-appointments' });
    expect(
      refusal(() =>
        bookableSlot(none, category('health'), '2026-10-13', '09:00', msAt('2026-10-12', '09:00')),
      ),
    ).toMatchObject({ code: 'no-appointments', field: 'body.category' });
  });

  it('of a day add up to the day’s capacity: 14 regular slots and 3 at lunch for civil affairs', () => {
    const day = appointmentDay(ctx, civil, '2026-10-12');
    if (!day.open) throw new Error('closed');
    expect(day.slots.reduce((sum, slot) => sum + slot.seats, 0)).toBe(14 * 3 + 3 * 1);
  });
});

const booked = (startsAt: string, settings: AppointmentSettings = appointments): Appointment => {
  const [date, time] = [startsAt.slice(0, 10), startsAt.slice(11, 16)];
  const slot = bookableSlot(
    { ...ctx, appointments: { ...settings, bookingDaysAhead: 90 } },
    civil,
    date,
    time,
    msAt(date, '00:00') - 60_000,
  );
  return bookAppointment({
    id: `id-${startsAt}`,
    category: civil,
    slot,
    holder: { name: '张*', phone: '138****5678' },
    now: new Date(msAt(date, '00:00') - 60_000),
  });
};
const ticket = { ticketNo: 'A001', date: '2026-10-13', serial: 1 };

describe('checking in and forfeiting', () => {
  const appointment = booked('2026-10-13T10:00');
  const check = (time: string) => () =>
    checkInAppointment(appointment, appointments, new Date(msAt('2026-10-13', time)), ticket);

  it('opens 30 minutes before the slot and closes 15 minutes after its start', () => {
    expect(refusal(check('09:29')).code).toBe('check-in-early');
    expect(refusal(check('09:29')).message).toContain('9:30 以后签到');
    expect(check('09:30')()).toMatchObject({ status: 'checked-in', ticket, version: 2 });
    expect(check('10:15')().status).toBe('checked-in');
    expect(refusal(check('10:16')).code).toBe('appointment-forfeited');
  });

  it('counts a booking not checked in by the end of its grace period as a no-show', () => {
    expect(appointmentState(appointment, appointments, msAt('2026-10-13', '10:15'))).toBe('booked');
    expect(appointmentState(appointment, appointments, msAt('2026-10-13', '10:16'))).toBe('forfeited');
    const checkedIn = check('09:45')();
    expect(appointmentState(checkedIn, appointments, msAt('2026-10-14', '10:00'))).toBe('checked-in');
  });

  it('refuses a cancelled booking, and cancels only before the slot begins', () => {
    const cancelled = cancelAppointment(appointment, new Date(msAt('2026-10-13', '09:59')));
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 2 });
    expect(
      refusal(() =>
        checkInAppointment(cancelled, appointments, new Date(msAt('2026-10-13', '09:50')), ticket),
      ).code,
    ).toBe('appointment-cancelled');
    expect(refusal(() => cancelAppointment(cancelled, new Date())).code).toBe('appointment-cancelled');
    expect(refusal(() => cancelAppointment(appointment, new Date(msAt('2026-10-13', '10:00')))).code).toBe(
      'appointment-started',
    );
    const checkedIn = check('09:45')();
    expect(refusal(() => cancelAppointment(checkedIn, new Date(msAt('2026-10-13', '09:50')))).code).toBe(
      'appointment-checked-in',
    );
  });
});

describe('the reminder the day before', () => {
  const bookedAt = (date: string, time: string) => ({
    date: '2026-10-15',
    bookedAt: `${date}T${time}:00+08:00`,
  });

  it('goes out the day before the slot at the reminder time (09:00), Beijing time', () => {
    expect(appointments.reminderMinute).toBe(9 * 60);
    expect(reminderAt(bookedAt('2026-10-12', '16:00'), appointments)).toBe('2026-10-14T09:00:00+08:00');
    expect(reminderAt(bookedAt('2026-10-13', '23:59'), appointments)).toBe('2026-10-14T09:00:00+08:00');
    // Over a weekend or a holiday all the same: the day before is the day before.
    expect(reminderAt({ date: '2026-10-08', bookedAt: '2026-09-28T10:00:00+08:00' }, appointments)).toBe(
      '2026-10-07T09:00:00+08:00',
    );
    expect(reminderAt(bookedAt('2026-10-12', '16:00'), { reminderMinute: 18 * 60 + 30 })).toBe(
      '2026-10-14T18:30:00+08:00',
    );
  });

  it('is not sent for a booking made the day before or on the day: the confirmation says the same', () => {
    expect(reminderAt(bookedAt('2026-10-14', '08:00'), appointments)).toBeUndefined();
    expect(reminderAt(bookedAt('2026-10-14', '20:00'), appointments)).toBeUndefined();
    expect(reminderAt(bookedAt('2026-10-15', '07:00'), appointments)).toBeUndefined();
  });
});

describe('repeated no-shows suspend booking', () => {
  const noShow = (date: string) => booked(`${date}T09:00`);

  it('suspends a phone with 3 no-shows in 30 days for 30 days from the last', () => {
    const history = [noShow('2026-10-12'), noShow('2026-10-20'), noShow('2026-11-02')];
    const until = bookingSuspendedUntil(history, appointments, msAt('2026-11-03', '09:00'));
    expect(until).toBe(msAt('2026-11-02', '09:15') + 30 * 86_400_000);
    const refused = refusal(() => checkPhoneMayBook(history, appointments, msAt('2026-11-03', '09:00')));
    expect(refused).toMatchObject({ code: 'booking-suspended', field: 'body.phone' });
    expect(refused.message).toContain('暂停至 2026-12-02');
    // Over after the 30 days.
    expect(bookingSuspendedUntil(history, appointments, msAt('2026-12-02', '09:16'))).toBeUndefined();
  });

  it('does not count no-shows spread over more than 30 days, nor bookings checked in or cancelled', () => {
    const spread = [noShow('2026-09-01'), noShow('2026-09-20'), noShow('2026-10-12')];
    expect(bookingSuspendedUntil(spread, appointments, msAt('2026-10-13', '09:00'))).toBeUndefined();
    const kept = checkInAppointment(
      noShow('2026-10-20'),
      appointments,
      new Date(msAt('2026-10-20', '09:00')),
      ticket,
    );
    const cancelled = cancelAppointment(noShow('2026-10-21'), new Date(msAt('2026-10-20', '12:00')));
    const mixed = [noShow('2026-10-12'), kept, cancelled, noShow('2026-10-22')];
    expect(bookingSuspendedUntil(mixed, appointments, msAt('2026-10-23', '09:00'))).toBeUndefined();
  });

  it('follows the settings: 2 in 7 days suspend for 14', () => {
    const strict = { ...appointments, noShows: { count: 2, days: 7, suspendDays: 14 } };
    const history = [noShow('2026-10-12'), noShow('2026-10-16')];
    expect(bookingSuspendedUntil(history, strict, msAt('2026-10-17', '09:00'))).toBe(
      msAt('2026-10-16', '09:15') + 14 * 86_400_000,
    );
  });

  it('limits the bookings one phone holds open', () => {
    const now = msAt('2026-10-12', '08:00');
    const open = [booked('2026-10-13T09:00'), booked('2026-10-14T09:00')];
    expect(() => checkPhoneMayBook(open, appointments, now)).not.toThrow();
    const three = [...open, booked('2026-10-15T09:00')];
    expect(refusal(() => checkPhoneMayBook(three, appointments, now))).toMatchObject({
      code: 'too-many-bookings',
      field: 'body.phone',
    });
  });
});

describe('the appointment settings', () => {
  const withAppointments = (value: unknown) => ({
    ...centre,
    counter: { ...centre.counter, appointments: value },
  });
  function settingsRefusal(value: unknown): CounterError {
    return refusal(() => checkCounterSettings(withAppointments(value)));
  }
  const lunch = { name: '午间', on: ['workday'], from: '12:00', to: '13:30', seats: 1 };

  it('reads the sample centre’s, and takes the defaults for what is missing', () => {
    expect(appointmentSettings()).toMatchObject({
      slotMinutes: 30,
      bookingDaysAhead: 14,
      checkInMinutesBefore: 30,
      graceMinutes: 15,
      noShows: { count: 3, days: 30, suspendDays: 30 },
      priorityReason: 'appointment',
      reminderMinute: 9 * 60,
    });
    expect(appointmentSettings().extendedService.map((period) => period.name)).toEqual([
      '午间延时服务',
      '晚间延时服务',
      '周六预约服务',
    ]);
    const defaults = parseAppointmentSettings({ counter: {} }, counter as CounterSettings);
    expect(defaults).toMatchObject({
      slotMinutes: 30,
      bookingDaysAhead: 14,
      reminderMinute: 9 * 60,
      extendedService: [],
    });
  });

  it.each([
    [{ slotMinutes: 0 }, 'counter.appointments.slotMinutes'],
    [{ bookingDaysAhead: 400 }, 'counter.appointments.bookingDaysAhead'],
    [{ graceMinutes: -1 }, 'counter.appointments.graceMinutes'],
    [{ categorySeats: { nothing: 1 } }, 'counter.appointments.categorySeats.nothing'],
    [{ noShows: { count: 0 } }, 'counter.appointments.noShows.count'],
    [{ priorityReason: 'vip' }, 'counter.appointments.priorityReason'],
    [{ reminderTime: '9 点' }, 'counter.appointments.reminderTime'],
    [{ reminderTime: '24:00' }, 'counter.appointments.reminderTime'],
    [{ extendedService: [{ ...lunch, from: '11:30' }] }, 'counter.appointments.extendedService[0].from'],
    [{ extendedService: [{ ...lunch, on: ['sunday'] }] }, 'counter.appointments.extendedService[0].on[0]'],
    [
      { extendedService: [{ ...lunch, weekdays: [7] }] },
      'counter.appointments.extendedService[0].weekdays[0]',
    ],
    [{ extendedService: [{ ...lunch, to: '12:10' }] }, 'counter.appointments.extendedService[0].to'],
    [
      { extendedService: [{ ...lunch, categories: ['nothing'] }] },
      'counter.appointments.extendedService[0].categories[0]',
    ],
    [{ extendedService: [{ ...lunch, seats: 0 }] }, 'counter.appointments.extendedService[0].seats'],
    [
      { extendedService: [lunch, { ...lunch, name: '又一个', from: '13:00', to: '13:30' }] },
      'counter.appointments.extendedService[1].from',
    ],
    ['every day', 'counter.appointments'],
  ])('refuses %j naming %s', (value, key) => {
    const error = settingsRefusal(value);
    expect(error.code).toBe('invalid-settings');
    expect(error.field).toBe(key);
    expect(error.message).toContain(key);
  });

  it('lets two 延时服务 periods share hours on different days', () => {
    const saturday = { ...lunch, name: '周六', on: ['weekend'], weekdays: [6] };
    expect(() =>
      checkCounterSettings(withAppointments({ extendedService: [lunch, saturday] })),
    ).not.toThrow();
  });
});
