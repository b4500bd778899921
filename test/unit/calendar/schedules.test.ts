/**
 * Table tests for the published schedules: every day of thirteen years — at least three of each
 * period of the holiday law that has three published years (1999, 2007, 2013; the 2024 law has two
 * so far) — against tables written out here by hand from the State Council notices and their
 * amendments (independent of the JSON data files), and the worked examples of domain.md §4. A table
 * also holds the days of the next year's notice that fall in its December.
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

/** 国务院办公厅关于2004年部分节假日安排的通知. */
const notice2004: Special = {
  off: [
    ['2004-01-01', '2004-01-01', '元旦'],
    ['2004-01-22', '2004-01-28', '春节'],
    ['2004-05-01', '2004-05-07', '劳动节'],
    ['2004-10-01', '2004-10-07', '国庆节'],
  ],
  work: [
    ['2004-01-17', '春节'],
    ['2004-01-18', '春节'],
    ['2004-05-08', '劳动节'],
    ['2004-05-09', '劳动节'],
    ['2004-10-09', '国庆节'],
    ['2004-10-10', '国庆节'],
  ],
};

/** 国务院办公厅关于2005年部分节假日安排的通知; 2005-12-31 from the 2006 notice (国办发明电〔2005〕35号). */
const notice2005: Special = {
  off: [
    ['2005-01-01', '2005-01-03', '元旦'],
    ['2005-02-09', '2005-02-15', '春节'],
    ['2005-05-01', '2005-05-07', '劳动节'],
    ['2005-10-01', '2005-10-07', '国庆节'],
  ],
  work: [
    ['2005-02-05', '春节'],
    ['2005-02-06', '春节'],
    ['2005-04-30', '劳动节'],
    ['2005-05-08', '劳动节'],
    ['2005-10-08', '国庆节'],
    ['2005-10-09', '国庆节'],
    ['2005-12-31', '元旦'],
  ],
};

/** 国办发明电〔2006〕49号 (2006-12-14); 2007-12-29..31 from the 2008 notice. */
const notice2007: Special = {
  off: [
    ['2007-01-01', '2007-01-03', '元旦'],
    ['2007-02-18', '2007-02-24', '春节'],
    ['2007-05-01', '2007-05-07', '劳动节'],
    ['2007-10-01', '2007-10-07', '国庆节'],
    ['2007-12-30', '2007-12-31', '元旦'],
  ],
  work: [
    ['2006-12-30', '元旦'],
    ['2006-12-31', '元旦'],
    ['2007-02-17', '春节'],
    ['2007-02-25', '春节'],
    ['2007-04-28', '劳动节'],
    ['2007-04-29', '劳动节'],
    ['2007-09-29', '国庆节'],
    ['2007-09-30', '国庆节'],
    ['2007-12-29', '元旦'],
  ],
};

/** 国务院办公厅关于2008年部分节假日安排的通知 (December 2007, under 国务院令第513号). */
const notice2008: Special = {
  off: [
    ['2007-12-30', '2008-01-01', '元旦'],
    ['2008-02-06', '2008-02-12', '春节'],
    ['2008-04-04', '2008-04-06', '清明节'],
    ['2008-05-01', '2008-05-03', '劳动节'],
    ['2008-06-07', '2008-06-09', '端午节'],
    ['2008-09-13', '2008-09-15', '中秋节'],
    ['2008-09-29', '2008-10-05', '国庆节'],
  ],
  work: [
    ['2007-12-29', '元旦'],
    ['2008-02-02', '春节'],
    ['2008-02-03', '春节'],
    ['2008-05-04', '劳动节'],
    ['2008-09-27', '国庆节'],
    ['2008-09-28', '国庆节'],
  ],
};

/** 国办发明电〔2011〕45号 (2011-12-05). */
const notice2012: Special = {
  off: [
    ['2012-01-01', '2012-01-03', '元旦'],
    ['2012-01-22', '2012-01-28', '春节'],
    ['2012-04-02', '2012-04-04', '清明节'],
    ['2012-04-29', '2012-05-01', '劳动节'],
    ['2012-06-22', '2012-06-24', '端午节'],
    ['2012-09-30', '2012-10-07', '中秋节、国庆节'],
  ],
  work: [
    ['2011-12-31', '元旦'],
    ['2012-01-21', '春节'],
    ['2012-01-29', '春节'],
    ['2012-03-31', '清明节'],
    ['2012-04-01', '清明节'],
    ['2012-04-28', '劳动节'],
    ['2012-09-29', '中秋节、国庆节'],
  ],
};

