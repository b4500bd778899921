import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addWorkdays,
  calendarChanges,
  createCalendar,
  dayInfo,
  defaultCalendar,
  isWorkday,
  workdaysBetween,
} from '../../../functions/domain/calendar/calendar.ts';
import { dayNumber, fromDayNumber } from '../../../functions/domain/calendar/civil.ts';
import { CalendarError } from '../../../functions/domain/calendar/errors.ts';
import { publishedScheduleFiles } from '../../../functions/domain/calendar/schedules/index.ts';
import { parseCalendarSettings } from '../../../functions/domain/calendar/settings.ts';
import { holidayLaw, statutoryHolidays } from '../../../functions/domain/calendar/statutory.ts';
import fixture2027 from './fixtures/2027-hypothetical.json' with { type: 'json' };
import { publishedFile, publishedFilesBeforeAmendments, publishedFilesExcept } from './support/published.ts';

const calendar = defaultCalendar();

describe('the bundled schedules', () => {
  it('list every JSON file of the schedules folder', () => {
    const folder = new URL('../../../functions/domain/calendar/schedules/', import.meta.url);
    const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
    const years = publishedScheduleFiles.map((file) => `${(file as { year: number }).year}.json`);
    expect(years.sort()).toEqual(files.sort());
    // Every year from the first notice kept here to the latest one, without a gap.
    expect(files.sort()).toEqual(Array.from({ length: 2026 - 2004 + 1 }, (_, i) => `${2004 + i}.json`));
  });

  // Statutory days per period of the law: 1999 (令第270号) 10, 2007 (令第513号) and 2013 (令第644号)
  // 11, 2024 (令第795号) 13.
  const statutoryDays = (year: number) => (year <= 2007 ? 10 : year <= 2024 ? 11 : 13);
  const publishedYears = Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i);

  it.each(publishedYears)('give every statutory holiday of %i (the law of its time) as a day off', (year) => {
    const computed = statutoryHolidays(year);
    expect(computed).toHaveLength(statutoryDays(year));
    for (const { date, name } of computed) {
      expect(dayInfo(calendar, date), `${name} ${date}`).toMatchObject({
        workday: false,
        kind: 'holiday',
        provisional: false,
      });
    }
  });

  it('are each validated when its year is first used, and answer as if all were validated up front', () => {
    const upFront = createCalendar({ schedules: publishedScheduleFiles });
    const onFirstUse = createCalendar();
    const days = Array.from({ length: dayNumber('2027-12-31') - dayNumber('2003-01-01') + 1 }, (_, i) =>
      fromDayNumber(dayNumber('2003-01-01') + i),
    );
    // December days first: the notice of the year after is read before the year's own, which must
    // change no answer.
    const order = [...days].sort((a, b) => Number(b.slice(5, 7) === '12') - Number(a.slice(5, 7) === '12'));
    expect(order.map((date) => dayInfo(onFirstUse, date))).toEqual(
      order.map((date) => dayInfo(upFront, date)),
    );
    expect([...onFirstUse.schedules]).toEqual([...upFront.schedules]);
    expect(onFirstUse.schedules.size).toBe(publishedScheduleFiles.length);
  });

  it('name the period of the law each year falls in', () => {
    expect(
      holidayLaw.map((period) => [period.from, period.to, period.basis.match(/令第\d+号/)?.[0]]),
    ).toEqual([
      [2000, 2007, '令第270号'],
      [2008, 2013, '令第513号'],
      [2014, 2024, '令第644号'],
      [2025, 2099, '令第795号'],
    ]);
  });
});

