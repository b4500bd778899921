/** Request and response schemas of the rating routes (好差评 and the rectification of bad ratings). */
import * as z from 'zod/mini';
import type { RectificationStepType } from '../../domain/ratings/steps.ts';
import { rectificationSteps } from '../../domain/ratings/steps.ts';
import { optionalPlainText, plainText } from '../schemas.ts';

const caseNo = z.lazy(() => z.string().check(z.regex(/^[A-Z0-9]{2,12}-\d{8}-\d{4,6}$/)));
const windowCode = z.lazy(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}-\d{2}$/)));
const level = z.lazy(() => z.int().check(z.gte(1), z.lte(5)));
const version = z.lazy(() => z.int().check(z.positive()));
const text = (max: number) => plainText(max);

export const ratingParamsSchema = z.lazy(() => z.object({ caseNo }));

/** The rater's link parameters: any text, so a malformed number answers as an unknown one (404). */
const linkFields = () => ({
  caseNo: z.string().check(z.minLength(1), z.maxLength(40)),
  token: z.string().check(z.minLength(1), z.maxLength(64)),
});

export const ratingLookupBodySchema = z.lazy(() => z.object(linkFields()));

export const ratingSubmitBodySchema = z.lazy(() =>
  z.object({
    ...linkFields(),
    overall: level,
    efficiency: z.optional(level),
    serviceLevel: z.optional(level),
    attitude: z.optional(level),
    comment: optionalPlainText(500),
    /** A bad rating (1 or 2) filed as an anonymous complaint too (差评转投诉). */
    asComplaint: z.optional(z.boolean()),
    /** What the rater adds for the complaint; only with `asComplaint`. */
    complaintFacts: optionalPlainText(1000),
  }),
);

/** Route maximum for the public rating body: a 500-character comment and 1000 characters for a complaint. */
export const ratingMaxBodyBytes = 8192;

export const rectificationBodySchemas: Record<RectificationStepType, z.ZodMiniType> = {
  callBack: z.lazy(() => z.object({ version, reached: z.boolean(), verified: text(2000) })),
  fixAtOnce: z.lazy(() => z.object({ version, done: text(2000) })),
  rectify: z.lazy(() => z.object({ version, plan: text(2000) })),
  completeRectification: z.lazy(() => z.object({ version, done: text(2000) })),
  explain: z.lazy(() => z.object({ version, explanation: text(2000) })),
  appeal: z.lazy(() => z.object({ version, ground: z.enum(['mistaken', 'malicious']), reasons: text(2000) })),
  decideAppeal: z.lazy(() => z.object({ version, upheld: z.boolean(), reasons: text(2000) })),
  tellRater: z.lazy(() => z.object({ version, how: text(200), what: text(2000) })),
  close: z.lazy(() => z.object({ version, note: optionalPlainText(1000) })),
};

/** Operation ids of the step routes: `rectifyRating<Step>`. */
export const rectificationRouteIds = Object.fromEntries(
  rectificationSteps.map((rule) => [
    rule.type,
    `rectifyRating${rule.type.charAt(0).toUpperCase()}${rule.type.slice(1)}`,
  ]),
) as Record<RectificationStepType, string>;

export const rectificationQuerySchema = z.lazy(() => z.object({ window: z.optional(windowCode) }));

export const figuresQuerySchema = z.lazy(() =>
  z.object({
    month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
    window: z.optional(windowCode),
  }),
);

export const ratingLinkSchema = z.lazy(() =>
  z.object({
    caseNo: z.string(),
    token: z.string(),
    /** `/rate/#c=<caseNo>&t=<token>`: the token in the fragment never reaches a server log. */
    path: z.string(),
    /** The same, absolute, from the host the request came to. */
    url: z.string(),
  }),
);

const publicRating = z.lazy(() =>
  z.object({
    overall: z.number(),
    overallLabel: z.string(),
    efficiency: z.optional(z.number()),
    serviceLevel: z.optional(z.number()),
    attitude: z.optional(z.number()),
    comment: z.optional(z.string()),
    at: z.string(),
  }),
);

const publicRatingObject = () =>
  z.object({
    caseNo: z.string(),
    itemName: z.string(),
    window: z.string(),
    deliveredOn: z.string(),
    rated: z.boolean(),
    rating: z.optional(publicRating),
    outcome: z.optional(z.object({ how: z.string(), what: z.string(), at: z.string(), closed: z.boolean() })),
    /** The complaint the bad rating was filed as (follow it with its number and query code). */
    complaint: z.optional(z.object({ complaintNo: z.string() })),
  });

export const publicRatingSchema = z.lazy(publicRatingObject);

/** The submission's answer: the rating, and — filed as a complaint — its number and query code, shown once. */
export const submittedRatingSchema = z.lazy(() =>
  z.extend(publicRatingObject(), {
    complaintReceipt: z.optional(
      z.object({ complaintNo: z.string(), queryCode: z.string(), acknowledgedBy: z.nullable(z.string()) }),
    ),
  }),
);

export const staffRatingSchema = z.lazy(() =>
  z.looseObject({
    caseNo: z.string(),
    version: z.number(),
    item: z.object({ code: z.string(), name: z.string() }),
    department: z.string(),
    window: z.string(),
    handler: z.string(),
    deliveredAt: z.string(),
    rated: z.boolean(),
    bad: z.boolean(),
    statusLabel: z.nullable(z.string()),
    complaint: z.optional(z.object({ complaintNo: z.string(), requestedAt: z.string() })),
    availableSteps: z.array(z.string()),
    history: z.array(z.looseObject({ version: z.number(), step: z.string(), at: z.string() })),
  }),
);

export const rectificationQueueSchema = z.lazy(() =>
  z.object({
    items: z.array(
      z.object({
        caseNo: z.string(),
        version: z.number(),
        itemName: z.string(),
        window: z.string(),
        assignee: z.string(),
        status: z.string(),
        statusLabel: z.string(),
        overall: z.number(),
        dueAt: z.nullable(z.string()),
        /** The complaint the bad rating was filed as, if the rater asked. */
        complaintNo: z.nullable(z.string()),
        warningLevel: z.string(),
      }),
    ),
  }),
);

const figures = z.lazy(() =>
  z.object({
    window: z.string(),
    department: z.string(),
    visits: z.number(),
    ratings: z.number(),
    ratingRate: z.nullable(z.number()),
    counted: z.number(),
    satisfied: z.number(),
    satisfactionRate: z.nullable(z.number()),
    bad: z.number(),
    excluded: z.number(),
    calledBack: z.number(),
    callbackRate: z.nullable(z.number()),
    rectified: z.number(),
    rectificationRate: z.nullable(z.number()),
    closed: z.number(),
  }),
);

export const figuresSchema = z.lazy(() =>
  z.object({ month: z.string(), windows: z.array(figures), total: figures }),
);
