/**
 * Property: the kept figures — what each source adds (contributions.ts), applied version after
 * version as the projector applies them, summed over the cells a scope and period read — equal the
 * brute force counted straight from the sources (caseFigures), for random cases, complaints, ratings
 * and cards, every kind of scope, every kind of period and every setting of the definitions. The
 * overdue list likewise, from the candidates the kept lists hold. (The same against the real store,
 * with duplicate deliveries and crashes: test/integration/figures-kept.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCounts,
  type CaseFigures,
  type Contribution,
  cardContributions,
  caseContributions,
  caseFigures,
  caseInScope,
  cellChanges,
  cellKey,
  cellSelected,
  cellSelection,
  complaintContributions,
  defaultFigureSettings,
  type FigureSettings,
  figuresFromCounts,
  formatScope,
  type KeptCell,
  keptCells,
  type OverdueCase,
  overdueCandidacy,
  overdueInPeriod,
  overdueSubjectOf,
  type Period,
  parsePeriod,
  parseScope,
  periodBounds,
  periodMonths,
  type ReadableScope,
  ratingContributions,
  readableScope,
  sortOverdue,
  zeroCounts,
} from '../../../functions/domain/figures/index.ts';
import { actors, clocks } from './fixtures.ts';
import { finalStates, type Histories, histories, sourcesArbitrary } from './histories.ts';

const now = new Date('2026-12-20T12:00:00+08:00');
const periods = [
  '2026-10',
  '2026-11',
  '2026-12',
  '2026-Q4',
  '2026',
  '2026-11-02',
  '2026-11-30',
  '2026-12-01',
].map((key) => parsePeriod(key) as Period);
const scopes: [string, ReadableScope][] = [
  ...[
    'centre',
    'department:mz',
    'department:rs',
    'department:supervision',
    'window:mz-01',
    'window:mz-02',
    'clerk:clerk',
    'clerk:clerk-mz2',
    // The general window: its intake; the departments count the handling.
    'department:zh',
    'window:zh-01',
    'clerk:clerk-zh',
  ].map(
    (text) =>
      [text, readableScope(actors.supervisor, parseScope(text) as never) as ReadableScope] as [
        string,
        ReadableScope,
      ],
  ),
  // A chief reading one of their clerks: only the department's counts.
  [
    'clerk:clerk as chief of sw',
    readableScope(actors.chiefSw, parseScope('clerk:clerk') as never) as ReadableScope,
  ],
];
const settingsVariants: FigureSettings[] = [
  defaultFigureSettings,
  { ...defaultFigureSettings, intakeBy: 'event' },
  { ...defaultFigureSettings, completionBy: 'received' },
  { ...defaultFigureSettings, onTheSpotVisit: 'receipt', extensionCountsForOnTime: false },
];

/** The kept cells after every version of every source is applied as the projector applies it. */
function keptCellsOf(h: Histories, settings: FigureSettings): Map<string, KeptCell> {
  const cells = new Map<string, KeptCell>();
  const apply = <T>(versions: readonly T[], contributions: (version: T) => Contribution[]) => {
    let previous: KeptCell[] = [];
    for (const version of versions) {
      const target = keptCells(contributions(version));
      for (const change of cellChanges(previous, target)) {
        const key = cellKey(change);
        const cell = cells.get(key) ?? { ...change, counts: {} };
        addCounts(cell.counts, change.counts);
        cells.set(key, cell);
      }
      previous = target;
    }
  };
  for (const versions of h.cases) apply(versions, (state) => caseContributions(state, clocks, settings));
  for (const versions of h.complaints) apply(versions, complaintContributions);
  for (const versions of h.ratings) apply(versions, (state) => ratingContributions(state, clocks));
  for (const versions of h.cards) apply(versions, cardContributions);
  return cells;
}

