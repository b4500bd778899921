/**
 * Request and response schemas of the bundle routes (一件事). The applicant is the case intake's
 * own shape; the merged material list is addressed by line, `b1`, `b2`… in the order of the
 * bundle's merged list (/data/bundles.json `mergedMaterials`). Rules that need the catalogue or
 * arithmetic are checked by the intake handler, field by field.
 */
import * as z from 'zod/mini';
import { bundleNoPattern } from '../../domain/bundles/bundle-number.ts';
import { bundleStatuses } from '../../domain/bundles/status.ts';
import { caseStatuses } from '../../domain/cases/states.ts';
import { materialStates } from '../../domain/cases/types.ts';
import { warningLevels } from '../../domain/clocks/settings.ts';
import { intakeApplicantSchema } from '../cases/schemas.ts';

const optionalText = (max: number) => z.optional(z.string().check(z.maxLength(max)));
const instant = z.lazy(() => z.string());

export const bundleCodeParamsSchema = z.lazy(() =>
  z.object({
    bundleCode: z.string().check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,62}[A-Z0-9]$/)),
  }),
);

export const bundleNoSchema = z.lazy(() => z.string().check(z.regex(bundleNoPattern)));
export const bundleNoParamsSchema = z.lazy(() => z.object({ bundleNo: bundleNoSchema }));

export const bundleIntakeBodySchema = z.lazy(() =>
  z.object({
    applicant: intakeApplicantSchema,
    /** A state for every required line of the merged list; conditional lines left out are not applicable. */
    materials: z
      .array(
        z.object({
          id: z.string().check(z.regex(/^b\d{1,3}$/)),
          state: z.enum(materialStates),
          note: optionalText(300),
        }),
      )
      .check(z.maxLength(200)),
    /** What the bundle receipt told the applicant. */
    told: optionalText(1000),
  }),
);

export type BundleIntakeBody = z.infer<typeof bundleIntakeBodySchema>;

const partSchema = z.lazy(() =>
  z.object({
    caseNo: z.string(),
    itemCode: z.string(),
    itemName: z.string(),
    department: z.string(),
    window: z.string(),
    step: z.number(),
    stepName: z.string(),
    status: z.enum(caseStatuses),
    statusLabel: z.string(),
    outcome: z.enum(['done', 'failed', 'open']),
    dueAt: z.nullable(instant),
    warningLevel: z.enum(warningLevels),
    handler: z.nullable(z.string()),
  }),
);

export const bundleViewSchema = z.lazy(() =>
  z.object({
    bundleNo: z.string(),
    centre: z.string(),
    bundle: z.object({ code: z.string(), version: z.string(), name: z.string() }),
    applicant: z.object({
      kind: z.enum(['individual', 'organisation']),
      name: z.string(),
      idNumber: z.string(),
      phone: z.string(),
      organisation: z.optional(z.object({ name: z.string(), creditCode: z.string() })),
    }),
    intakeWindow: z.string(),
    takenInBy: z.string(),
    receivedAt: instant,
    told: z.optional(z.string()),
    status: z.enum(bundleStatuses),
    statusLabel: z.string(),
    materials: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        required: z.boolean(),
        condition: z.optional(z.string()),
        state: z.enum(materialStates),
        note: z.optional(z.string()),
        parts: z.array(z.object({ item: z.string(), material: z.number() })),
      }),
    ),
    parts: z.array(partSchema),
  }),
);

export const bundleIntakeResultSchema = z.lazy(() =>
  z.object({
    bundleNo: z.string(),
    /** Shown once, on the bundle receipt; the system keeps only a keyed hash of it. */
    queryCode: z.string(),
    cases: z.array(z.object({ caseNo: z.string(), itemCode: z.string(), department: z.string() })),
    bundle: bundleViewSchema,
  }),
);

export const bundleListQuerySchema = z.lazy(() =>
  z.object({
    /** A general window; a general window's clerk defaults to their own. */
    window: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}-\d{2}$/))),
    limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9]\d|100)$/))),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
  }),
);

export const bundleListSchema = z.lazy(() =>
  z.object({
    window: z.string(),
    items: z.array(
      z.object({
        bundleNo: z.string(),
        bundle: z.object({ code: z.string(), version: z.string(), name: z.string() }),
        applicantName: z.string(),
        receivedAt: instant,
        takenInBy: z.string(),
        parts: z.number(),
      }),
    ),
    nextCursor: z.nullable(z.string()),
  }),
);

/** The rating link of a 一件事 done: rated once, as a whole (`/rate/#c=<bundleNo>&t=<token>`). */
export const bundleRatingLinkSchema = z.lazy(() =>
  z.object({
    bundleNo: z.string(),
    token: z.string(),
    path: z.string(),
    url: z.string(),
  }),
);