describe("validation by the law of the schedule's own year", () => {
  const load =
    (...files: unknown[]) =>
    () =>
      createCalendar({ schedules: files });
  type Raw = { holidays: { name: string; off: { from: string; to: string }; work?: string[] }[] };
  const edit = (year: number, change: (holidays: Raw['holidays']) => Raw['holidays']) => {
    const file = publishedFile(year) as unknown as Raw;
    return { ...file, holidays: change(structuredClone(file.holidays)) };
  };

  it('除夕 must be off 2008–2013, but not 2014–2024 (2014-01-30 was a working day)', () => {
    const eveAtWork2010 = edit(2010, (holidays) =>
      holidays.map((h) =>
        h.name === '春节' ? { ...h, off: { from: '2010-02-14', to: '2010-02-19' }, work: ['2010-02-13'] } : h,
      ),
    );
    expect(load(eveAtWork2010)).toThrow(/statutory holiday 春节 on 2010-02-13 is not a day off/);
    expect(dayInfo(calendar, '2014-01-30')).toMatchObject({ weekday: 4, workday: true, kind: 'workday' });
    expect(dayInfo(calendar, '2024-02-09')).toMatchObject({ weekday: 5, workday: true, kind: 'workday' });
  });

  it('劳动节 is 3 days before 2008, 1 day 2008–2024', () => {
    const oneDay2007 = edit(2007, (holidays) =>
      holidays.map((h) =>
        h.name === '劳动节' ? { name: '劳动节', off: { from: '2007-05-01', to: '2007-05-01' } } : h,
      ),
    );
    expect(load(oneDay2007)).toThrow(/statutory holiday 劳动节 on 2007-05-02 is not a day off/);
    expect(statutoryHolidays(2019).filter((h) => h.name === '劳动节')).toHaveLength(1);
  });

  it('清明 is statutory from 2008 on, not before (2007-04-05 was a working day)', () => {
    const withoutQingming = (year: number) =>
      edit(year, (holidays) => holidays.filter((h) => h.name !== '清明节'));
    expect(load(withoutQingming(2009))).toThrow(/statutory holiday 清明节 on 2009-04-04 is not a day off/);
    expect(statutoryHolidays(2007).map((h) => h.name)).not.toContain('清明节');
    expect(dayInfo(calendar, '2007-04-05')).toMatchObject({ workday: true, kind: 'workday' });
  });

  it('a make-up working day, in the notice or an amendment, is a weekend day in every period', () => {
    const weekdayAtWork = edit(2006, (holidays) =>
      holidays.map((h) => (h.name === '春节' ? { ...h, work: ['2006-01-27'] } : h)),
    );
    expect(load(weekdayAtWork)).toThrow(/2006-01-27 is not a Saturday or Sunday/);
    const amendment = {
      notice: { title: 't', issuer: 'i' },
      changes: [{ date: '2015-09-07', set: 'work', holiday: 'x' }],
    };
    expect(load({ ...publishedFile(2015), amendments: [amendment] })).toThrow(
      /amendments\[0\]\.changes\[0\]: 2015-09-07 is not a Saturday or Sunday/,
    );
  });
});

describe('years without a published schedule (provisional)', () => {
  it('keep the statutory holidays off — 2027-01-01 is not a working day', () => {
    expect(dayInfo(calendar, '2027-01-01')).toMatchObject({
      workday: false,
      kind: 'holiday',
      reason: '法定节假日 (元旦)',
      provisional: true,
    });
  });

  it.each([
    ['2027-02-05', '春节'], // 除夕
    ['2027-02-08', '春节'], // 初三
    ['2027-04-05', '清明节'],
    ['2027-06-09', '端午节'],
    ['2027-09-15', '中秋节'],
    ['2027-10-01', '国庆节'],
    ['2028-01-25', '春节'],
    ['2028-10-03', '中秋节、国庆节'],
  ])('%s is %s', (date, name) => {
    expect(dayInfo(calendar, date)).toMatchObject({ workday: false, holiday: name, provisional: true });
  });

  it('mark every day, even an ordinary Tuesday, provisional', () => {
    expect(dayInfo(calendar, '2027-03-09')).toMatchObject({
      workday: true,
      kind: 'workday',
      provisional: true,
    });
  });

  it('before 2004 (no notice kept here): computed statutory holidays of the 1999 law, provisional', () => {
    expect(dayInfo(calendar, '2003-10-01')).toMatchObject({
      workday: false,
      kind: 'holiday',
      reason: '法定节假日 (国庆节)',
      source: expect.stringContaining('国务院令第270号'),
      provisional: true,
    });
    expect(dayInfo(calendar, '2000-02-07')).toMatchObject({
      workday: false,
      holiday: '春节',
      provisional: true,
    });
    expect(dayInfo(calendar, '2003-12-31')).toMatchObject({ workday: true, provisional: true });
    expect(dayInfo(calendar, '2004-01-02')).toMatchObject({ workday: true, provisional: false });
    expect(addWorkdays(calendar, '2003-12-29', 5)).toMatchObject({ due: '2004-01-06', provisional: true });
    expect(addWorkdays(calendar, '2004-01-02', 5)).toMatchObject({ due: '2004-01-09', provisional: false });
  });

  it('apply the holiday law of the time (春节 without 除夕 2014–2024, with it 2008–2013, 3-day 劳动节 before 2008)', () => {
    const days = (year: number, name: string) =>
      statutoryHolidays(year)
        .filter((h) => h.name === name)
        .map((h) => h.date);
    expect(days(2019, '春节')).toEqual(['2019-02-05', '2019-02-06', '2019-02-07']);
    expect(days(2010, '春节')).toEqual(['2010-02-13', '2010-02-14', '2010-02-15']);
    expect(days(2005, '劳动节')).toEqual(['2005-05-01', '2005-05-02', '2005-05-03']);
    expect(days(2005, '清明节')).toEqual([]);
    expect(days(2030, '劳动节')).toEqual(['2030-05-01', '2030-05-02']);
  });

  it('make a deadline provisional as soon as it counts such a day, the year-end week included', () => {
    expect(addWorkdays(calendar, '2026-12-21', 3)).toMatchObject({ due: '2026-12-24', provisional: false });
    expect(addWorkdays(calendar, '2026-12-21', 4)).toMatchObject({ due: '2026-12-25', provisional: true });
    expect(addWorkdays(calendar, '2026-12-30', 2)).toMatchObject({ due: '2027-01-04', provisional: true });
    expect(workdaysBetween(calendar, '2026-12-01', '2026-12-24').provisional).toBe(false);
    expect(workdaysBetween(calendar, '2026-12-01', '2027-01-05')).toMatchObject({
      workdays: 24,
      provisional: true,
    });
  });
});

