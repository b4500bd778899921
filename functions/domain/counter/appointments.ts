/**
 * Appointments (预约, domain.md §10): a visitor books a slot of a business category (or of an
 * item, which names its category) with a name and a phone, gets a booking code, may cancel it,
 * and checks in at the kiosk — from a few minutes before the slot until a grace period after its
 * start — for a priority ticket. Past the grace period the booking is forfeit (a no-show);
 * repeated no-shows of one phone suspend its booking for a while.
 *
 * When slots exist:
 * - regular slots on the working days of the centre's calendar (holidays and closures off,
 *   make-up working days and local working days on), within `counter.openingHours`, cut from
 *   each period's start into `slotMinutes`;
 * - 延时服务 slots only where `counter.appointments.extendedService` opens them (lunch break and
 *   evenings of working days, weekends, holidays), marked with the period's name;
 * - none on a day of a year whose holiday schedule is not published (provisional): its make-up
 *   days and bridging days off are unknown, so a booking made now could fall on a day the hall
 *   turns out to be shut (or miss one it opens). Statutory holidays of such a year are certain
 *   and answered as rest days. The days come back once the year's schedule is loaded;
 * - the sample centre's `openAroundTheClock` (a demo setting, off for a real centre) opens every
 *   slot of every day, those outside the hours marked as 延时服务 of the sample centre, so that a
 *   newcomer can book, check in and be called at any hour.
 *
 * Pure: time comes in as a parameter. Refusals are CounterErrors whose codes the HTTP layer maps.
 */
import { type Calendar, type DayInfo, dayInfo } from '../calendar/calendar.ts';
import { addDays, type CivilDate, dayNumber, weekdayNames } from '../calendar/civil.ts';
import { civilDateAt, formatInstant, type Instant, msAt, msAtDayNumber } from '../calendar/instant.ts';
import type { AppointmentSettings, ExtendedServiceDay } from './appointment-settings.ts';
import { CounterError } from './errors.ts';
import { describeHours } from './hours.ts';
import type { CounterCategory, CounterSettings } from './settings.ts';

/** What the rules of slots read: the counter's and the appointments' settings, and the calendar. */
export interface AppointmentContext {
  counter: CounterSettings;
  appointments: AppointmentSettings;
  calendar: Calendar;
}

export interface AppointmentSlot {
  date: CivilDate;
  /** Start, `HH:MM` Beijing time: the slot's name in the API. */
  time: string;
  endTime: string;
  startsAt: Instant;
  /** The 延时服务 period's name, when the slot is outside the opening hours. */
  extended?: string;
  /** Seats of the slot for the category. */
  seats: number;
}

export type ClosedDayReason = 'rest-day' | 'provisional-day' | 'no-appointments';

export type AppointmentDay =
  | { date: CivilDate; weekday: string; open: true; slots: AppointmentSlot[] }
  | { date: CivilDate; weekday: string; open: false; reason: ClosedDayReason; message: string };

/** The label of the sample centre's round-the-clock slots (openAroundTheClock). */
export const aroundTheClockLabel = '示例中心全天开放';

const pad = (n: number) => String(n).padStart(2, '0');
/** Minutes after midnight → `HH:MM` (`24:00` for the end of the day). */
export const timeOfMinute = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
/** `09:30` → `9:30`, as the visitor reads it. */
export const spokenTime = (time: string) => time.replace(/^0(\d)/, '$1');

/** Seats of a regular slot of the category: its override, else its windows × seatsPerWindow. */
export function regularSeats(settings: AppointmentSettings, category: CounterCategory): number {
  return settings.categorySeats[category.code] ?? category.windows.length * settings.seatsPerWindow;
}

function dayKind(info: DayInfo): ExtendedServiceDay | 'closure' {
  if (info.workday) return 'workday';
  if (info.kind === 'weekend') return 'weekend';
  return info.kind === 'localClosure' ? 'closure' : 'holiday';
}

interface Period {
  fromMinute: number;
  toMinute: number;
  seats: number;
  extended?: string;
}

