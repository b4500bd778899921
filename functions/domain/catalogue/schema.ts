/**
 * The service item (事项 / 办事指南) format: the one definition the site's content collection, the
 * catalogue lint, the published JSON Schema and the functions all use.
 *
 * zod/mini keeps Lambda bundles small; Astro's content collections accept any zod 4 schema, mini
 * included. Enumerations use English identifiers; labels.ts holds the Chinese the UI shows.
 * Schemas here have no defaults or transforms: what a file says is what the code gets, and the
 * JSON Schema describes the files exactly.
 */
import * as z from 'zod/mini';
import { specialProcedures } from '../special-procedures.ts';

const text = z.string().check(z.minLength(1), z.regex(/\S/));
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const days = z.int().check(z.positive());
const count = z.int().check(z.nonnegative());
const url = z.string().check(z.regex(/^(\/|https:\/\/)\S*$/));

export const itemTypes = [
  'licensing',
  'confirmation',
  'adjudication',
  'payment',
  'reward',
  'filing',
  'otherPower',
  'publicService',
] as const;
export const handlingKinds = ['new', 'change', 'renewal', 'cancellation', 'other'] as const;
export const applicantScopes = ['individual', 'organisation', 'both'] as const;
export const itemClasses = ['instant', 'promised', 'joint'] as const;
export const media = ['paper', 'electronic', 'either'] as const;
export const deliveryMethods = ['window', 'post', 'electronic'] as const;
export const resultTypes = ['certificate', 'document', 'filing', 'other'] as const;
export const onlineLevels = ['none', 'preReview', 'full'] as const;
export const specialStepKinds = specialProcedures;
/** What happens when owed materials are late (容缺受理): the case is suspended, or it ends with a notice. */
export const owedLateOutcomes = ['suspend', 'terminate'] as const;
/** How a commitment (告知承诺) is checked after the decision. */
export const verificationMethods = ['dataSharing', 'departmentCheck', 'siteVisit'] as const;
/** 告知承诺 for the whole item (the licence itself), or for listed proofs (证明事项) only. */
export const commitmentScopes = ['item', 'proofs'] as const;
export const lifeEvents = [
  'birth',
  'marriage',
  'elderly',
  'housing',
  'employment',
  'health',
  'vehicle',
  'startBusiness',
  'businessOperation',
  'businessChange',
  'businessClosure',
  'socialOrganisation',
  'tax',
  'address',
  'retirement',
  'bereavement',
] as const;

export const legalBasisSchema = z.strictObject({
  /** Full title as published, without 《》: 社会团体登记管理条例. */
  title: text,
  /** The body that issued it: 国务院, 全国人民代表大会常务委员会, 国家税务总局. */
  issuer: text,
  /** Date of the version in force (promulgation, revision or amendment), YYYY-MM-DD. */
  version: isoDate,
  /** What happened on that date: 公布, 修订, 修正. */
  versionNote: z.optional(text),
  /** Article(s), as written: 第十二条. Leave out rather than guess. */
  article: z.optional(text),
});

export const materialSchema = z.strictObject({
  name: text,
  /** false: needed only in the situation `condition` describes. */
  required: z.boolean(),
  condition: z.optional(text),
  originals: count,
  copies: count,
  medium: z.enum(media),
  /** Who issues it: 申请人, or the issuing department. */
  issuer: text,
  /** 使用 A4 纸, 须签字, 复印件须与原件核对一致 … */
  requirements: z.optional(z.array(text)),
  legalBasis: z.optional(text),
  /** Link to a blank form or a filled-in sample. */
  blankForm: z.optional(url),
  sampleForm: z.optional(url),
  /**
   * 容缺受理: a secondary material (次要材料) that may be owed at acceptance and supplied later,
   * within `deferredAcceptance.maxOwedWorkdays`. The item must then set `deferredAcceptance`.
   */
  mayBeOwed: z.optional(z.boolean()),
  /**
   * 告知承诺制: a proof (证明事项) the applicant may replace by a written commitment. The item must
   * then set `commitmentDecision` with scope `proofs`.
   */
  provableByCommitment: z.optional(z.boolean()),
});

export const procedureStepSchema = z.strictObject({
  name: text,
  description: z.optional(text),
  /** Who does it: 窗口工作人员, 审核人员, 首席代表 … */
  role: z.optional(text),
  /** Internal limit of this step, working days. Instant items have none. */
  limitDays: z.optional(count),
});

