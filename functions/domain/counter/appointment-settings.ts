/**
 * The settings of appointments (预约) and 延时服务, key `counter.appointments` of centre.json:
 * the slot length, how many days ahead the public may book, the seats of a slot, the check-in
 * window and the grace period, the no-show rule that suspends booking, the per-client and
 * per-phone limits, the priority reason a checked-in appointment's ticket carries, the hour of the
 * reminder the day before, and the
 * 延时服务 periods the centre opens explicitly (lunch break, evenings, weekends). Validated once on
 * start, each error naming its key (`counter.appointments.extendedService[1].from`).
 */
import {
  type CounterSettings,
  counterSettingMinutes,
  counterSettingText,
  counterSettingTime,
  failCounterSetting as fail,
  isRecord,
} from './settings.ts';

/** The kinds of day a 延时服务 period may open on: a working day of the calendar, a weekend rest day, a holiday. */
export type ExtendedServiceDay = 'workday' | 'weekend' | 'holiday';
export const extendedServiceDays: readonly ExtendedServiceDay[] = ['workday', 'weekend', 'holiday'];

/** A 延时服务 period: slots outside the opening hours that the centre opens by appointment. */
export interface ExtendedServicePeriod {
  /** Shown beside its slots (`午间延时服务`). */
  name: string;
  /** The kinds of day it opens on. */
  on: ExtendedServiceDay[];
  /** Only these weekdays (0 = Sunday … 6 = Saturday); every weekday when absent. */
  weekdays?: number[];
  fromMinute: number;
  toMinute: number;
  /** Only these categories; every category when absent. */
  categories?: string[];
  /** Seats of one slot, per category (fewer windows are staffed out of hours). */
  seats: number;
}

export interface AppointmentSettings {
  /** Length of a slot; the opening hours and each 延时服务 period are cut into slots from their start. */
  slotMinutes: number;
  /** The latest bookable day is today + this many days (0: today only). */
  bookingDaysAhead: number;
  /** Seats of a regular slot per window of the category (a category's seats = its windows × this). */
  seatsPerWindow: number;
  /** Seats of a regular slot for a category, instead of windows × seatsPerWindow; 0 takes no bookings. */
  categorySeats: Record<string, number>;
  /** Check-in opens this many minutes before the slot begins… */
  checkInMinutesBefore: number;
  /** …and closes this many minutes after: later, the booking is forfeit (a no-show). */
  graceMinutes: number;
  /** `count` no-shows within `days` suspend booking for `suspendDays`, from the last of them. */
  noShows: { count: number; days: number; suspendDays: number };
  /** Bookings, cancellations and check-ins one client address may make per period. */
  bookingsPerClient: { count: number; minutes: number };
  /** Bookings one phone may hold at once that are not yet over. */
  openBookingsPerPhone: number;
  /** The priority reason (绿色通道) of the ticket a check-in gives: a key of counter.priorityReasons. */
  priorityReason: string;
  /** The reminder SMS goes out the day before the slot at this minute after midnight (`reminderTime`, HH:MM). */
  reminderMinute: number;
  extendedService: ExtendedServicePeriod[];
}

export const defaultAppointmentSettings: AppointmentSettings = {
  slotMinutes: 30,
  bookingDaysAhead: 14,
  seatsPerWindow: 1,
  categorySeats: {},
  checkInMinutesBefore: 30,
  graceMinutes: 15,
  noShows: { count: 3, days: 30, suspendDays: 30 },
  bookingsPerClient: { count: 30, minutes: 10 },
  openBookingsPerPhone: 3,
  priorityReason: 'appointment',
  reminderMinute: 9 * 60,
  extendedService: [],
};

