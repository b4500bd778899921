/** Request and response schemas of the figure routes (统计). */
import * as z from 'zod/mini';
import { caseListFigures } from '../../domain/figures/figures.ts';
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

/** A month, `2026-12`. */
const monthKey = z.lazy(() =>
  z.string().check(
    z.refine((value) => parsePeriod(value)?.kind === 'month', {
      message: '月份应为 2026-12 的形式，年份 2000–2099。',
    }),
  ),
);

/** A scope a report or a comparison is made for: the centre or a department. */
const centreOrDepartment = z.lazy(() =>
  z.optional(
    z.string().check(
      z.refine((value) => ['centre', 'department'].includes(parseScope(value)?.kind ?? ''), {
        message: '范围应为 centre（全中心）或 department:<部门代码>。',
      }),
    ),
  ),
);

/** From the `Link: <…>; rel="next"` header (or `nextCursor`) of the page before. */
const cursor = z.lazy(() => z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2048}$/))));

/** The ledger: the same scope and period, the format, and the page. */
export const ledgerQuerySchema = z.lazy(() =>
  z.object({
    ...figuresQueryFields(),
    /** `csv` (UTF-8 with a byte-order mark, the default) or `xlsx` (an Excel workbook). */
    format: z.optional(z.enum(['csv', 'xlsx'])),
    cursor,
    /**
     * Index items read per request: CSV 1–5000 (default 2000); xlsx 1–20000 (default 10000), the
     * rows of one file.
     */
    limit: z.optional(z.string().check(z.regex(/^[1-9]\d{0,4}$/))),
  }),
);

/** Twelve (or `months`) months of figures ending with `end`, for the trend. */
export const figureSeriesQuerySchema = z.lazy(() =>
  z.object({
    scope: figuresQueryFields().scope,
    end: monthKey,
    /** 1–24, default 12. */
    months: z.optional(z.string().check(z.regex(/^([1-9]|1\d|2[0-4])$/))),
  }),
);

/** The centre's departments, or a department's windows, side by side for a period. */
export const figureComparisonQuerySchema = z.lazy(() =>
  z.object({
    scope: centreOrDepartment,
    period: figuresQueryFields().period,
  }),
);

/** The cases behind one number of the figures. */
export const figureCasesQuerySchema = z.lazy(() =>
  z.object({
    ...figuresQueryFields(),
    figure: z.enum(caseListFigures),
    cursor,
    /** Index items read per page, 1–2000 (default 500). */
    limit: z.optional(z.string().check(z.regex(/^([1-9]\d{0,2}|1\d{3}|2000)$/))),
  }),
);

/** The monthly work report draft (月度工作汇报). */
export const monthlyReportQuerySchema = z.lazy(() =>
  z.object({
    scope: centreOrDepartment,
    period: monthKey,
    /** `html` (a printable A4 page, the default) or `docx` (Word / WPS). */
    format: z.optional(z.enum(['html', 'docx'])),
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

/** The fields of one period's figures, built when a schema that holds them is first used. */
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
  /** Supervision cards issued in the period, by colour. */
  cards: z.object({ yellow: z.number(), red: z.number() }),
  /** Complaints received in the period, and those triaged valid. */
  complaints: z.object({ received: z.number(), valid: z.number() }),
  /** Ratings of the period's visits: count, satisfaction (upheld appeals left out), bad ratings and those rectified in time. */
  ratings: z.object({ count: z.number(), satisfaction: rate, bad: z.number(), rectifiedInTime: rate }),
});

/** One period's figures without the overdue list (its count only): 环比, 同比, the trend, the comparison. */
export const periodFiguresSchema = z.lazy(() =>
  z.object({ ...figureFields(), overdue: z.object({ count: z.number() }) }),
);

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
    previous: periodFiguresSchema,
    yearBefore: periodFiguresSchema,
  }),
);

export const figureSeriesSchema = z.lazy(() =>
  z.object({
    scope: z.string(),
    scopeLabel: z.string(),
    asOf: z.string(),
    /** Oldest first, ending with `end`. */
    months: z.array(periodFiguresSchema),
  }),
);

export const figureComparisonSchema = z.lazy(() =>
  z.object({
    scope: z.string(),
    scopeLabel: z.string(),
    asOf: z.string(),
    period,
    /** For the centre, one row per department; for a department, one per window. */
    rows: z.array(z.object({ scope: z.string(), label: z.string(), figures: periodFiguresSchema })),
  }),
);

export const figureCaseSchema = z.lazy(() =>
  z.object({
    caseNo: z.string(),
    item: z.object({ code: z.string(), name: z.string() }),
    owner,
    status: z.string(),
    receivedOn: z.string(),
    acceptedOn: z.optional(z.string()),
    decidedOn: z.optional(z.string()),
    outcome: z.optional(z.enum(['approved', 'refused'])),
    onTime: z.optional(z.boolean()),
  }),
);

export const figureCasesSchema = z.lazy(() =>
  z.object({
    scope: z.string(),
    scopeLabel: z.string(),
    figure: z.enum(caseListFigures),
    /** The figure's name as the page shows it. */
    label: z.string(),
    period,
    /** This page's cases; a page may hold none and still have a next one. */
    cases: z.array(figureCaseSchema),
    nextCursor: z.nullable(z.string()),
  }),
);

export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const docxMediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
