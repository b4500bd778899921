/**
 * The counts every figure is made of: plain numbers that add up over windows, clerks, days and
 * months. A rate is two of them (numerator and denominator); a mean is a sum and a count. The
 * brute-force count (figures.ts) and the kept counts (contributions.ts, store/figures) both end
 * here, and `figuresFromCounts` turns either into the figures of the API.
 */

/** The counts of cases (办件), as the page lists them. */
export const caseCountKeys = [
  'received',
  'accepted',
  'notAccepted',
  'correctionNotices',
  'instantSettlements',
  'decided',
  'approved',
  'refused',
  'delivered',
  'withdrawn',
] as const;

export const figureCountKeys = [
  // cases (办件)
  ...caseCountKeys,
  /** Decided within the promised limit (按时办结率's numerator). */
  'onTime',
  /** Decided before the promised due day (提前办结率's numerator). */
  'early',
  /** Accepted and decided on the day of the visit (现场办结率's numerator). */
  'onTheSpot',
  /** Decided by an instant settlement (即办件比例's numerator). */
  'instantDecided',
  /** Decisions with a decision clock, and their working days: used, promised, statutory. */
  'timedDecisions',
  'workdaysUsed',
  'workdaysPromised',
  'workdaysStatutory',
  // supervision cards (督办单)
  'yellowCards',
  'redCards',
  // complaints (投诉)
  'complaintsReceived',
  'complaintsValid',
  // ratings (好差评), as the ratings area counts them (domain/ratings/figures.ts)
  'ratings',
  /** Ratings counted in the satisfaction rate (upheld appeals left out). */
  'ratingsCounted',
  'ratingsSatisfied',
  'badRatings',
  'badRatingsRectifiedInTime',
] as const;

export type FigureCountKey = (typeof figureCountKeys)[number];
export type FigureCounts = Record<FigureCountKey, number>;
export type PartialCounts = Partial<FigureCounts>;

export function zeroCounts(): FigureCounts {
  return Object.fromEntries(figureCountKeys.map((key) => [key, 0])) as FigureCounts;
}

/** Adds `part` (times `sign`) into `into`, in place; returns `into`. */
export function addCounts<T extends PartialCounts>(into: T, part: PartialCounts, sign = 1): T {
  const target = into as PartialCounts;
  for (const key of figureCountKeys) {
    const value = part[key];
    if (value !== undefined && value !== 0) target[key] = (target[key] ?? 0) + sign * value;
  }
  return into;
}

/** The counts without their zeros (what is stored and compared). */
export function nonZero(counts: PartialCounts): PartialCounts {
  const result: PartialCounts = {};
  for (const key of figureCountKeys) {
    const value = counts[key];
    if (value !== undefined && value !== 0) result[key] = value;
  }
  return result;
}

export function sameCounts(a: PartialCounts, b: PartialCounts): boolean {
  return figureCountKeys.every((key) => (a[key] ?? 0) === (b[key] ?? 0));
}
