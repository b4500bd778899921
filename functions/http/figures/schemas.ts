/** Request and response schemas of the figure routes (统计). */
import * as z from 'zod/mini';
import { parsePeriod } from '../../domain/figures/periods.ts';
import { parseScope } from '../../domain/figures/scopes.ts';

/** The scope and period of a figures query, also the ledger's (a lazy schema has no shape to spread). */
const figuresQueryFields = () => ({
  /** `centre`, `department:<code>`, `window:<code>` or `clerk:<username>`; default: the caller's own. */
  scope: z.optional(
    z.string().check(
      z.refine((value) => parseScope(value) !== undefined, {
        message: '统计范围应为 centre、department:<部门代码>、window:<窗口代码> 或 clerk:<用户名>。',
      }),
    ),
  ),
  /** `2026-12-03`, `2026-12`, `2026-Q4` or `2026`. */
  period: z.string().check(
    z.refine((value) => parsePeriod(value) !== undefined, {
      message: '统计期应为日（2026-12-03）、月（2026-12）、季度（2026-Q4）或年（2026），年份 2000–2099。',
    }),
  ),
});

export const figuresQuerySchema = z.lazy(() => z.object(figuresQueryFields()));

/** The ledger: the same scope and period, the format, and the page. */
export const ledgerQuerySchema = z.lazy(() =>
  z.object({
    ...figuresQueryFields(),
    /** `csv` (UTF-8 with a byte-order mark). */
    format: z.optional(z.enum(['csv'])),
    /** From the `Link: <…>; rel="next"` header of the page before. */
    cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2048}$/))),
    /** Index items read per page, 1–5000 (default 2000). */
    limit: z.optional(z.string().check(z.regex(/^([1-9]\d{0,2}|[1-4]\d{3}|5000)$/))),
  }),
);

const rate = z.lazy(() =>
  z.object({ numerator: z.number(), denominator: z.number(), value: z.nullable(z.number()) }),
);
const period = z.lazy(() =>
  z.object({ kind: z.string(), key: z.string(), from: z.string(), to: z.string() }),
);
const owner = z.lazy(() =>
  z.object({ department: z.string(), window: z.string(), handler: z.nullable(z.string()) }),
);

const figureFields = () => ({
  scope: z.string(),
  period,
  counts: z.object({
    received: z.number(),
    accepted: z.number(),
    notAccepted: z.number(),
    correctionNotices: z.number(),
    instantSettlements: z.number(),
    decided: z.number(),
    approved: z.number(),
    refused: z.number(),
    delivered: z.number(),
    withdrawn: z.number(),
  }),
  rates: z.object({
    correctionNotice: rate,
    onTime: rate,
    early: rate,
    onTheSpot: rate,
    instantShare: rate,
  }),
  workdays: z.object({
    decisions: z.number(),
    meanUsed: z.nullable(z.number()),
    meanPromised: z.nullable(z.number()),
    meanStatutory: z.nullable(z.number()),
    speedUp: rate,
  }),
});

export const overdueCaseSchema = z.lazy(() =>
  z.object({
    caseNo: z.string(),
    item: z.object({ code: z.string(), name: z.string() }),
    owner,
    status: z.string(),
    statutoryDueAt: z.nullable(z.string()),
    overdueWorkdays: z.number(),
    decidedAt: z.optional(z.string()),
  }),
);

export const figuresSchema = z.lazy(() =>
  z.object({
    scope: z.string(),
    scopeLabel: z.string(),
    /** When the figures were counted; a period still running is counted up to then. */
    asOf: z.string(),
    /** The definition choices the figures were counted with (functions/config/figures.json). */
    settings: z.object({
      intakeBy: z.enum(['received', 'event']),
      completionBy: z.enum(['event', 'received']),
      onTheSpotVisit: z.enum(['lastSubmission', 'receipt']),
      extensionCountsForOnTime: z.boolean(),
    }),
    current: z.object({
      ...figureFields(),
      overdue: z.object({ count: z.number(), cases: z.array(overdueCaseSchema) }),
    }),
    /** 环比 and 同比: the same figures, the overdue cases only counted. */
    previous: z.object({ ...figureFields(), overdue: z.object({ count: z.number() }) }),
    yearBefore: z.object({ ...figureFields(), overdue: z.object({ count: z.number() }) }),
  }),
);