/** 国办发明电〔2012〕33号 (2012-12-08). */
const notice2013: Special = {
  off: [
    ['2013-01-01', '2013-01-03', '元旦'],
    ['2013-02-09', '2013-02-15', '春节'],
    ['2013-04-04', '2013-04-06', '清明节'],
    ['2013-04-29', '2013-05-01', '劳动节'],
    ['2013-06-10', '2013-06-12', '端午节'],
    ['2013-09-19', '2013-09-21', '中秋节'],
    ['2013-10-01', '2013-10-07', '国庆节'],
  ],
  work: [
    ['2013-01-05', '元旦'],
    ['2013-01-06', '元旦'],
    ['2013-02-16', '春节'],
    ['2013-02-17', '春节'],
    ['2013-04-07', '清明节'],
    ['2013-04-27', '劳动节'],
    ['2013-04-28', '劳动节'],
    ['2013-06-08', '端午节'],
    ['2013-06-09', '端午节'],
    ['2013-09-22', '中秋节'],
    ['2013-09-29', '国庆节'],
    ['2013-10-12', '国庆节'],
  ],
};

/** 国办发明电〔2013〕28号 (2013-12-11): 除夕 (2014-01-30) is a working day. */
const notice2014: Special = {
  off: [
    ['2014-01-01', '2014-01-01', '元旦'],
    ['2014-01-31', '2014-02-06', '春节'],
    ['2014-04-05', '2014-04-07', '清明节'],
    ['2014-05-01', '2014-05-03', '劳动节'],
    ['2014-06-02', '2014-06-02', '端午节'],
    ['2014-09-08', '2014-09-08', '中秋节'],
    ['2014-10-01', '2014-10-07', '国庆节'],
  ],
  work: [
    ['2014-01-26', '春节'],
    ['2014-02-08', '春节'],
    ['2014-05-04', '劳动节'],
    ['2014-09-28', '国庆节'],
    ['2014-10-11', '国庆节'],
  ],
};

/** 国办发明电〔2014〕28号 (2014-12-16) and 国发明电〔2015〕1号 (2015-05-13, victory day). */
const notice2015: Special = {
  off: [
    ['2015-01-01', '2015-01-03', '元旦'],
    ['2015-02-18', '2015-02-24', '春节'],
    ['2015-04-05', '2015-04-06', '清明节'],
    ['2015-05-01', '2015-05-01', '劳动节'],
    ['2015-06-20', '2015-06-22', '端午节'],
    ['2015-09-03', '2015-09-05', '抗战胜利70周年纪念日'],
    ['2015-09-27', '2015-09-27', '中秋节'],
    ['2015-10-01', '2015-10-07', '国庆节'],
  ],
  work: [
    ['2015-01-04', '元旦'],
    ['2015-02-15', '春节'],
    ['2015-02-28', '春节'],
    ['2015-09-06', '抗战胜利70周年纪念日'],
    ['2015-10-10', '国庆节'],
  ],
};

/** 国办发明电〔2018〕15号 (2018-12-04) and 国办发明电〔2019〕3号 (2019-03-22, 劳动节 to 4 days). */
const notice2019: Special = {
  off: [
    ['2018-12-30', '2019-01-01', '元旦'],
    ['2019-02-04', '2019-02-10', '春节'],
    ['2019-04-05', '2019-04-05', '清明节'],
    ['2019-05-01', '2019-05-04', '劳动节'],
    ['2019-06-07', '2019-06-07', '端午节'],
    ['2019-09-13', '2019-09-13', '中秋节'],
    ['2019-10-01', '2019-10-07', '国庆节'],
  ],
  work: [
    ['2018-12-29', '元旦'],
    ['2019-02-02', '春节'],
    ['2019-02-03', '春节'],
    ['2019-04-28', '劳动节'],
    ['2019-05-05', '劳动节'],
    ['2019-09-29', '国庆节'],
    ['2019-10-12', '国庆节'],
  ],
};