export const specialStepSchema = z.strictObject({
  name: text,
  kind: z.enum(specialStepKinds),
  /** Expected duration as told to the applicant: 10 个工作日. */
  duration: text,
  legalBasis: text,
  /** 不收费, or the fee. */
  fee: text,
  /** Time in a special step never counts toward the limit (行政许可法 第四十五条). */
  countsTowardLimit: z.literal(false),
});

/** 容缺受理 (国发〔2022〕5号 and local rules): acceptance while the secondary materials are owed. */
export const deferredAcceptanceSchema = z.strictObject({
  /** The longest period, working days from acceptance, to supply what is owed; not over the promised limit. */
  maxOwedWorkdays: days,
  /** What the item does when owed materials are late: suspend the case, or end it (终止办理) with a notice. */
  onLate: z.enum(owedLateOutcomes),
  /** The text of the applicant's commitment (容缺受理承诺书). */
  commitment: text,
  /** The rule the centre applies it under: 《…容缺受理实施办法》. */
  basis: text,
});

/** 证明事项告知承诺制 (国办发〔2020〕42号): a decision on a written commitment, checked afterwards. */
export const commitmentDecisionSchema = z.strictObject({
  /** `item`: the licence itself may be decided on a commitment; `proofs`: only the listed proofs. */
  scope: z.enum(commitmentScopes),
  /** What is to be proved and the standard it must meet, as the window tells it in writing. */
  requirement: text,
  /** The text the applicant signs (告知承诺书). */
  commitment: text,
  /** The liability for a false commitment, as told to the applicant. */
  liability: text,
  verification: z.strictObject({
    /** Working days from the decision within which the commitment is checked (事后核查). */
    workdays: days,
    method: z.enum(verificationMethods),
    /** How, in words: 通过省数据共享平台核验婚姻登记信息. */
    description: text,
  }),
  basis: text,
});

export const feeItemSchema = z.strictObject({
  item: text,
  standard: text,
  basis: text,
});

export const serviceItemSchema = z.strictObject({
  /** Path of the JSON Schema, for editors. Ignored by the code. */
  $schema: z.optional(z.string()),
  /** Implementation code (实施编码): unique in the catalogue, the guide's address /services/{code}/. */
  code: z.string().check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,62}[A-Z0-9]$/)),
  /** Basic code (基本编码) of the item in the province's list. */
  basicCode: z.string().check(z.regex(/^[0-9A-Z-]{4,40}$/)),
  /** Version of this guide: the date it took effect, YYYY-MM-DD. Cases keep the version they began with. */
  version: isoDate,
  name: text,
  /** Main item (主项) and sub-item (子项) this handling item belongs to. */
  mainItem: z.optional(text),
  subItem: z.optional(text),
  handlingKind: z.enum(handlingKinds),
  type: z.enum(itemTypes),
  /** Competent department: an id from departments.json. */
  department: text,
  /** The agency that handles it, when it differs from the department's own name. */
  implementingAgency: text,
  /** Joint items: the co-handling departments (ids from departments.json). */
  coDepartments: z.optional(z.array(text)),
  legalBasis: z.array(legalBasisSchema).check(z.minLength(1)),
  applicantScope: z.enum(applicantScopes),
  /** Who may apply, in words. */
  applicants: z.optional(text),
  /** Acceptance conditions, in order; numbered on the page. No catch-all "other conditions" line. */
  conditions: z.array(text).check(z.minLength(1)),
  materials: z.array(materialSchema).check(z.minLength(1)),
  procedure: z.array(procedureStepSchema).check(z.minLength(1)),
  /** Optional flow chart image. */
  flowChart: z.optional(url),
  class: z.enum(itemClasses),
  limits: z.strictObject({
    /** Statutory limit, working days. */
    statutoryDays: z.optional(days),
    /** Where the statutory limit comes from: 《…》第…条. */
    statutoryBasis: z.optional(text),
    /** Promised limit (承诺时限), working days. Instant items have none: 当场办结. */
    promisedDays: z.optional(days),
  }),
  specialSteps: z.optional(z.array(specialStepSchema)),
  /** 容缺受理: the item may be accepted with its `mayBeOwed` materials owed. */
  deferredAcceptance: z.optional(deferredAcceptanceSchema),
  /** 告知承诺制: the item, or its `provableByCommitment` proofs, may be decided on a commitment. */
  commitmentDecision: z.optional(commitmentDecisionSchema),
  fees: z.strictObject({
    /** What the page says about fees. A free item says exactly 不收费. */
    statement: text,
    items: z.optional(z.array(feeItemSchema)),
  }),
  result: z.strictObject({
    name: text,
    type: z.enum(resultTypes),
    delivery: z.array(z.enum(deliveryMethods)).check(z.minLength(1)),
    sample: z.optional(url),
  }),
  /** How many times the applicant must come to the centre (最多跑一次: at most 1). */
  visits: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  online: z.strictObject({
    level: z.enum(onlineLevels),
    url: z.optional(url),
  }),
  /** Where: defaults to the centre's address and the department's windows. */
  place: z.optional(
    z.strictObject({
      address: z.optional(text),
      window: z.optional(text),
      transport: z.optional(text),
    }),
  ),
  /** Opening hours when they differ from the centre's. */
  hours: z.optional(text),
  phones: z.optional(
    z.strictObject({
      consultation: z.optional(text),
      complaint: z.optional(text),
    }),
  ),
  /** Number limit (数量限制). */
  quantityLimit: z.optional(text),
  faq: z.optional(z.array(z.strictObject({ question: text, answer: text }))),
  forms: z.optional(
    z.array(
      z.strictObject({ title: text, kind: z.enum(['blank', 'sample']), url, format: z.optional(text) }),
    ),
  ),
  /** Life events (主题) to find the item by. */
  lifeEvents: z.optional(z.array(z.enum(lifeEvents))),
  /** Words people type that are not in the guide: short names, old names, common misnomers. Indexed, not shown. */
  searchTerms: z.optional(z.array(text)),
});

