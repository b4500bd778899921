/**
 * When the hall gives tickets: on a working day of the centre's calendar (holidays off, make-up
 * working days on, the centre's local days as configured) within the opening hours; always, for the
 * sample centre with `openAroundTheClock`.
 */
import { type Calendar, dayInfo } from '../calendar/calendar.ts';
import type { CivilDate } from '../calendar/civil.ts';
import { CENTRE_OFFSET_MINUTES, civilDateAt } from '../calendar/instant.ts';
import type { CounterSettings, OpeningPeriod } from './settings.ts';

export type HallState =
  | { open: true; date: CivilDate }
  | {
      open: false;
      date: CivilDate;
      reason: 'rest-day' | 'before-hours' | 'between-hours' | 'after-hours';
      message: string;
    };

const clock = (minute: number) => `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;

export function describeHours(hours: readonly OpeningPeriod[]): string {
  return hours.map((period) => `${clock(period.fromMinute)}–${clock(period.toMinute)}`).join('，');
}

/** Minutes after midnight, centre time, of an instant. */
export function minuteOfDay(ms: number): number {
  return Math.floor((ms / 60_000 + CENTRE_OFFSET_MINUTES) % (24 * 60));
}

/** Whether the hall gives tickets at `nowMs`, and if not, why (in Chinese, for the visitor). */
export function hallStateAt(settings: CounterSettings, calendar: Calendar, nowMs: number): HallState {
  const date = civilDateAt(nowMs);
  if (settings.openAroundTheClock) return { open: true, date };
  const hours = describeHours(settings.openingHours);
  const day = dayInfo(calendar, date);
  if (!day.workday) {
    return {
      open: false,
      date,
      reason: 'rest-day',
      message: `今天（${date}，${day.reason}）大厅不办公，暂停取号。工作日 ${hours} 可取号。`,
    };
  }
  const minute = minuteOfDay(nowMs);
  if (settings.openingHours.some((period) => minute >= period.fromMinute && minute < period.toMinute)) {
    return { open: true, date };
  }
  const first = settings.openingHours[0] as OpeningPeriod;
  const last = settings.openingHours[settings.openingHours.length - 1] as OpeningPeriod;
  const reason =
    minute < first.fromMinute ? 'before-hours' : minute >= last.toMinute ? 'after-hours' : 'between-hours';
  const lead = {
    'before-hours': '大厅尚未开始办公',
    'between-hours': '现在是午间休息时间',
    'after-hours': '今天的办公时间已结束',
  }[reason];
  return { open: false, date, reason, message: `${lead}，暂停取号。取号时间：工作日 ${hours}。` };
}
