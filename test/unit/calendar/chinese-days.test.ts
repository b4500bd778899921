/**
 * An independent check of the bundled schedules: every day from 2004-01-01 to 2026-12-31, working
 * or not, against the npm package chinese-days (a separately kept data set of the same notices).
 * Where the two disagree, the notices decide; a day on which chinese-days is wrong is listed below
 * with the notice that proves it, so that any other disagreement fails the test.
 */
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { dayInfo, defaultCalendar, isWorkday } from '../../../functions/domain/calendar/calendar.ts';
import { addDays } from '../../../functions/domain/calendar/civil.ts';
import { publishedFile } from './support/published.ts';

const calendar = defaultCalendar();

/** Days on which chinese-days contradicts the notice; ours follows the notice. */
const knownErrorsOfChineseDays = [
  {
    date: '2005-12-31',
    workday: true,
    // 国务院办公厅关于2006年部分节假日安排的通知（国办发明电〔2005〕35号，2005-12-16）一、元旦：
    // “将12月31日（星期六）、1月1日（星期日）两个公休日调至1月2日（星期一）、3日（星期二），
    // 12月31日（星期六）上班。” chinese-days keeps the 2006 arrangement without this day of 2005.
    notice: { title: '国务院办公厅关于2006年部分节假日安排的通知', reference: '国办发明电〔2005〕35号' },
  },
];

describe('the bundled schedules against chinese-days, 2004–2026', () => {
  const disagreements: { date: string; ours: boolean; theirs: boolean }[] = [];
  let days = 0;
  for (let date = '2004-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
    days += 1;
    const ours = isWorkday(calendar, date);
    const theirs = chineseDays.isWorkday(date);
    if (ours !== theirs) disagreements.push({ date, ours, theirs });
  }

  it('compare every day of the 23 years', () => {
    expect(days).toBe(8401);
  });

  it('agree on every day but the documented errors of chinese-days', () => {
    expect(disagreements).toEqual(
      knownErrorsOfChineseDays.map(({ date, workday }) => ({ date, ours: workday, theirs: !workday })),
    );
  });

  it('take each documented day from the notice that proves it', () => {
    for (const { date, workday, notice } of knownErrorsOfChineseDays) {
      const info = dayInfo(calendar, date);
      expect(info).toMatchObject({ workday, provisional: false });
      expect(info.source.startsWith(`${notice.title}（`)).toBe(true);
      const file = publishedFile(Number(notice.title.match(/(\d{4})年/)?.[1]));
      expect(file.notice).toMatchObject(notice);
    }
  });
});