function whole(value: unknown, key: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(key, `expected a whole number ${min}–${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function optionalWhole(raw: Record<string, unknown>, name: string, key: string, min: number, max: number) {
  return raw[name] === undefined ? undefined : whole(raw[name], `${key}.${name}`, min, max);
}

const overlaps = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) =>
  a === undefined || b === undefined || a.some((entry) => b.includes(entry));

function parsePeriod(
  raw: unknown,
  key: string,
  counter: CounterSettings,
  slotMinutes: number,
): ExtendedServicePeriod {
  if (!isRecord(raw)) fail(key, 'expected { name, on, weekdays?, from, to, categories?, seats }.');
  const name = counterSettingText(raw.name, `${key}.name`);
  if (!Array.isArray(raw.on) || raw.on.length === 0) {
    fail(`${key}.on`, `expected a non-empty list of ${extendedServiceDays.join(', ')}.`);
  }
  const on = raw.on.map((day, i) => {
    if (!(extendedServiceDays as readonly unknown[]).includes(day)) {
      fail(
        `${key}.on[${i}]`,
        `expected one of ${extendedServiceDays.join(', ')}, got ${JSON.stringify(day)}.`,
      );
    }
    return day as ExtendedServiceDay;
  });
  let weekdays: number[] | undefined;
  if (raw.weekdays !== undefined) {
    if (!Array.isArray(raw.weekdays) || raw.weekdays.length === 0) {
      fail(`${key}.weekdays`, 'expected a non-empty list of weekdays, 0 (Sunday) to 6 (Saturday).');
    }
    weekdays = raw.weekdays.map((day, i) => whole(day, `${key}.weekdays[${i}]`, 0, 6));
  }
  const fromMinute = counterSettingTime(raw.from, `${key}.from`);
  const toMinute = counterSettingTime(raw.to, `${key}.to`);
  if (toMinute <= fromMinute) fail(`${key}.to`, 'must be later than from.');
  if (toMinute - fromMinute < slotMinutes) {
    fail(`${key}.to`, `the period is shorter than one slot (${slotMinutes} minutes): it would open nothing.`);
  }
  let categories: string[] | undefined;
  if (raw.categories !== undefined) {
    if (!Array.isArray(raw.categories) || raw.categories.length === 0) {
      fail(`${key}.categories`, 'expected a non-empty list of category codes (or no key: every category).');
    }
    categories = raw.categories.map((code, i) => {
      const entry = counterSettingText(code, `${key}.categories[${i}]`);
      if (!counter.categories.some((category) => category.code === entry)) {
        fail(`${key}.categories[${i}]`, `unknown category "${entry}".`);
      }
      return entry;
    });
  }
  const seats = whole(raw.seats, `${key}.seats`, 1, 1000);
  return {
    name,
    on,
    ...(weekdays ? { weekdays } : {}),
    fromMinute,
    toMinute,
    ...(categories ? { categories } : {}),
    seats,
  };
}

/**
 * Validated appointment settings from a centre configuration object, beside its counter settings
 * (the categories and opening hours they refer to). Missing keys take the defaults above.
 */
export function parseAppointmentSettings(config: unknown, counter: CounterSettings): AppointmentSettings {
  const base = 'counter.appointments';
  const counterRaw = isRecord(config) && isRecord(config.counter) ? config.counter : {};
  const raw = counterRaw.appointments ?? {};
  if (!isRecord(raw)) fail(base, 'expected an object (see the README, “The front counter”).');
  const d = defaultAppointmentSettings;
  const slotMinutes = optionalWhole(raw, 'slotMinutes', base, 5, 240) ?? d.slotMinutes;

  const categorySeats: Record<string, number> = {};
  if (raw.categorySeats !== undefined) {
    if (!isRecord(raw.categorySeats)) fail(`${base}.categorySeats`, 'expected { "<category>": seats }.');
    for (const [code, seats] of Object.entries(raw.categorySeats)) {
      if (!counter.categories.some((category) => category.code === code)) {
        fail(`${base}.categorySeats.${code}`, `unknown category "${code}".`);
      }
      categorySeats[code] = whole(seats, `${base}.categorySeats.${code}`, 0, 1000);
    }
  }

  let noShows = d.noShows;
  if (raw.noShows !== undefined) {
    if (!isRecord(raw.noShows)) fail(`${base}.noShows`, 'expected { count, days, suspendDays }.');
    const key = `${base}.noShows`;
    noShows = {
      count: optionalWhole(raw.noShows, 'count', key, 1, 100) ?? d.noShows.count,
      days: optionalWhole(raw.noShows, 'days', key, 1, 365) ?? d.noShows.days,
      suspendDays: optionalWhole(raw.noShows, 'suspendDays', key, 1, 365) ?? d.noShows.suspendDays,
    };
  }

  let bookingsPerClient = d.bookingsPerClient;
  if (raw.bookingsPerClient !== undefined) {
    const limit = raw.bookingsPerClient;
    const key = `${base}.bookingsPerClient`;
    if (!isRecord(limit)) fail(key, 'expected { count, minutes }.');
    bookingsPerClient = {
      count: whole(limit.count, `${key}.count`, 1, 100_000),
      minutes: counterSettingMinutes(limit.minutes, `${key}.minutes`, 24 * 60),
    };
  }

  const priorityReason =
    raw.priorityReason === undefined
      ? d.priorityReason
      : counterSettingText(raw.priorityReason, `${base}.priorityReason`);
  if (counter.priorityReasons[priorityReason] === undefined) {
    fail(
      `${base}.priorityReason`,
      `"${priorityReason}" is not one of counter.priorityReasons (${Object.keys(counter.priorityReasons).join(', ')}): a checked-in appointment is called ahead under it.`,
    );
  }

  const list = raw.extendedService ?? [];
  if (!Array.isArray(list)) fail(`${base}.extendedService`, 'expected a list of 延时服务 periods.');
  const extendedService = list.map((entry, i) =>
    parsePeriod(entry, `${base}.extendedService[${i}]`, counter, slotMinutes),
  );
  extendedService.forEach((period, i) => {
    const key = `${base}.extendedService[${i}]`;
    if (period.on.includes('workday')) {
      const clash = counter.openingHours.find(
        (hours) => period.fromMinute < hours.toMinute && hours.fromMinute < period.toMinute,
      );
      if (clash)
        fail(`${key}.from`, 'on working days it overlaps counter.openingHours: 延时服务 is outside them.');
    }
    extendedService.slice(0, i).forEach((other, j) => {
      const sameDays =
        overlaps(period.on, other.on) &&
        overlaps(period.weekdays, other.weekdays) &&
        overlaps(period.categories, other.categories);
      if (sameDays && period.fromMinute < other.toMinute && other.fromMinute < period.toMinute) {
        fail(`${key}.from`, `overlaps ${base}.extendedService[${j}] on the same days.`);
      }
    });
  });

  return {
    slotMinutes,
    bookingDaysAhead: optionalWhole(raw, 'bookingDaysAhead', base, 0, 90) ?? d.bookingDaysAhead,
    seatsPerWindow: optionalWhole(raw, 'seatsPerWindow', base, 0, 100) ?? d.seatsPerWindow,
    categorySeats,
    checkInMinutesBefore: optionalWhole(raw, 'checkInMinutesBefore', base, 0, 240) ?? d.checkInMinutesBefore,
    graceMinutes: optionalWhole(raw, 'graceMinutes', base, 0, 240) ?? d.graceMinutes,
    noShows,
    bookingsPerClient,
    openBookingsPerPhone: optionalWhole(raw, 'openBookingsPerPhone', base, 1, 100) ?? d.openBookingsPerPhone,
    priorityReason,
    reminderMinute:
      raw.reminderTime === undefined
        ? d.reminderMinute
        : counterSettingTime(raw.reminderTime, `${base}.reminderTime`),
    extendedService,
  };
}
