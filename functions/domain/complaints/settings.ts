/**
 * The complaint time limits (domain.md §7), in working days, as settings with the defaults of local
 * practice: acknowledge the same day; simple — same or next working day; written — 2; complex or
 * multi-department — 5. The centre's `complaints` block overrides them.
 */
import { closeOfBusinessMs, workdayAt } from '../calendar/calendar.ts';
import { dayNumberAt, type Instant, toEpochMs } from '../calendar/instant.ts';
import type { Clock, ClockContext } from '../clocks/clock.ts';
import { genericClock } from '../clocks/kinds.ts';
import { type Complexity, complexityLabels } from './types.ts';

export interface ComplaintSettings {
  acknowledgeWorkdays: number;
  simpleWorkdays: number;
  writtenWorkdays: number;
  complexWorkdays: number;
}

export const defaultComplaintSettings: ComplaintSettings = {
  acknowledgeWorkdays: 0,
  simpleWorkdays: 1,
  writtenWorkdays: 2,
  complexWorkdays: 5,
};

/** The centre's `complaints` block over the defaults; anything not a whole number 0–1000 is ignored. */
export function parseComplaintSettings(value: unknown): ComplaintSettings {
  const settings = { ...defaultComplaintSettings };
  if (value === null || typeof value !== 'object') return settings;
  for (const key of Object.keys(settings) as (keyof ComplaintSettings)[]) {
    const entry = (value as Record<string, unknown>)[key];
    if (typeof entry === 'number' && Number.isSafeInteger(entry) && entry >= 0 && entry <= 1000) {
      settings[key] = entry;
    }
  }
  return settings;
}

export function answerWorkdays(complexity: Complexity, settings: ComplaintSettings): number {
  return {
    simple: settings.simpleWorkdays,
    written: settings.writtenWorkdays,
    complex: settings.complexWorkdays,
  }[complexity];
}

/**
 * The acknowledgement clock (登记确认). With a budget of 0 the clock engine makes a period due at
 * close of business of the day it starts — or at once, when it starts after close of business or on
 * a rest day. "The same working day" means the next working day's close for a complaint that
 * arrives then (a web form at night, a letter opened on a Saturday make-up…): one day more.
 */
export function acknowledgeClock(receivedAt: Instant, ctx: ClockContext, settings: ComplaintSettings): Clock {
  const ms = toEpochMs(receivedAt);
  const day = dayNumberAt(ms);
  const inBusinessDay = workdayAt(ctx.calendar, day) && ms < closeOfBusinessMs(ctx.calendar, day);
  return genericClock({
    start: receivedAt,
    workdays: settings.acknowledgeWorkdays + (inBusinessDay ? 0 : 1),
    label: '投诉登记确认',
    suspendable: false,
  });
}

export function answerClock(
  start: Instant,
  complexity: Complexity,
  settings: ComplaintSettings,
  recheck: boolean,
): Clock {
  return genericClock({
    start,
    workdays: answerWorkdays(complexity, settings),
    label: `${recheck ? '投诉复核答复' : '投诉答复'}（${complexityLabels[complexity]}）`,
    suspendable: false,
  });
}
