/**
 * The figures of one readable scope and period — the one way every figures consumer (the
 * figures route, the appraisal, the report draft, the scorecard) reads them. They are the kept
 * sums (store/figures/kept.ts): one item per window (or clerk) of each day or month read, and the
 * overdue lists — what is read does not grow with the number of cases.
 */
import { centreClocks, centreConfig } from '../../config/centre.ts';
import { tableName } from '../../config/env.ts';
import type { CaseFigures } from '../../domain/figures/figures.ts';
import type { Period } from '../../domain/figures/periods.ts';
import type { ReadableScope } from '../../domain/figures/scopes.ts';
import { dynamoDocumentClient } from '../../store/client.ts';
import { keptFigures } from '../../store/figures/kept.ts';

export async function periodFigures(scope: ReadableScope, period: Period, now: Date): Promise<CaseFigures> {
  const { figures } = await keptFigures(
    dynamoDocumentClient(),
    tableName(),
    centreConfig.code,
    scope,
    period,
    now,
    centreClocks(),
  );
  return figures;
}