function cut(date: CivilDate, period: Period, slotMinutes: number): AppointmentSlot[] {
  const slots: AppointmentSlot[] = [];
  for (let minute = period.fromMinute; minute + slotMinutes <= period.toMinute; minute += slotMinutes) {
    const time = timeOfMinute(minute);
    slots.push({
      date,
      time,
      endTime: timeOfMinute(minute + slotMinutes),
      startsAt: formatInstant(msAt(date, time)),
      ...(period.extended ? { extended: period.extended } : {}),
      seats: period.seats,
    });
  }
  return slots;
}

/** The periods of a day a category may be booked in, in order: the opening hours and the 延时服务 opened. */
function periodsOf(ctx: AppointmentContext, category: CounterCategory, info: DayInfo): Period[] {
  const { counter, appointments } = ctx;
  const kind = dayKind(info);
  const seats = regularSeats(appointments, category);
  const periods: Period[] =
    kind === 'workday' && seats > 0
      ? counter.openingHours.map((hours) => ({
          fromMinute: hours.fromMinute,
          toMinute: hours.toMinute,
          seats,
        }))
      : [];
  if (kind !== 'closure') {
    for (const period of appointments.extendedService) {
      if (!period.on.includes(kind)) continue;
      if (period.weekdays && !period.weekdays.includes(info.weekday)) continue;
      if (period.categories && !period.categories.includes(category.code)) continue;
      periods.push({
        fromMinute: period.fromMinute,
        toMinute: period.toMinute,
        seats: period.seats,
        extended: period.name,
      });
    }
  }
  periods.sort((a, b) => a.fromMinute - b.fromMinute);
  if (!counter.openAroundTheClock || seats === 0) return periods;
  // The demo centre never closes: the gaps of the day are open too, as its own 延时服务.
  const filled: Period[] = [];
  let minute = 0;
  for (const period of [...periods, { fromMinute: 24 * 60, toMinute: 24 * 60, seats }]) {
    if (period.fromMinute > minute) {
      filled.push({ fromMinute: minute, toMinute: period.fromMinute, seats, extended: aroundTheClockLabel });
    }
    if (period.toMinute > period.fromMinute) filled.push(period);
    minute = Math.max(minute, period.toMinute);
  }
  return filled;
}

/** The slots of a category on a day, or why there are none. */
export function appointmentDay(
  ctx: AppointmentContext,
  category: CounterCategory,
  date: CivilDate,
): AppointmentDay {
  const info = dayInfo(ctx.calendar, date);
  const weekday = weekdayNames[info.weekday] as string;
  const closed = (reason: ClosedDayReason, message: string): AppointmentDay => ({
    date,
    weekday,
    open: false,
    reason,
    message,
  });
  const certainRestDay = !info.workday && info.kind !== 'weekend';
  if (info.provisional && !certainRestDay && !ctx.counter.openAroundTheClock) {
    return closed(
      'provisional-day',
      `${date.slice(0, 4)} 年的节假日安排尚未公布，${date} 是否办公还不能确定，暂不接受该日预约；公布后即可预约。`,
    );
  }
  const slots = periodsOf(ctx, category, info).flatMap((period) =>
    cut(date, period, ctx.appointments.slotMinutes),
  );
  if (slots.length > 0) return { date, weekday, open: true, slots };
  if (!info.workday) {
    return closed(
      'rest-day',
      `${date}（${weekday}，${info.reason}）大厅休息，该日未开放预约。请选择工作日或开放延时服务的日期。`,
    );
  }
  return closed('no-appointments', `${category.name}暂不接受预约，请到大厅取号办理。`);
}

/** The latest day the public may book on at `nowMs`. */
export function lastBookableDate(settings: AppointmentSettings, nowMs: number): CivilDate {
  return addDays(civilDateAt(nowMs), settings.bookingDaysAhead);
}

