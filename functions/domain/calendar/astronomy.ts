/**
 * The little astronomy the calendar needs: the Sun's apparent ecliptic longitude, hence the
 * instants of the 24 solar terms (节气). 清明 is the term at longitude 15°; it is a statutory
 * holiday, so a year without a published schedule still needs its date.
 *
 * Method: J. Meeus, *Astronomical Algorithms* (2nd ed.), ch. 25 (solar coordinates, low accuracy:
 * about 0.01°, i.e. about 15 minutes in a term's instant) with nutation and aberration, and the
 * Espenak–Meeus polynomials for ΔT = TT − UT. The unit tests check every 清明 of the supported
 * range against the published schedules and an independent formula, and that no term instant lies
 * close enough to midnight (Beijing time) for that accuracy to change its date.
 */

const J2000 = 2451545.0;
const DAY_MS = 86_400_000;
/** Julian Day of the Unix epoch, 1970-01-01T00:00:00Z. */
const UNIX_EPOCH_JD = 2440587.5;
const RAD = Math.PI / 180;

function normalizeDegrees(value: number): number {
  const reduced = value % 360;
  return reduced < 0 ? reduced + 360 : reduced;
}

/** ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus, NASA eclipse polynomials). */
export function deltaTSeconds(decimalYear: number): number {
  const y = decimalYear;
  if (y < 2005) {
    const t = y - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  return -20 + 32 * u ** 2 - 0.5628 * (2150 - y);
}

/** Julian Ephemeris Day (TT) → Unix milliseconds (UT). */
export function jdeToUnixMs(jde: number): number {
  const decimalYear = 2000 + (jde - J2000) / 365.25;
  const jdUt = jde - deltaTSeconds(decimalYear) / 86_400;
  return Math.round((jdUt - UNIX_EPOCH_JD) * DAY_MS);
}

/** Unix milliseconds (UT) → Julian Ephemeris Day (TT). */
export function unixMsToJde(ms: number): number {
  const jdUt = ms / DAY_MS + UNIX_EPOCH_JD;
  const decimalYear = 2000 + (jdUt - J2000) / 365.25;
  return jdUt + deltaTSeconds(decimalYear) / 86_400;
}

/** The Sun's apparent geocentric ecliptic longitude in degrees [0, 360) at a JDE (Meeus ch. 25). */
export function sunApparentLongitude(jde: number): number {
  const t = (jde - J2000) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const m = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * RAD;
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * m) +
    0.000289 * Math.sin(3 * m);
  const omega = (125.04 - 1934.136 * t) * RAD;
  return normalizeDegrees(l0 + c - 0.00569 - 0.00478 * Math.sin(omega));
}

/**
 * The instant (Unix ms, UT) at which the Sun's apparent longitude reaches `longitude` degrees,
 * searched within the Gregorian year `year`. Terms and their longitudes: 春分 0°, 清明 15°, …,
 * 冬至 270°, 小寒 285°. Each longitude is reached exactly once a year.
 */
export function solarTermInstant(year: number, longitude: number): number {
  // Start from a mean estimate (the Sun moves ~0.9856°/day and is at 0° near 20 March; terms past
  // 270° — 小寒 to 惊蛰 — fall in January–March, before the equinox) and refine with Newton steps on
  // the angular difference; a few steps reach far below a second.
  const target = normalizeDegrees(longitude);
  const offsetDegrees = target > 270 ? target - 360 : target;
  let jde = unixMsToJde(Date.UTC(year, 2, 20, 12)) + offsetDegrees / 0.98564736;
  for (let step = 0; step < 8; step += 1) {
    const diff = ((target - sunApparentLongitude(jde) + 540) % 360) - 180;
    jde += diff / 0.98564736;
    if (Math.abs(diff) < 1e-7) break;
  }
  return jdeToUnixMs(jde);
}
