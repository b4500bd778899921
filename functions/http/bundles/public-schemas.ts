/**
 * The schema of a bundle's public progress (the progress lookup's second shape, no personal data),
 * apart from the staff routes' (schemas.ts): the public progress function bundles this only.
 */
import * as z from 'zod/mini';
import { bundleStatuses } from '../../domain/bundles/status.ts';
import { caseStatuses } from '../../domain/cases/states.ts';

const instant = z.lazy(() => z.string());

/** The public answer for a bundle number (the progress lookup's second shape): no personal data. */
export const bundlePublicProgressSchema = z.lazy(() =>
  z.object({
    kind: z.literal('bundle'),
    bundleNo: z.string(),
    bundle: z.object({ code: z.string(), name: z.string() }),
    status: z.enum(bundleStatuses),
    statusLabel: z.string(),
    receivedAt: instant,
    parts: z.array(
      z.object({
        caseNo: z.string(),
        item: z.object({ code: z.string(), name: z.string() }),
        department: z.string(),
        step: z.number(),
        stepName: z.string(),
        status: z.enum(caseStatuses),
        statusLabel: z.string(),
        outcome: z.enum(['done', 'failed', 'open']),
        dueAt: z.nullable(instant),
      }),
    ),
  }),
);
