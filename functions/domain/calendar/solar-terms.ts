/** Dates (Beijing time) of the solar terms the holiday law uses. */

import { solarTermInstant } from './astronomy.ts';
import type { CivilDate } from './civil.ts';
import { civilDateAt } from './instant.ts';

/** 清明: the day (Beijing time) on which the Sun's apparent longitude reaches 15°. */
export function qingming(year: number): CivilDate {
  return civilDateAt(solarTermInstant(year, 15));
}
