/**
 * The front counter's settings (centre.json, key `counter`): the business categories (业务类别)
 * with their ticket prefix, items, windows and wait target; the hall's opening hours; the
 * priority reasons (绿色通道) the centre accepts; and, for the sample centre only,
 * `openAroundTheClock` so the demo runs in the evening too. Validated once on start: every error
 * names the key at fault (`counter.categories[2].prefix`).
 */
import { parseTimeOfDay } from '../calendar/instant.ts';
import { CounterError } from './errors.ts';

export interface CounterCategory {
  /** Stable code used by the API (`civil-affairs`). */
  code: string;
  /** Chinese name on the kiosk and the display (`民政业务`). */
  name: string;
  /** One capital letter, the ticket prefix (`A` → A001). */
  prefix: string;
  /** Catalogue item codes this category covers. */
  items: string[];
  /** Window codes (`mz-01`) that serve it. */
  windows: string[];
  /** The published wait target: a ticket waiting longer warns the chief. */
  waitTargetMinutes: number;
  /** Average service time, for the estimate a ticket shows. */
  serviceMinutes: number;
}

export interface OpeningPeriod {
  /** Minutes after midnight, centre time. */
  fromMinute: number;
  toMinute: number;
}

export interface CounterSettings {
  categories: CounterCategory[];
  /** Periods of a working day when tickets are given (e.g. 9:00–12:00, 13:30–17:30). */
  openingHours: OpeningPeriod[];
  /** Accepted priority reasons (绿色通道): code → Chinese label. */
  priorityReasons: Record<string, string>;
  /** The sample centre's demo setting: the hall never closes. Off (false) for a real centre. */
  openAroundTheClock: boolean;
  /**
   * Tickets one client address may take per period. A kiosk and the phones on the hall's network
   * share an address, so the limit stops a scripted flood, not a busy morning.
   */
  ticketsPerClient: { count: number; minutes: number };
}