describe('loading a year and amending one, without code changes', () => {
  it('applies an amendment in the schedule file (2020: the Spring Festival extended to 2 February)', () => {
    const before = createCalendar({ schedules: publishedFilesBeforeAmendments(2020) });
    const after = createCalendar({ schedules: publishedScheduleFiles });
    expect(dayInfo(before, '2020-02-01')).toMatchObject({
      workday: true,
      kind: 'makeup',
      reason: '调休上班 (春节)',
    });
    expect(dayInfo(after, '2020-01-31')).toMatchObject({
      workday: false,
      reason: '放假 (春节)',
      source: expect.stringContaining('延长2020年春节假期'),
      provisional: false,
    });
    expect(dayInfo(after, '2020-02-01')).toMatchObject({ workday: false, kind: 'holiday' });
    expect(dayInfo(after, '2020-02-03')).toMatchObject({ workday: true });
    expect(addWorkdays(before, '2020-01-23', 1).due).toBe('2020-01-31');
    expect(addWorkdays(after, '2020-01-23', 1).due).toBe('2020-02-03');
    expect(calendarChanges(before, after, { from: 2020, to: 2020 }).map((c) => c.date)).toEqual([
      '2020-01-31',
      '2020-02-01',
    ]);
  });

  it.each([
    [2019, ['2019-04-28', '2019-05-02', '2019-05-03', '2019-05-05']], // 劳动节 made 4 days (国办发明电〔2019〕3号)
    [2015, ['2015-09-03', '2015-09-04', '2015-09-06']], // victory day (国发明电〔2015〕1号)
  ])('carries the amendment of %i in the bundled file', (year, changed) => {
    const before = createCalendar({ schedules: publishedFilesBeforeAmendments(year) });
    expect(calendarChanges(before, calendar, { from: year, to: year }).map((c) => c.date)).toEqual(changed);
  });

  it('turns a provisional year into a known one when its schedule is loaded', () => {
    const loaded = createCalendar({ schedules: [...publishedScheduleFiles, fixture2027] });
    expect(addWorkdays(calendar, '2027-01-20', 20)).toMatchObject({ due: '2027-02-19', provisional: true });
    expect(addWorkdays(loaded, '2027-01-20', 20)).toMatchObject({ due: '2027-02-24', provisional: false });
    expect(dayInfo(loaded, '2026-12-28').provisional).toBe(false);
    const flips = calendarChanges(calendar, loaded, { from: 2026, to: 2027 }).filter(
      (change) => change.before.workday !== change.after.workday,
    );
    expect(flips.map((c) => [c.date, c.after.workday])).toEqual([
      ['2027-02-09', false],
      ['2027-02-10', false],
      ['2027-02-11', false],
      ['2027-02-12', false],
      ['2027-02-13', true],
      ['2027-05-03', false],
      ['2027-10-04', false],
      ['2027-10-05', false],
      ['2027-10-06', false],
      ['2027-10-07', false],
      ['2027-10-09', true],
    ]);
  });

  it('refuses a schedule that leaves a statutory holiday a working day', () => {
    const holidays = fixture2027.holidays.filter((holiday) => holiday.name !== '中秋节');
    expect(() => createCalendar({ schedules: [{ ...fixture2027, holidays }] })).toThrow(
      /statutory holiday 中秋节 on 2027-09-15 is not a day off/,
    );
  });

  it('refuses a malformed schedule with a message naming the field', () => {
    const load = (file: unknown) => () => createCalendar({ schedules: [file] });
    const base = { ...fixture2027, notice: { title: 't', issuer: 'i', date: '2026-11-01' } };
    const holidays = (extra: unknown) => [...fixture2027.holidays, extra];
    expect(
      load({
        ...base,
        holidays: holidays({
          name: '春节',
          off: { from: '2027-02-14', to: '2027-02-14' },
          work: ['2027-02-15'],
        }),
      }),
    ).toThrow(/2027-02-15 is not a Saturday or Sunday/);
    expect(
      load({ ...base, holidays: holidays({ name: 'x', off: { from: '2028-01-01', to: '2028-01-01' } }) }),
    ).toThrow(/outside 2027/);
    expect(
      load({ ...base, holidays: holidays({ name: 'x', off: { from: '2027-02-30', to: '2027-03-01' } }) }),
    ).toThrow(/holidays\[7\]\.off\.from: expected a real date/);
    expect(
      load({
        ...base,
        amendments: [{ notice: base.notice, changes: [{ date: '2027-01-04', set: 'closed' }] }],
      }),
    ).toThrow(/changes\[0\]\.set/);
    expect(load({ ...base, year: 2100 })).toThrow(/outside the supported range 2000–2099/);
    expect(() => createCalendar({ schedules: [...publishedScheduleFiles, publishedFile(2025)] })).toThrow(
      /Two holiday schedules for 2025/,
    );
    expect(() => createCalendar({ schedules: publishedFilesExcept(2025) })).not.toThrow();
  });
});