/** 国办发明电〔2019〕16号 (2019-11-21) and 国办发明电〔2020〕1号 (2020-01-26, 春节 to 2 February). */
const notice2020: Special = {
  off: [
    ['2020-01-01', '2020-01-01', '元旦'],
    ['2020-01-24', '2020-02-02', '春节'],
    ['2020-04-04', '2020-04-06', '清明节'],
    ['2020-05-01', '2020-05-05', '劳动节'],
    ['2020-06-25', '2020-06-27', '端午节'],
    ['2020-10-01', '2020-10-08', '国庆节、中秋节'],
  ],
  work: [
    ['2020-01-19', '春节'],
    ['2020-04-26', '劳动节'],
    ['2020-05-09', '劳动节'],
    ['2020-06-28', '端午节'],
    ['2020-09-27', '国庆节、中秋节'],
    ['2020-10-10', '国庆节、中秋节'],
  ],
};

/** 国办发明电〔2023〕7号 (2023-10-25). */
const notice2024: Special = {
  off: [
    ['2024-01-01', '2024-01-01', '元旦'],
    ['2024-02-10', '2024-02-17', '春节'],
    ['2024-04-04', '2024-04-06', '清明节'],
    ['2024-05-01', '2024-05-05', '劳动节'],
    ['2024-06-10', '2024-06-10', '端午节'],
    ['2024-09-15', '2024-09-17', '中秋节'],
    ['2024-10-01', '2024-10-07', '国庆节'],
  ],
  work: [
    ['2024-02-04', '春节'],
    ['2024-02-18', '春节'],
    ['2024-04-07', '清明节'],
    ['2024-04-28', '劳动节'],
    ['2024-05-11', '劳动节'],
    ['2024-09-14', '中秋节'],
    ['2024-09-29', '国庆节'],
    ['2024-10-12', '国庆节'],
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
  [2024, notice2024, 28, 251],
  [2020, notice2020, 30, 249],
  [2019, notice2019, 24, 250],
  [2015, notice2015, 27, 249],
  [2014, notice2014, 23, 250],
  [2013, notice2013, 29, 250],
  [2012, notice2012, 27, 249],
  [2008, notice2008, 29, 251],
  [2007, notice2007, 26, 249],
  [2005, notice2005, 24, 251],
  [2004, notice2004, 22, 252],
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

describe('days the notices name, across the periods of the law', () => {
  it.each([
    ['2004-01-17', true, '调休上班 (春节)'],
    ['2005-12-31', true, '调休上班 (元旦)'], // 2006 notice, reaching back into December
    ['2007-10-07', false, '放假 (国庆节)'],
    ['2008-04-04', false, '放假 (清明节)'], // first 清明 holiday (国务院令第513号)
    ['2010-02-13', false, '放假 (春节)'], // 除夕, statutory 2008–2013
    ['2013-09-22', true, '调休上班 (中秋节)'],
    ['2014-01-30', true, '工作日'], // 除夕, no longer statutory (国务院令第644号)
    ['2015-09-03', false, '放假 (抗战胜利70周年纪念日)'],
    ['2015-09-06', true, '调休上班 (抗战胜利70周年纪念日)'],
    ['2019-05-02', false, '放假 (劳动节)'], // the March 2019 amendment
    ['2020-01-31', false, '放假 (春节)'], // the January 2020 extension
    ['2024-02-04', true, '调休上班 (春节)'],
    ['2024-02-09', true, '工作日'], // 除夕: the notice only encourages a day of leave
  ])('%s: working day %s, %s', (date, workday, reason) => {
    expect(dayInfo(calendar, date)).toMatchObject({ workday, reason, provisional: false });
  });

  it('cite the notice a day comes from, with its date where the record gives one', () => {
    expect(dayInfo(calendar, '2005-12-31').source).toBe(
      '国务院办公厅关于2006年部分节假日安排的通知（国务院办公厅，2005-12-16）',
    );
    expect(dayInfo(calendar, '2004-01-22').source).toBe(
      '国务院办公厅关于2004年部分节假日安排的通知（国务院办公厅）',
    );
    expect(dayInfo(calendar, '2015-09-04').source).toBe(
      '国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知（国务院，2015-05-13）',
    );
  });
});