export const departmentSchema = z.strictObject({
  /** Short id used by items: mz, sw … */
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/)),
  name: text,
  shortName: text,
  /** The department's windows in the centre. */
  window: text,
  phone: z.optional(text),
});

export const departmentListSchema = z.array(departmentSchema);

const itemCode = z.string().check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,62}[A-Z0-9]$/));

/**
 * 一件事一次办 (国发〔2024〕3号): a published bundle of items of several departments, taken in once
 * at the general window (综合窗口). Each item stays a case of its own department with its own clocks.
 */
export const bundleSchema = z.strictObject({
  /** Unique among bundles; the guide's address /bundles/{code}/. */
  code: itemCode,
  name: text,
  /** The date this bundle's guide took effect, YYYY-MM-DD. */
  version: isoDate,
  /** The life event it serves, in a sentence for the public. */
  summary: text,
  lifeEvent: z.optional(z.enum(lifeEvents)),
  legalBasis: z.array(legalBasisSchema).check(z.minLength(1)),
  /**
   * The items in order: the items of one step are handled in parallel, a step starts when the one
   * before it is done (its results may be materials of the next).
   */
  steps: z
    .array(z.strictObject({ name: text, items: z.array(itemCode).check(z.minLength(1)) }))
    .check(z.minLength(1)),
  /**
   * A material several items ask for, asked once (e.g. the same ID card): which material of which
   * item each covers, `material` being its position in the item's list (1 = m1).
   */
  sharedMaterials: z.optional(
    z.array(
      z.strictObject({
        name: text,
        covers: z
          .array(z.strictObject({ item: itemCode, material: z.int().check(z.positive()) }))
          .check(z.minLength(2)),
      }),
    ),
  ),
  /** Where the general window is, when it is not the centre's default. */
  window: z.optional(text),
});

export const bundleListSchema = z.array(bundleSchema);

export type ServiceItem = z.infer<typeof serviceItemSchema>;
export type Material = z.infer<typeof materialSchema>;
export type ProcedureStep = z.infer<typeof procedureStepSchema>;
export type SpecialStep = z.infer<typeof specialStepSchema>;
export type LegalBasis = z.infer<typeof legalBasisSchema>;
export type DeferredAcceptance = z.infer<typeof deferredAcceptanceSchema>;
export type CommitmentDecision = z.infer<typeof commitmentDecisionSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type Bundle = z.infer<typeof bundleSchema>;
export type ItemType = (typeof itemTypes)[number];
export type ItemClass = (typeof itemClasses)[number];
export type LifeEvent = (typeof lifeEvents)[number];

/** The JSON Schema (draft 2020-12) of one item file, as published at /data/service-item.schema.json. */
export function serviceItemJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(serviceItemSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