function hoursOfDay(day: Extract<AppointmentDay, { open: true }>, slotMinutes: number): string {
  const ranges: { fromMinute: number; toMinute: number }[] = [];
  for (const slot of day.slots) {
    const [h, m] = slot.time.split(':').map(Number) as [number, number];
    const from = h * 60 + m;
    const last = ranges.at(-1);
    if (last && last.toMinute === from) last.toMinute = from + slotMinutes;
    else ranges.push({ fromMinute: from, toMinute: from + slotMinutes });
  }
  return describeHours(ranges);
}

/**
 * The slot a booking asks for, if the rules allow it at `nowMs`; else a CounterError saying which
 * rule refuses it (in the past, beyond the booking window, a rest day, a provisional day, outside
 * the hours), naming the field at fault. Whether a seat is left is the store's to say.
 */
export function bookableSlot(
  ctx: AppointmentContext,
  category: CounterCategory,
  date: CivilDate,
  time: string,
  nowMs: number,
): AppointmentSlot {
  const today = civilDateAt(nowMs);
  const last = lastBookableDate(ctx.appointments, nowMs);
  if (date < today) {
    throw new CounterError('slot-past', `${date} 已经过去，请选择今天（${today}）以后的时段。`, {
      field: 'body.date',
    });
  }
  if (date > last) {
    throw new CounterError(
      'beyond-window',
      `只能预约 ${ctx.appointments.bookingDaysAhead} 天内的时段（最晚 ${last}），${date} 暂未开放预约。`,
      { field: 'body.date' },
    );
  }
  const day = appointmentDay(ctx, category, date);
  if (!day.open) {
    throw new CounterError(day.reason, day.message, {
      field: day.reason === 'no-appointments' ? 'body.category' : 'body.date',
    });
  }
  const slot = day.slots.find((candidate) => candidate.time === time);
  if (!slot) {
    throw new CounterError(
      'outside-hours',
      `${date} ${spokenTime(time)} 不在可预约时段内。该日${category.name}可预约：${hoursOfDay(day, ctx.appointments.slotMinutes)}，每 ${ctx.appointments.slotMinutes} 分钟一个时段。`,
      { field: 'body.time' },
    );
  }
  if (Date.parse(slot.startsAt) <= nowMs) {
    throw new CounterError(
      'slot-past',
      `${date} ${spokenTime(time)} 的时段已经开始或已过去，请选择之后的时段。`,
      { field: 'body.time' },
    );
  }
  return slot;
}

/**
 * The days from `from` on (at most `days` of them) as the booking page shows them: each day's
 * future slots within the booking window, or why the day has none.
 */
export function appointmentDays(
  ctx: AppointmentContext,
  category: CounterCategory,
  from: CivilDate,
  days: number,
  nowMs: number,
): AppointmentDay[] {
  const today = civilDateAt(nowMs);
  const last = lastBookableDate(ctx.appointments, nowMs);
  const list: AppointmentDay[] = [];
  for (let date = from < today ? today : from; date <= last && list.length < days; date = addDays(date, 1)) {
    const day = appointmentDay(ctx, category, date);
    if (!day.open) {
      list.push(day);
      continue;
    }
    const slots = day.slots.filter((slot) => Date.parse(slot.startsAt) > nowMs);
    list.push(
      slots.length > 0
        ? { ...day, slots }
        : {
            date,
            weekday: day.weekday,
            open: false,
            reason: 'no-appointments',
            message: '今天的可预约时段已经结束。',
          },
    );
  }
  return list;
}

// ——— A booking ———

export type AppointmentStatus = 'booked' | 'checked-in' | 'cancelled';
/** What a booking is at an instant: a booking never checked in is forfeit once the grace period ends. */
export type AppointmentState = AppointmentStatus | 'forfeited';

export const appointmentStateLabels: Record<AppointmentState, string> = {
  booked: '已预约',
  'checked-in': '已签到',
  cancelled: '已取消',
  forfeited: '未到（已作废）',
};

