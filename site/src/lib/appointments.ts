/**
 * What the booking page (预约办事) offers: each business category of the counter with the catalogue
 * items it covers, by name, and the appointment settings the page explains (check-in window, grace
 * period, no-show rule, the 延时服务 periods) — from functions/config/centre.json, which the
 * functions read too.
 */
import centreJson from '../../../functions/config/centre.json';
import { catalogue } from './catalogue.ts';

export interface BookableCategory {
  code: string;
  name: string;
  items: { code: string; name: string }[];
}

export async function bookableCategories(): Promise<BookableCategory[]> {
  const { items } = await catalogue();
  const names = new Map(items.map((item) => [item.code, item.name]));
  return centreJson.counter.categories.map((category) => ({
    code: category.code,
    name: category.name,
    items: category.items.flatMap((code) => {
      const name = names.get(code);
      return name ? [{ code, name }] : [];
    }),
  }));
}

const settings = centreJson.counter.appointments;
const weekdayNames = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const dayKinds: Record<string, string> = { workday: '工作日', weekend: '周末', holiday: '节假日' };

/** The appointment rules as the page tells them. */
export const appointmentRules = {
  bookingDaysAhead: settings.bookingDaysAhead,
  checkInMinutesBefore: settings.checkInMinutesBefore,
  graceMinutes: settings.graceMinutes,
  noShows: settings.noShows,
  /** `午间延时服务：工作日 12:00–13:30（民政业务、人社业务）`. */
  extendedService: settings.extendedService.map((period) => {
    const kinds = period.on.map((kind) => dayKinds[kind] ?? kind).join('、');
    const days =
      'weekdays' in period && period.weekdays
        ? `${kinds}（${period.weekdays.map((day) => weekdayNames[day]).join('、')}）`
        : kinds;
    const categories =
      'categories' in period && period.categories
        ? `（${period.categories
            .map(
              (code) =>
                centreJson.counter.categories.find((category) => category.code === code)?.name ?? code,
            )
            .join('、')}）`
        : '';
    return `${period.name}：${days} ${period.from}–${period.to}${categories}`;
  }),
};
