/**
 * Keeping the figures up to date from the request that changed a source: right after a case,
 * complaint or rating is written, its change is added to the kept sums (store/figures/projector.ts),
 * so the figures read next include it. Best effort: a failure here never fails the command — the
 * source keeps its pending mark and the figures job counts it on its next run (every 5 minutes).
 */
import { centreClocks, centreConfig } from '../../config/centre.ts';
import { tableName } from '../../config/env.ts';
import { figureSettings } from '../../config/figures.ts';
import { dynamoDocumentClient } from '../../store/client.ts';
import { projectSource } from '../../store/figures/projector.ts';
import { logger } from '../observability.ts';

/** The key of the source item written: `caseKey(no)`, `complaintKey(no)`, `ratingKey(no)`. */
export async function keepFigures(key: { pk: string; sk: string }): Promise<void> {
  try {
    await projectSource(
      {
        client: dynamoDocumentClient(),
        tableName: tableName(),
        centre: centreConfig.code,
        ctx: centreClocks(),
        settings: figureSettings(),
      },
      key,
    );
  } catch (error) {
    logger.warn('Figures not kept for this change yet; the figures job counts it', {
      source: key.pk,
      error: error as Error,
    });
  }
}