export interface KnownCodes {
  items: ReadonlySet<string>;
  windows: ReadonlySet<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(key: string, message: string): never {
  throw new CounterError('invalid-settings', `Centre configuration, ${key}: ${message}`, { field: key });
}

function text(value: unknown, key: string, pattern?: RegExp, hint?: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    fail(key, `expected a non-empty string, got ${JSON.stringify(value)}.`);
  if (pattern && !pattern.test(value))
    fail(key, `${hint ?? `expected ${pattern}`}, got ${JSON.stringify(value)}.`);
  return value;
}

function minutes(value: unknown, key: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    fail(key, `expected a whole number of minutes 1–${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function codes(value: unknown, key: string, known: ReadonlySet<string> | undefined, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0) fail(key, `expected a non-empty list of ${what} codes.`);
  return value.map((entry, i) => {
    const code = text(entry, `${key}[${i}]`);
    if (known && !known.has(code)) fail(`${key}[${i}]`, `unknown ${what} "${code}".`);
    return code;
  });
}

function time(value: unknown, key: string): number {
  try {
    return parseTimeOfDay(text(value, key));
  } catch {
    fail(key, `expected HH:MM (00:00–23:59), got ${JSON.stringify(value)}.`);
  }
}

export const defaultOpeningHours: OpeningPeriod[] = [
  { fromMinute: 9 * 60, toMinute: 12 * 60 },
  { fromMinute: 13 * 60 + 30, toMinute: 17 * 60 + 30 },
];

export const defaultPriorityReasons: Record<string, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  pregnant: '孕妇',
  serviceman: '现役军人',
  appointment: '预约办事',
};

function parseCategory(raw: unknown, key: string, known: KnownCodes | undefined): CounterCategory {
  if (!isRecord(raw)) fail(key, 'expected { code, name, prefix, items, windows, waitTargetMinutes }.');
  return {
    code: text(
      raw.code,
      `${key}.code`,
      /^[a-z][a-z0-9-]{0,31}$/,
      'expected lower-case letters, digits and dashes',
    ),
    name: text(raw.name, `${key}.name`),
    prefix: text(raw.prefix, `${key}.prefix`, /^[A-Z]$/, 'expected one capital letter A–Z'),
    items: codes(raw.items, `${key}.items`, known?.items, 'item'),
    windows: codes(raw.windows, `${key}.windows`, known?.windows, 'window'),
    waitTargetMinutes: minutes(raw.waitTargetMinutes, `${key}.waitTargetMinutes`, 24 * 60),
    serviceMinutes:
      raw.serviceMinutes === undefined ? 10 : minutes(raw.serviceMinutes, `${key}.serviceMinutes`, 240),
  };
}

/**
 * Validated counter settings from a centre configuration object (other keys ignored). `known`:
 * the catalogue's item codes and window codes, so a category cannot name an item or window that
 * does not exist.
 */
export function parseCounterSettings(config: unknown, known?: KnownCodes): CounterSettings {
  if (!isRecord(config)) fail('counter', 'the centre configuration is not an object.');
  const raw = config.counter ?? {};
  if (!isRecord(raw))
    fail('counter', 'expected { categories, openingHours, priorityReasons, openAroundTheClock }.');
  const list = raw.categories ?? [];
  if (!Array.isArray(list)) fail('counter.categories', 'expected a list of categories.');
  const categories = list.map((entry, i) => parseCategory(entry, `counter.categories[${i}]`, known));
  for (const field of ['code', 'prefix'] as const) {
    const seen = new Set<string>();
    categories.forEach((category, i) => {
      if (seen.has(category[field]))
        fail(`counter.categories[${i}].${field}`, `"${category[field]}" is used twice.`);
      seen.add(category[field]);
    });
  }

  let openingHours = defaultOpeningHours;
  if (raw.openingHours !== undefined) {
    if (!Array.isArray(raw.openingHours) || raw.openingHours.length === 0) {
      fail('counter.openingHours', 'expected a non-empty list of { from, to }.');
    }
    openingHours = raw.openingHours.map((period, i) => {
      const key = `counter.openingHours[${i}]`;
      if (!isRecord(period)) fail(key, 'expected { from: "HH:MM", to: "HH:MM" }.');
      const fromMinute = time(period.from, `${key}.from`);
      const toMinute = time(period.to, `${key}.to`);
      if (toMinute <= fromMinute) fail(`${key}.to`, 'must be later than from.');
      return { fromMinute, toMinute };
    });
    openingHours.forEach((period, i) => {
      const before = openingHours[i - 1];
      if (before && period.fromMinute < before.toMinute) {
        fail(`counter.openingHours[${i}].from`, 'periods must be in order and not overlap.');
      }
    });
  }

  let priorityReasons = defaultPriorityReasons;
  if (raw.priorityReasons !== undefined) {
    if (!isRecord(raw.priorityReasons)) fail('counter.priorityReasons', 'expected { code: "中文说明" }.');
    priorityReasons = Object.fromEntries(
      Object.entries(raw.priorityReasons).map(([code, label]) => {
        text(
          code,
          `counter.priorityReasons`,
          /^[a-z][a-z0-9-]{0,31}$/,
          'codes are lower-case letters, digits and dashes',
        );
        return [code, text(label, `counter.priorityReasons.${code}`)];
      }),
    );
  }

  const around = raw.openAroundTheClock ?? false;
  if (typeof around !== 'boolean')
    fail('counter.openAroundTheClock', `expected true or false, got ${JSON.stringify(around)}.`);
  let ticketsPerClient = { count: 120, minutes: 10 };
  if (raw.ticketsPerClient !== undefined) {
    const limit = raw.ticketsPerClient;
    if (!isRecord(limit)) fail('counter.ticketsPerClient', 'expected { count, minutes }.');
    const count = limit.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 100_000) {
      fail(
        'counter.ticketsPerClient.count',
        `expected a whole number 1–100000, got ${JSON.stringify(count)}.`,
      );
    }
    ticketsPerClient = {
      count,
      minutes: minutes(limit.minutes, 'counter.ticketsPerClient.minutes', 24 * 60),
    };
  }
  return { categories, openingHours, priorityReasons, openAroundTheClock: around, ticketsPerClient };
}

/** The categories a window serves, in configuration order. */
export function categoriesOfWindow(settings: CounterSettings, window: string): CounterCategory[] {
  return settings.categories.filter((category) => category.windows.includes(window));
}

export function findCategory(settings: CounterSettings, code: string): CounterCategory | undefined {
  return settings.categories.find((category) => category.code === code);
}

/** A window's place among the windows that call the same queues as it. */
export interface CallingPlace {
  /** Its position among them (0…among − 1). */
  index: number;
  /** How many windows call those queues, itself included. */
  among: number;
}

/**
 * Where a window stands among the windows that serve any of its categories (in configuration
 * order): a call that lost the head of the queue to another window moves on to a different next
 * ticket than the other losers by this place (store/counter/tickets.ts). A window serving no
 * category calls only the tickets transferred to it, alone.
 */
export function callingPlace(settings: CounterSettings, window: string): CallingPlace {
  const windows = [...new Set(categoriesOfWindow(settings, window).flatMap((category) => category.windows))];
  const index = windows.indexOf(window);
  return index < 0 ? { index: 0, among: 1 } : { index, among: windows.length };
}

/** The checks above, for the parts of the counter's settings parsed in modules of their own (appointment-settings.ts). */
export {
  fail as failCounterSetting,
  isRecord,
  minutes as counterSettingMinutes,
  text as counterSettingText,
  time as counterSettingTime,
};