/** The overdue list as the kept lists give it: candidates by their keys, then the exact check. */
function keptOverdue(h: Histories, readable: ReadableScope, period: Period): OverdueCase[] {
  const bounds = periodBounds(period);
  const asOf = Math.min(bounds.endMs - 1, now.getTime());
  const months = periodMonths(period);
  return sortOverdue(
    finalStates(h).states.flatMap((state) => {
      const subject = overdueSubjectOf(state);
      if (!subject || !caseInScope(subject.owner, readable)) return [];
      const candidacy = overdueCandidacy(subject, clocks);
      const candidate =
        (candidacy.watchFrom !== undefined && Date.parse(candidacy.watchFrom) <= asOf) ||
        (candidacy.months ?? []).some((month) => months.includes(month));
      const found = candidate && overdueInPeriod(subject, bounds, asOf, clocks);
      return found ? [found] : [];
    }),
  );
}

function kept(h: Histories, readable: ReadableScope, period: Period, settings: FigureSettings): CaseFigures {
  const selection = cellSelection(readable, period);
  const counts = zeroCounts();
  for (const cell of keptCellsOf(h, settings).values())
    if (cellSelected(selection, cell)) addCounts(counts, cell.counts);
  return figuresFromCounts(formatScope(readable.scope), period, counts, keptOverdue(h, readable, period));
}

describe('kept figures against the brute force', () => {
  it('are equal for random sources, scopes, periods and settings', () => {
    const seen = {
      decided: 0,
      cards: 0,
      valid: 0,
      ratings: 0,
      inTime: 0,
      overdue: 0,
      moved: 0,
      generalIntake: 0,
      generalHandled: 0,
    };
    fc.assert(
      fc.property(
        sourcesArbitrary,
        fc.constantFrom(...periods),
        fc.constantFrom(...scopes),
        fc.constantFrom(...settingsVariants),
        (spec, period, [, readable], settings) => {
          const h = histories(spec);
          const brute = caseFigures({ ...finalStates(h), scope: readable, period, now, clocks, settings });
          expect(kept(h, readable, period, settings)).toEqual(brute);
          seen.decided += brute.counts.decided;
          seen.cards += brute.cards.red + brute.cards.yellow;
          seen.valid += brute.complaints.valid;
          seen.ratings += brute.ratings.count;
          seen.inTime += brute.ratings.rectifiedInTime.numerator;
          seen.overdue += brute.overdue.count;
          seen.moved += h.cases.filter((versions) => versions.some((v) => v.window === 'mz-02')).length;
          // General-window cases are generated, counted at zh-01 for their intake and decided elsewhere.
          if (formatScope(readable.scope).endsWith('zh-01')) seen.generalIntake += brute.counts.received;
          seen.generalHandled += finalStates(h).states.filter(
            (state) => state.intakeWindow !== undefined && state.decision !== undefined,
          ).length;
        },
      ),
      { numRuns: 400 },
    );
    // The random sources reach every kind of figure, so the comparison is not one of empty figures.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });

  it('add up: the centre is the sum of its departments, a quarter the sum of its months', () => {
    fc.assert(
      fc.property(sourcesArbitrary, (spec) => {
        const h = histories(spec);
        const cells = [...keptCellsOf(h, defaultFigureSettings).values()];
        const sum = (readable: ReadableScope, period: Period) => {
          const selection = cellSelection(readable, period);
          return cells
            .filter((cell) => cellSelected(selection, cell))
            .reduce((total, cell) => addCounts(total, cell.counts), zeroCounts());
        };
        const centre = scopes[0]?.[1] as ReadableScope;
        const quarter = parsePeriod('2026-Q4') as Period;
        const departments = [...new Set(cells.map((cell) => cell.department))].map(
          (code) => readableScope(actors.supervisor, { kind: 'department', code }) as ReadableScope,
        );
        expect(
          departments.reduce((total, readable) => addCounts(total, sum(readable, quarter)), zeroCounts()),
        ).toEqual(sum(centre, quarter));
        const months = ['2026-10', '2026-11', '2026-12'].map((key) => parsePeriod(key) as Period);
        expect(months.reduce((total, month) => addCounts(total, sum(centre, month)), zeroCounts())).toEqual(
          sum(centre, quarter),
        );
      }),
      { numRuns: 100 },
    );
  });
});
