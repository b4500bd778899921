/**
 * Table tests for the published schedules: every day of 2026 and 2025 against tables written out
 * here by hand from the State Council notices (independent of the JSON data files), and the worked
 * examples of domain.md §4.
 */
import { describe, expect, it } from 'vitest';
import {
  addWorkdays,
  dayInfo,
  defaultCalendar,
  isWorkday,
  workdaysBetween,
} from '../../../functions/domain/calendar/calendar.ts';
import { addDays } from '../../../functions/domain/calendar/civil.ts';

const calendar = defaultCalendar();

interface Special {
  off: [string, string, string][]; // [from, to, holiday]
  work: [string, string][]; // [date, holiday]
}

/** 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04). */
const notice2026: Special = {
  off: [
    ['2026-01-01', '2026-01-03', '元旦'],
    ['2026-02-15', '2026-02-23', '春节'],
    ['2026-04-04', '2026-04-06', '清明节'],
    ['2026-05-01', '2026-05-05', '劳动节'],
    ['2026-06-19', '2026-06-21', '端午节'],
    ['2026-09-25', '2026-09-27', '中秋节'],
    ['2026-10-01', '2026-10-07', '国庆节'],
  ],
  work: [
    ['2026-01-04', '元旦'],
    ['2026-02-14', '春节'],
    ['2026-02-28', '春节'],
    ['2026-05-09', '劳动节'],
    ['2026-09-20', '国庆节'],
    ['2026-10-10', '国庆节'],
  ],
};

/** 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12). */
const notice2025: Special = {
  off: [
    ['2025-01-01', '2025-01-01', '元旦'],
    ['2025-01-28', '2025-02-04', '春节'],
    ['2025-04-04', '2025-04-06', '清明节'],
    ['2025-05-01', '2025-05-05', '劳动节'],
    ['2025-05-31', '2025-06-02', '端午节'],
    ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
  ],
  work: [
    ['2025-01-26', '春节'],
    ['2025-02-08', '春节'],
    ['2025-04-27', '劳动节'],
    ['2025-09-28', '国庆节、中秋节'],
    ['2025-10-11', '国庆节、中秋节'],
  ],
};

function expectations(year: number, notice: Special): Map<string, { workday: boolean; reason: string }> {
  const map = new Map<string, { workday: boolean; reason: string }>();
  for (const [from, to, holiday] of notice.off) {
    for (let d = from; d <= to; d = addDays(d, 1))
      map.set(d, { workday: false, reason: `放假 (${holiday})` });
  }
  for (const [date, holiday] of notice.work)
    map.set(date, { workday: true, reason: `调休上班 (${holiday})` });
  const names = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    if (map.has(d)) continue;
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    map.set(d, { workday: !weekend, reason: weekend ? `周末 (${names[weekday]})` : '工作日' });
  }
  return map;
}

describe.each([
  [2026, notice2026, 33, 248],
  [2025, notice2025, 28, 248],
])('the %i schedule, day by day', (year, notice, daysOff, workdays) => {
  const expected = expectations(year, notice);

  it(`has ${expected.size} days, each as the notice says`, () => {
    const actual = [...expected.keys()].map((date) => {
      const info = dayInfo(calendar, date);
      return [date, { workday: info.workday, reason: info.reason }] as const;
    });
    expect(new Map(actual)).toEqual(expected);
  });

  it(`has ${daysOff} holiday days off, ${notice.work.length} make-up days and ${workdays} working days`, () => {
    const off = [...expected.keys()].filter((date) => dayInfo(calendar, date).kind === 'holiday');
    const makeup = [...expected.keys()].filter((date) => dayInfo(calendar, date).kind === 'makeup');
    expect(off).toHaveLength(daysOff);
    expect(makeup).toEqual(notice.work.map(([date]) => date));
    // Independent count: Monday–Friday days, minus weekday holidays, plus make-up days.
    expect(workdaysBetween(calendar, `${year - 1}-12-31`, `${year}-12-31`).workdays).toBe(workdays);
  });

  it('is not provisional, except the last week of December while the next year is unpublished', () => {
    for (const date of expected.keys()) {
      expect(dayInfo(calendar, date).provisional, date).toBe(year === 2026 && date >= '2026-12-25');
    }
  });
});

describe('worked examples (domain.md §4)', () => {
  it.each([
    ['2026-09-24', 20, '2026-10-29'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 5, '2026-02-27'],
    ['2026-09-30', 1, '2026-10-08'],
  ])('%s + %i working days → %s', (from, n, due) => {
    const result = addWorkdays(calendar, from, n);
    expect(result).toEqual({ from, workdays: n, due, dueAt: `${due}T17:30:00+08:00`, provisional: false });
    expect(workdaysBetween(calendar, from, due).workdays).toBe(n);
  });

  it('2026-02-14 is a Saturday make-up working day', () => {
    expect(dayInfo(calendar, '2026-02-14')).toMatchObject({
      weekday: 6,
      workday: true,
      kind: 'makeup',
      reason: '调休上班 (春节)',
      holiday: '春节',
    });
  });

  it('the start day is not counted even when it is a working day', () => {
    expect(isWorkday(calendar, '2026-09-24')).toBe(true);
    expect(addWorkdays(calendar, '2026-09-24', 1).due).toBe('2026-09-28');
  });

  it('0 working days end at close of business of the start day (instant items)', () => {
    expect(addWorkdays(calendar, '2026-09-24', 0)).toMatchObject({ due: '2026-09-24', provisional: false });
  });
});