export interface Appointment {
  /** The keyed hash of the booking code: the item's key. The code itself is never stored. */
  id: string;
  category: string;
  item?: string;
  date: CivilDate;
  time: string;
  endTime: string;
  startsAt: Instant;
  extended?: string;
  /** Masked copies (privacy.ts) for every view; the clear values are sealed beside the item. */
  holder: { name: string; phone: string };
  status: AppointmentStatus;
  bookedAt: Instant;
  cancelledAt?: Instant;
  checkedInAt?: Instant;
  /** The ticket the check-in gave. */
  ticket?: { ticketNo: string; date: CivilDate; serial: number };
  version: number;
}

export interface BookInput {
  id: string;
  category: CounterCategory;
  item?: string;
  slot: AppointmentSlot;
  holder: { name: string; phone: string };
  now: Date;
}

export function bookAppointment(input: BookInput): Appointment {
  const { slot } = input;
  return {
    id: input.id,
    category: input.category.code,
    ...(input.item ? { item: input.item } : {}),
    date: slot.date,
    time: slot.time,
    endTime: slot.endTime,
    startsAt: slot.startsAt,
    ...(slot.extended ? { extended: slot.extended } : {}),
    holder: input.holder,
    status: 'booked',
    bookedAt: formatInstant(input.now.getTime()),
    version: 1,
  };
}

/** From when to when the booking may be checked in, in Unix ms. */
export function checkInWindow(
  appointment: Pick<Appointment, 'startsAt'>,
  settings: AppointmentSettings,
): { fromMs: number; untilMs: number } {
  const start = Date.parse(appointment.startsAt);
  return {
    fromMs: start - settings.checkInMinutesBefore * 60_000,
    untilMs: start + settings.graceMinutes * 60_000,
  };
}

/** The booking's state at `nowMs`: a booking not checked in by the end of its grace period is forfeit. */
export function appointmentState(
  appointment: Appointment,
  settings: AppointmentSettings,
  nowMs: number,
): AppointmentState {
  if (appointment.status !== 'booked') return appointment.status;
  return nowMs > checkInWindow(appointment, settings).untilMs ? 'forfeited' : 'booked';
}

const clockAt = (ms: number) => spokenTime(formatInstant(ms).slice(11, 16));

/**
 * Refuses a check-in at `now`: of a cancelled booking, before its window opens, after the grace
 * period (forfeit). A booking checked in already is the caller's to answer (it shows the same
 * ticket again).
 */
export function checkCheckInOpen(appointment: Appointment, settings: AppointmentSettings, now: Date): void {
  const slot = `${appointment.date} ${spokenTime(appointment.time)}–${spokenTime(appointment.endTime)}`;
  if (appointment.status === 'cancelled') {
    throw new CounterError('appointment-cancelled', `该预约（${slot}）已取消，请取号办理。`);
  }
  if (appointment.status !== 'booked') throw new CounterError('appointment-checked-in', '该预约已签到。');
  const window = checkInWindow(appointment, settings);
  const nowMs = now.getTime();
  if (nowMs < window.fromMs) {
    const day = civilDateAt(window.fromMs) === civilDateAt(nowMs) ? '' : `${civilDateAt(window.fromMs)} `;
    throw new CounterError(
      'check-in-early',
      `还未到签到时间：您预约的是 ${slot}，请于 ${day}${clockAt(window.fromMs)} 以后签到。`,
    );
  }
  if (nowMs > window.untilMs) {
    throw new CounterError(
      'appointment-forfeited',
      `已超过签到时限（${clockAt(window.untilMs)}），该预约（${slot}）已作废，记为未到。请取号办理。`,
    );
  }
}

/** Checks the booking in at `now` with the ticket drawn for it (see checkCheckInOpen for the refusals). */
export function checkInAppointment(
  appointment: Appointment,
  settings: AppointmentSettings,
  now: Date,
  ticket: NonNullable<Appointment['ticket']>,
): Appointment {
  checkCheckInOpen(appointment, settings, now);
  return {
    ...appointment,
    status: 'checked-in',
    checkedInAt: formatInstant(now.getTime()),
    ticket,
    version: appointment.version + 1,
  };
}

