/**
 * The periods figures are kept for (domain.md §12): a day `2026-12-03`, a month `2026-12`, a
 * quarter `2026-Q4` and a year `2026`, in Beijing time, with the period before (环比) and the same
 * period a year before (同比).
 */
import { addDays, type CivilDate, civilParts, daysInMonth } from '../calendar/civil.ts';
import { civilDateAt, type Instant, msAt } from '../calendar/instant.ts';

export type PeriodKind = 'day' | 'month' | 'quarter' | 'year';

export interface Period {
  kind: PeriodKind;
  /** As written in the API: `2026-12-03`, `2026-12`, `2026-Q4`, `2026`. */
  key: string;
  /** First and last day, inclusive. */
  from: CivilDate;
  to: CivilDate;
}

export const periodKindLabels: Record<PeriodKind, string> = {
  day: '日',
  month: '月',
  quarter: '季度',
  year: '年',
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const firstYear = 2000;
const lastYear = 2099;

function monthPeriod(year: number, month: number): Period {
  return {
    kind: 'month',
    key: `${year}-${pad(month)}`,
    from: `${year}-${pad(month)}-01`,
    to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`,
  };
}

function quarterPeriod(year: number, quarter: number): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    kind: 'quarter',
    key: `${year}-Q${quarter}`,
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
  };
}

function yearPeriod(year: number): Period {
  return { kind: 'year', key: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
}

function dayPeriod(date: CivilDate): Period {
  return { kind: 'day', key: date, from: date, to: date };
}

const inRange = (year: number) => year >= firstYear && year <= lastYear;

/** The period a key names, or undefined when it names none (also outside 2000–2099). */
export function parsePeriod(key: string): Period | undefined {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (match) {
    const parts = civilParts(key);
    return parts && inRange(parts.year) ? dayPeriod(key) : undefined;
  }
  match = /^(\d{4})-(\d{2})$/.exec(key);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    return inRange(year) && month >= 1 && month <= 12 ? monthPeriod(year, month) : undefined;
  }
  match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (match) {
    const year = Number(match[1]);
    return inRange(year) ? quarterPeriod(year, Number(match[2])) : undefined;
  }
  match = /^(\d{4})$/.exec(key);
  if (match) {
    const year = Number(match[1]);
    return inRange(year) ? yearPeriod(year) : undefined;
  }
  return undefined;
}

function parts(period: Period) {
  const [year, second] = period.key.split('-');
  return { year: Number(year), second: second ?? '' };
}

/** The period just before (环比): yesterday, last month, last quarter, last year. */
export function previousPeriod(period: Period): Period {
  const { year, second } = parts(period);
  switch (period.kind) {
    case 'day':
      return dayPeriod(addDays(period.from, -1));
    case 'month': {
      const month = Number(second);
      return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
    }
    case 'quarter': {
      const quarter = Number(second.slice(1));
      return quarter === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, quarter - 1);
    }
    case 'year':
      return yearPeriod(year - 1);
  }
}

/** The same period a year before (同比); 29 February compares with 28 February. */
export function yearBeforePeriod(period: Period): Period {
  const { year, second } = parts(period);
  switch (period.kind) {
    case 'day': {
      const [, month, day] = period.from.split('-').map(Number) as [number, number, number];
      return dayPeriod(`${year - 1}-${pad(month)}-${pad(Math.min(day, daysInMonth(year - 1, month)))}`);
    }
    case 'month':
      return monthPeriod(year - 1, Number(second));
    case 'quarter':
      return quarterPeriod(year - 1, Number(second.slice(1)));
    case 'year':
      return yearPeriod(year - 1);
  }
}

/** The instant the period begins and the instant just after it ends (Beijing midnight). */
export function periodBounds(period: Period): { startMs: number; endMs: number } {
  return { startMs: msAt(period.from), endMs: msAt(addDays(period.to, 1)) };
}

export function inPeriod(period: Period, date: CivilDate | undefined): boolean {
  return date !== undefined && date >= period.from && date <= period.to;
}

/** The months (`YYYY-MM`) a period covers, in order: where its cases are indexed. */
export function periodMonths(period: Period): string[] {
  return monthsBetween(period.from.slice(0, 7), period.to.slice(0, 7));
}

/** Every month (`YYYY-MM`) from `first` to `last`, both included; empty when `last` is before `first`. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last; ) {
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    key = `${year}-${pad(month)}`;
  }
  return months;
}

/** Every day (`YYYY-MM-DD`) of a period, in order. */
export function periodDays(period: Period): CivilDate[] {
  const days: CivilDate[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The month (`YYYY-MM`, Beijing time) of an instant. */
export function monthOfInstant(at: Instant): string {
  return civilDateAt(at).slice(0, 7);
}
