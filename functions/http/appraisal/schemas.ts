/** Request and response schemas of the appraisal routes (效能考核, 服务之星 and 红旗窗口, the public scorecard). */
import * as z from 'zod/mini';
import { parsePeriod } from '../../domain/figures/periods.ts';
import { optionalPlainText, plainText } from '../schemas.ts';

/** A month, `2026-11`: the appraisal, its awards and the scorecard are monthly. */
export const monthKey = z.lazy(() =>
  z.string().check(
    z.refine((value) => parsePeriod(value)?.kind === 'month', {
      message: '考核期应为月份，例如 2026-11（年份 2000–2099）。',
    }),
  ),
);

export const appraisalQuerySchema = z.lazy(() => z.object({ period: monthKey }));

export const scorecardQuerySchema = z.lazy(() => z.object({ period: monthKey }));

const username = z.lazy(() => z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/)));
const windowCode = z.lazy(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}-\d{2}$/)));

export const awardBodySchema = z.lazy(() =>
  z.object({
    period: monthKey,
    /** The award: a window group's code (`tax`) or `redFlag`. */
    award: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9-]{0,31}$/)),
    /** The `key` of the proposal the choice was made on (GET /api/appraisal). */
    proposalKey: z.string().check(z.regex(/^[0-9a-f]{8}$/)),
    /** 服务之星: clerks with the display name to publish; 红旗窗口: windows. At most the award's quota. */
    chosen: z
      .array(z.union([z.object({ username, name: plainText(20) }), z.object({ window: windowCode })]))
      .check(z.maxLength(20)),
    /** Why, when the choice differs from the proposal (required then). */
    reason: optionalPlainText(500),
  }),
);

const instant = z.lazy(() => z.string());
const rate = z.lazy(() =>
  z.object({ numerator: z.number(), denominator: z.number(), value: z.nullable(z.number()) }),
);
const ref = z.lazy(() => z.object({ kind: z.enum(['case', 'complaint', 'rating', 'card']), id: z.string() }));

const line = z.lazy(() =>
  z.object({
    kind: z.string(),
    label: z.string(),
    ref,
    at: instant,
    text: z.string(),
    points: z.number(),
    rulePoints: z.number(),
    capped: z.boolean(),
  }),
);

const total = z.lazy(() => z.object({ lines: z.number(), cap: z.nullable(z.number()), applied: z.number() }));

const subject = z.lazy(() =>
  z.union([
    z.object({ kind: z.literal('window'), code: z.string(), department: z.string() }),
    z.object({
      kind: z.literal('clerk'),
      username: z.string(),
      name: z.nullable(z.string()),
      department: z.string(),
      window: z.string(),
    }),
  ]),
);

const score = z.lazy(() =>
  z.object({
    subject,
    base: z.number(),
    lines: z.array(line),
    deductions: total,
    credits: total,
    score: z.number(),
    notes: z.array(z.string()),
    decided: z.number(),
    takenIn: z.number(),
    rank: z.number(),
    kinds: z.array(z.string()),
  }),
);

const nominee = z.lazy(() =>
  z.union([
    z.object({
      kind: z.literal('clerk'),
      username: z.string(),
      name: z.nullable(z.string()),
      window: z.string(),
      department: z.string(),
    }),
    z.object({ kind: z.literal('window'), window: z.string(), department: z.string() }),
  ]),
);

const candidate = z.lazy(() =>
  z.object({ nominee, score: z.number(), decided: z.number(), takenIn: z.number(), rank: z.number() }),
);

const proposal = z.lazy(() =>
  z.object({
    award: z.string(),
    kind: z.enum(['serviceStar', 'redFlag']),
    label: z.string(),
    quota: z.number(),
    departments: z.array(z.string()),
    proposed: z.array(candidate),
    eligible: z.array(candidate),
    ineligible: z.array(z.object({ nominee, score: z.number(), reasons: z.array(z.string()) })),
    notes: z.array(z.string()),
    key: z.string(),
    /** Whether the caller may confirm it (role, department, month ended, not yet confirmed). */
    mayConfirm: z.boolean(),
  }),
);

export const awardRecordSchema = z.lazy(() =>
  z.object({
    period: z.string(),
    award: z.string(),
    kind: z.enum(['serviceStar', 'redFlag']),
    label: z.string(),
    proposed: z.array(candidate),
    chosen: z.array(nominee),
    overridden: z.boolean(),
    reason: z.nullable(z.string()),
    proposalKey: z.string(),
    confirmedBy: z.object({
      username: z.string(),
      name: z.nullable(z.string()),
      role: z.enum(['chief', 'leader']),
    }),
    confirmedAt: instant,
  }),
);

const kindRule = z.lazy(() => z.object({ points: z.number(), cap: z.nullable(z.number()) }));

export const appraisalSchema = z.lazy(() =>
  z.object({
    period: z.object({ kind: z.string(), key: z.string(), from: z.string(), to: z.string() }),
    asOf: instant,
    /** The month has ended: its awards may be confirmed. */
    closed: z.boolean(),
    /** Every award confirmed: the public scorecard of the month is out. */
    published: z.boolean(),
    /** The rule the scores were counted by (functions/config/appraisal.json). */
    rule: z.object({
      base: z.number(),
      deductions: z.record(z.string(), kindRule),
      credits: z.record(z.string(), kindRule),
      caps: z.object({ deductions: z.nullable(z.number()), credits: z.nullable(z.number()) }),
      labels: z.record(z.string(), z.string()),
    }),
    /** The windows and clerks the caller may see, ranked across the centre. */
    windows: z.array(score),
    clerks: z.array(score),
    /** The month's proposals (not for a clerk). */
    proposals: z.array(proposal),
    /** The awards confirmed so far. */
    awards: z.array(awardRecordSchema),
  }),
);

const scorecardRow = z.lazy(() =>
  z.object({
    department: z.string(),
    name: z.string(),
    received: z.number(),
    decided: z.number(),
    onTime: rate,
    satisfaction: rate,
    badRatingsRectified: rate,
  }),
);

export const scorecardSchema = z.lazy(() =>
  z.object({
    period: z.string(),
    from: z.string(),
    to: z.string(),
    publishedAt: instant,
    departments: z.array(scorecardRow),
    centre: scorecardRow,
    serviceStars: z.array(
      z.object({
        award: z.string(),
        label: z.string(),
        name: z.string(),
        window: z.string(),
        departmentName: z.string(),
      }),
    ),
    redFlags: z.array(z.object({ window: z.string(), departmentName: z.string() })),
  }),
);
