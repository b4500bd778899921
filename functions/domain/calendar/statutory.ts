/**
 * Statutory public holidays (《全国年节及纪念日放假办法》) as data, per period of the law, and the
 * holiday dates they give in any supported year. These are certain even before the State Council
 * publishes a year's schedule; what is not known in advance is which weekend days become make-up
 * working days (调休上班) and which bridging days are given off.
 */
import { addDays, type CivilDate, formatCivil } from './civil.ts';
import { lunarNewYear, lunarToCivil } from './lunar.ts';
import { qingming } from './solar-terms.ts';

export type HolidayRule =
  | { name: string; kind: 'fixed'; month: number; day: number; days: number }
  /** From 正月初一 + `offset` days (−1 = 除夕), `days` days long. */
  | { name: string; kind: 'springFestival'; offset: number; days: number }
  | { name: string; kind: 'lunar'; month: number; day: number }
  | { name: string; kind: 'qingming' };

export interface HolidayLawPeriod {
  /** First and last Gregorian year the period governs. */
  from: number;
  to: number;
  /** The instrument, for the record. */
  basis: string;
  holidays: HolidayRule[];
}

export const holidayLaw: readonly HolidayLawPeriod[] = [
  {
    from: 2000,
    to: 2007,
    basis: '《全国年节及纪念日放假办法》（1999年9月18日国务院令第270号）',
    holidays: [
      { name: '元旦', kind: 'fixed', month: 1, day: 1, days: 1 },
      { name: '春节', kind: 'springFestival', offset: 0, days: 3 },
      { name: '劳动节', kind: 'fixed', month: 5, day: 1, days: 3 },
      { name: '国庆节', kind: 'fixed', month: 10, day: 1, days: 3 },
    ],
  },
  {
    from: 2008,
    to: 2013,
    basis: '《全国年节及纪念日放假办法》（2007年12月14日国务院令第513号修订）',
    holidays: [
      { name: '元旦', kind: 'fixed', month: 1, day: 1, days: 1 },
      { name: '春节', kind: 'springFestival', offset: -1, days: 3 },
      { name: '清明节', kind: 'qingming' },
      { name: '劳动节', kind: 'fixed', month: 5, day: 1, days: 1 },
      { name: '端午节', kind: 'lunar', month: 5, day: 5 },
      { name: '中秋节', kind: 'lunar', month: 8, day: 15 },
      { name: '国庆节', kind: 'fixed', month: 10, day: 1, days: 3 },
    ],
  },
  {
    from: 2014,
    to: 2024,
    basis: '《全国年节及纪念日放假办法》（2013年12月11日国务院令第644号修订）',
    holidays: [
      { name: '元旦', kind: 'fixed', month: 1, day: 1, days: 1 },
      { name: '春节', kind: 'springFestival', offset: 0, days: 3 },
      { name: '清明节', kind: 'qingming' },
      { name: '劳动节', kind: 'fixed', month: 5, day: 1, days: 1 },
      { name: '端午节', kind: 'lunar', month: 5, day: 5 },
      { name: '中秋节', kind: 'lunar', month: 8, day: 15 },
      { name: '国庆节', kind: 'fixed', month: 10, day: 1, days: 3 },
    ],
  },
  {
    from: 2025,
    to: 2099,
    basis: '《全国年节及纪念日放假办法》（2024年11月10日国务院令第795号修订，2025年1月1日起施行）',
    holidays: [
      { name: '元旦', kind: 'fixed', month: 1, day: 1, days: 1 },
      { name: '春节', kind: 'springFestival', offset: -1, days: 4 },
      { name: '清明节', kind: 'qingming' },
      { name: '劳动节', kind: 'fixed', month: 5, day: 1, days: 2 },
      { name: '端午节', kind: 'lunar', month: 5, day: 5 },
      { name: '中秋节', kind: 'lunar', month: 8, day: 15 },
      { name: '国庆节', kind: 'fixed', month: 10, day: 1, days: 3 },
    ],
  },
];

export interface StatutoryHoliday {
  date: CivilDate;
  name: string;
}

function datesOf(rule: HolidayRule, year: number): CivilDate[] {
  const run = (first: CivilDate, days: number) => Array.from({ length: days }, (_, i) => addDays(first, i));
  switch (rule.kind) {
    case 'fixed':
      return run(formatCivil({ year, month: rule.month, day: rule.day }), rule.days);
    case 'springFestival':
      return run(addDays(lunarNewYear(year), rule.offset), rule.days);
    case 'lunar':
      return [lunarToCivil(year, rule.month, rule.day)];
    case 'qingming':
      return [qingming(year)];
  }
}

const cache = new Map<number, StatutoryHoliday[]>();

/** The statutory holiday days of a year, in date order (empty outside the periods above). */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const period = holidayLaw.find((candidate) => year >= candidate.from && year <= candidate.to);
  const result = (period?.holidays ?? [])
    .flatMap((rule) => datesOf(rule, year).map((date) => ({ date, name: rule.name })))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(year, result);
  return result;
}
