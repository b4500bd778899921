/**
 * The case figures of one readable scope and period — the one way every figures consumer (the
 * figures route, the appraisal, the report draft, the scorecard) reads them, so how they are kept
 * can change behind it.
 */
import { centreClocks, centreConfig } from '../../config/centre.ts';
import { tableName } from '../../config/env.ts';
import { figureSettings } from '../../config/figures.ts';
import { type CaseFigures, caseFigures } from '../../domain/figures/figures.ts';
import type { Period } from '../../domain/figures/periods.ts';
import type { ReadableScope } from '../../domain/figures/scopes.ts';
import { casesOfPeriod } from '../../store/figures/figures.ts';

export async function periodFigures(scope: ReadableScope, period: Period, now: Date): Promise<CaseFigures> {
  const { states } = await casesOfPeriod(tableName(), centreConfig.code, period);
  return caseFigures({ states, scope, period, now, clocks: centreClocks(), settings: figureSettings() });
}