describe('local days and settings', () => {
  const local = createCalendar({
    settings: {
      timeZone: 'Asia/Shanghai',
      closeOfBusiness: '17:00',
      localDays: [
        { date: '2026-04-20', to: '2026-04-21', kind: 'festival', name: '壮族三月三' },
        { date: '2026-04-26', kind: 'workday', name: '三月三调休' },
        { date: '2026-10-10', kind: 'closure', name: '台风停止办公' },
      ],
    },
  });

  it('take days off and add working days, ahead of the national schedule', () => {
    expect(dayInfo(local, '2026-04-20')).toMatchObject({
      workday: false,
      kind: 'localFestival',
      reason: '民族节日放假 (壮族三月三)',
    });
    expect(dayInfo(local, '2026-04-21').workday).toBe(false);
    expect(dayInfo(local, '2026-04-26')).toMatchObject({ workday: true, kind: 'localWorkday' });
    expect(dayInfo(local, '2026-10-10')).toMatchObject({
      workday: false,
      kind: 'localClosure',
      reason: '停止办公 (台风停止办公)',
    });
    expect(addWorkdays(calendar, '2026-04-17', 1).due).toBe('2026-04-20');
    expect(addWorkdays(local, '2026-04-17', 1).due).toBe('2026-04-22');
    expect(addWorkdays(local, '2026-04-24', 1).due).toBe('2026-04-26');
  });

  it('end a period at the configured close of business', () => {
    expect(addWorkdays(local, '2026-09-24', 20).dueAt).toBe('2026-10-30T17:00:00+08:00');
  });

  it('are validated', () => {
    expect(() => parseCalendarSettings({ timeZone: 'Asia/Urumqi' })).toThrow(/only "Asia\/Shanghai"/);
    expect(() => parseCalendarSettings({ closeOfBusiness: '25:00' })).toThrow(/HH:MM/);
    expect(() =>
      parseCalendarSettings({ localDays: [{ date: '2026-04-20', kind: 'holiday', name: 'x' }] }),
    ).toThrow(/localDays\[0\]\.kind/);
    expect(parseCalendarSettings({ name: 'any centre' })).toEqual({
      timeZone: 'Asia/Shanghai',
      closeOfBusiness: '17:30',
      localDays: [],
    });
  });
});

describe('bad input', () => {
  it.each([
    ['2026-02-30', /Invalid date "2026-02-30"/],
    ['2026-13-01', /Invalid date/],
    ['20261001', /expected a real date as YYYY-MM-DD/],
    ['1999-12-31', /Year 1999 is outside the supported range 2000–2099/],
    ['2100-01-01', /Year 2100 is outside the supported range/],
  ])('%s is refused', (date, message) => {
    expect(() => isWorkday(calendar, date)).toThrow(message);
    expect(() => addWorkdays(calendar, date, 1)).toThrow(CalendarError);
  });

  it('refuses negative or fractional working days, and periods running past 2099', () => {
    expect(() => addWorkdays(calendar, '2026-01-05', -1)).toThrow(/whole number ≥ 0/);
    expect(() => addWorkdays(calendar, '2026-01-05', 1.5)).toThrow(/whole number ≥ 0/);
    expect(() => addWorkdays(calendar, '2099-12-20', 30)).toThrow(/run past 2099-12-31/);
  });

  it('counts backwards as a negative number of working days', () => {
    expect(workdaysBetween(calendar, '2026-10-29', '2026-09-24').workdays).toBe(-20);
    expect(workdaysBetween(calendar, '2026-10-01', '2026-10-07').workdays).toBe(0);
  });
});
