/**
 * An independent, first-principles construction of the Chinese lunisolar calendar, used only to
 * check the compact table in functions/domain/calendar/lunar.ts.
 *
 * New moons: J. Meeus, *Astronomical Algorithms*, ch. 49 (mean phase + periodic and planetary
 * terms; error of the order of seconds). Principal terms (中气): the Sun's apparent longitude at a
 * multiple of 30° (astronomy.ts). Rules (GB/T 33661-2017 《农历的编算和颁行》): days in Beijing
 * time; a month begins on the day of a new moon; the month holding 冬至 is month 11; when there are
 * 13 months from one month 11 to the next, the first of them without a principal term is the leap
 * month and takes the number of the month before it.
 */

import { jdeToUnixMs, solarTermInstant } from '../../../../functions/domain/calendar/astronomy.ts';
import { dayNumberAt } from '../../../../functions/domain/calendar/instant.ts';

const RAD = Math.PI / 180;

/** JDE of the new moon of lunation k (k = 0 near 2000-01-06; integer k). */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const jde =
    2451550.09766 + 29.530588861 * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const m = (2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3) * RAD;
  const mp =
    (201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4) * RAD;
  const f =
    (160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4) * RAD;
  const om = (124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3) * RAD;
  const s = Math.sin;
  const periodic =
    -0.4072 * s(mp) +
    0.17241 * e * s(m) +
    0.01608 * s(2 * mp) +
    0.01039 * s(2 * f) +
    0.00739 * e * s(mp - m) -
    0.00514 * e * s(mp + m) +
    0.00208 * e * e * s(2 * m) -
    0.00111 * s(mp - 2 * f) -
    0.00057 * s(mp + 2 * f) +
    0.00056 * e * s(2 * mp + m) -
    0.00042 * s(3 * mp) +
    0.00042 * e * s(m + 2 * f) +
    0.00038 * e * s(m - 2 * f) -
    0.00024 * e * s(2 * mp - m) -
    0.00017 * s(om) -
    0.00007 * s(mp + 2 * m) +
    0.00004 * s(2 * mp - 2 * f) +
    0.00004 * s(3 * m) +
    0.00003 * s(mp + m - 2 * f) +
    0.00003 * s(2 * mp + 2 * f) -
    0.00003 * s(mp + m + 2 * f) +
    0.00003 * s(mp - m + 2 * f) -
    0.00002 * s(mp - m - 2 * f) -
    0.00002 * s(3 * mp + m) +
    0.00002 * s(4 * mp);
  const a = [
    [299.77 + 0.107408 * k - 0.009173 * t ** 2, 0.000325],
    [251.88 + 0.016321 * k, 0.000165],
    [251.83 + 26.651886 * k, 0.000164],
    [349.42 + 36.412478 * k, 0.000126],
    [84.66 + 18.206239 * k, 0.00011],
    [141.74 + 53.303771 * k, 0.000062],
    [207.14 + 2.453732 * k, 0.00006],
    [154.84 + 7.30686 * k, 0.000056],
    [34.52 + 27.261239 * k, 0.000047],
    [207.19 + 0.121824 * k, 0.000042],
    [291.34 + 1.844379 * k, 0.00004],
    [161.72 + 24.198154 * k, 0.000037],
    [239.56 + 25.513099 * k, 0.000035],
    [331.55 + 3.592518 * k, 0.000023],
  ] as const;
  const planetary = a.reduce((sum, [angle, coefficient]) => sum + coefficient * s(angle * RAD), 0);
  return jde + periodic + planetary;
}

export interface AstroMonth {
  month: number;
  leap: boolean;
  /** Beijing-time day number of 初一. */
  start: number;
  days: number;
  /** Minutes between the new moon and the nearest Beijing midnight: how safe the date is. */
  marginMinutes: number;
}

interface Lunation {
  start: number;
  marginMinutes: number;
}

function lunationsBetween(fromMs: number, toMs: number): Lunation[] {
  const result: Lunation[] = [];
  let k = Math.floor(((fromMs - Date.UTC(2000, 0, 6)) / 86_400_000 / 29.530588861) as number) - 2;
  for (;;) {
    const ms = jdeToUnixMs(newMoonJde(k));
    k += 1;
    if (ms < fromMs) continue;
    if (ms > toMs) break;
    const localMinutes = ((((ms + 8 * 3_600_000) % 86_400_000) + 86_400_000) % 86_400_000) / 60_000;
    result.push({ start: dayNumberAt(ms), marginMinutes: Math.min(localMinutes, 1440 - localMinutes) });
  }
  return result;
}

function principalTermDays(fromYear: number, toYear: number): { day: number; marginMinutes: number }[] {
  const result: { day: number; marginMinutes: number }[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    for (let longitude = 0; longitude < 360; longitude += 30) {
      const ms = solarTermInstant(year, longitude);
      const localMinutes = ((((ms + 8 * 3_600_000) % 86_400_000) + 86_400_000) % 86_400_000) / 60_000;
      result.push({ day: dayNumberAt(ms), marginMinutes: Math.min(localMinutes, 1440 - localMinutes) });
    }
  }
  return result.sort((a, b) => a.day - b.day);
}

/** Months from the month-11 on or before 冬至 of `year - 1` to the one before month 11 of `year`. */
function sui(year: number, terms: { day: number; marginMinutes: number }[]): AstroMonth[] {
  const ws0 = dayNumberAt(solarTermInstant(year - 1, 270));
  const ws1 = dayNumberAt(solarTermInstant(year, 270));
  const moons = lunationsBetween(Date.UTC(year - 1, 10, 1), Date.UTC(year + 1, 0, 31));
  const first = moons.filter((moon) => moon.start <= ws0).at(-1);
  const last = moons.filter((moon) => moon.start <= ws1).at(-1);
  if (!first || !last) throw new Error(`no month 11 around ${year}`);
  const span = moons.filter((moon) => moon.start >= first.start && moon.start <= last.start);
  const count = span.length - 1; // lunations from month 11 to the next month 11
  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i += 1) {
      const from = span[i]?.start ?? 0;
      const to = span[i + 1]?.start ?? 0;
      if (!terms.some((term) => term.day >= from && term.day < to)) {
        leapIndex = i;
        break;
      }
    }
  }
  const months: AstroMonth[] = [];
  let number = 11;
  for (let i = 0; i < count; i += 1) {
    const moon = span[i];
    const next = span[i + 1];
    if (!moon || !next) break;
    const leap = i === leapIndex;
    if (i > 0 && !leap) number = (number % 12) + 1;
    months.push({
      month: number,
      leap,
      start: moon.start,
      days: next.start - moon.start,
      marginMinutes: moon.marginMinutes,
    });
  }
  return months;
}

/** The months of the lunar year that begins in Gregorian `year` (正月 to the last month). */
export function astronomicalLunarYear(year: number): AstroMonth[] {
  const terms = principalTermDays(year - 2, year + 1);
  const all = [...sui(year, terms), ...sui(year + 1, terms), ...sui(year + 2, terms)];
  const begin = all.findIndex((m) => m.month === 1 && !m.leap && m.start > dayNumberAt(Date.UTC(year, 0, 1)));
  const end = all.findIndex((m, i) => i > begin && m.month === 1 && !m.leap);
  return all.slice(begin, end);
}