/** Cancels the booking (the seat is the store's to free). Only a booking not yet begun. */
export function cancelAppointment(appointment: Appointment, now: Date): Appointment {
  if (appointment.status === 'cancelled') throw new CounterError('appointment-cancelled', '该预约已经取消。');
  if (appointment.status !== 'booked') {
    throw new CounterError('appointment-checked-in', '该预约已签到，不能取消；如不需办理，请告知窗口。');
  }
  if (now.getTime() >= Date.parse(appointment.startsAt)) {
    throw new CounterError('appointment-started', '预约时段已经开始，不能再取消；未签到的预约将记为未到。');
  }
  return {
    ...appointment,
    status: 'cancelled',
    cancelledAt: formatInstant(now.getTime()),
    version: appointment.version + 1,
  };
}

/**
 * When the reminder of a booking goes out (the SMS of the day before): that day at
 * `reminderMinute`, Beijing time — or never, for a booking made on that day or on the day itself.
 * Its holder booked for tomorrow or today and has the confirmation, which says the same, in hand:
 * a second message the same day is noise (and a paid SMS), and one sent "at once" after a late
 * booking would arrive beside the confirmation.
 */
export function reminderAt(
  appointment: Pick<Appointment, 'date' | 'bookedAt'>,
  settings: Pick<AppointmentSettings, 'reminderMinute'>,
): Instant | undefined {
  const dayBefore = addDays(appointment.date, -1);
  if (civilDateAt(appointment.bookedAt) >= dayBefore) return undefined;
  return formatInstant(msAtDayNumber(dayNumber(dayBefore), settings.reminderMinute));
}

// ——— No-shows and the suspension they bring ———

/** How far back a phone's bookings matter at `nowMs`: the no-show window and the suspension after it. */
export function noShowLookbackMs(settings: AppointmentSettings): number {
  return (settings.noShows.days + settings.noShows.suspendDays + 1) * 86_400_000;
}

/**
 * Until when a phone's booking is suspended at `nowMs`, in Unix ms, or undefined: `count`
 * no-shows within `days` suspend it for `suspendDays` from the last of them. A no-show counts
 * from the end of its grace period.
 */
export function bookingSuspendedUntil(
  bookings: readonly Appointment[],
  settings: AppointmentSettings,
  nowMs: number,
): number | undefined {
  const { count, days, suspendDays } = settings.noShows;
  const noShows = bookings
    .filter((booking) => appointmentState(booking, settings, nowMs) === 'forfeited')
    .map((booking) => checkInWindow(booking, settings).untilMs)
    .sort((a, b) => a - b);
  let until: number | undefined;
  for (let i = count - 1; i < noShows.length; i += 1) {
    const last = noShows[i] as number;
    if (last - (noShows[i - count + 1] as number) <= days * 86_400_000) {
      const end = last + suspendDays * 86_400_000;
      if (end > nowMs && (until === undefined || end > until)) until = end;
    }
  }
  return until;
}

/**
 * Refuses a new booking of a phone whose booking is suspended (its no-shows) or which holds
 * `openBookingsPerPhone` bookings not yet over. `bookings`: the phone's bookings of the lookback.
 */
export function checkPhoneMayBook(
  bookings: readonly Appointment[],
  settings: AppointmentSettings,
  nowMs: number,
): void {
  const until = bookingSuspendedUntil(bookings, settings, nowMs);
  if (until !== undefined) {
    const { count, days } = settings.noShows;
    throw new CounterError(
      'booking-suspended',
      `该手机号 ${days} 天内已有 ${count} 次预约未到，预约功能暂停至 ${civilDateAt(until)}。期间请到大厅取号办理。`,
      { field: 'body.phone' },
    );
  }
  const open = bookings.filter((booking) => appointmentState(booking, settings, nowMs) === 'booked').length;
  if (open >= settings.openBookingsPerPhone) {
    throw new CounterError(
      'too-many-bookings',
      `该手机号已有 ${open} 个未到期的预约，请先办理或取消后再预约。`,
      { field: 'body.phone' },
    );
  }
}
