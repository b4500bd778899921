/**
 * Request and response schemas of the case routes. Shapes and formats here (zod/mini, so they are
 * in the OpenAPI document); rules that need the catalogue or arithmetic — the ID number's check
 * character and birth date, the item code, a state for every required material — are checked by
 * the intake handler, which names each failing field and rule the same way.
 */
import * as z from 'zod/mini';
import { caseStatuses } from '../../domain/cases/states.ts';
import { materialStates } from '../../domain/cases/types.ts';
import { allSuspensionReasons, warningLevels } from '../../domain/clocks/settings.ts';

export { publicLookupBodySchema, publicProgressSchema } from './public-schemas.ts';

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/\S/));
const optionalText = (max: number) => z.optional(z.string().check(z.maxLength(max)));
const instant = z.lazy(() => z.string());

export const caseNoSchema = z.lazy(() => z.string().check(z.regex(/^[A-Z0-9]{2,12}-\d{8}-\d{4,6}$/)));
export const windowCodeSchema = z.lazy(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}-\d{2}$/)));

export const caseParamsSchema = z.lazy(() => z.object({ caseNo: caseNoSchema }));

const materialUpdateSchema = z.lazy(() =>
  z.object({
    /** `m1`, `m2`… in the order of the item's material list. */
    id: z.string().check(z.regex(/^m\d{1,3}$/)),
    state: z.enum(materialStates),
    note: optionalText(300),
  }),
);

const materialUpdates = z.lazy(() => z.array(materialUpdateSchema).check(z.maxLength(100)));

/** The applicant of an intake, also a bundle intake's (bundles/schemas.ts). */
export const intakeApplicantSchema = z.lazy(() =>
  z.object({
    kind: z.enum(['individual', 'organisation']),
    /** The person applying, or the agent (经办人) of an organisation. */
    name: text(50),
    /** Resident ID number (GB 11643), 18 characters. */
    idNumber: z.string().check(z.regex(/^\d{17}[\dXx]$/)),
    /** Mobile or landline with area code. */
    phone: z.string().check(z.minLength(1), z.maxLength(30)),
    address: optionalText(200),
    organisation: z.optional(
      z.object({
        name: text(100),
        /** Unified social credit code (GB 32100). */
        creditCode: z.string().check(z.regex(/^[0-9A-Za-z]{18}$/)),
      }),
    ),
  }),
);

export const intakeBodySchema = z.lazy(() =>
  z.object({
    itemCode: z.string().check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,62}[A-Z0-9]$/)),
    applicant: intakeApplicantSchema,
    /** A state for every required material of the item; conditional ones left out are not applicable. */
    materials: materialUpdates,
    /** 绿色通道. */
    priority: z.optional(z.object({ reason: text(300) })),
    /** What the intake receipt told the applicant. */
    told: optionalText(1000),
    /** Instant items: decide and deliver on the spot, in the same request. */
    settleInstantly: z.optional(z.object({ told: text(1000) })),
    /**
     * The queue ticket the visitor was called with at the clerk's window (取号叫号): the case records
     * it, the ticket records the case. Today's ticket, called (or served) at this window.
     */
    ticket: z.optional(
      z.object({
        date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
        ticketNo: z.string().check(z.regex(/^[A-Z]\d{3,5}$/)),
      }),
    ),
    /**
     * The commitments the applicant signed at the window: 容缺受理承诺书 (materials marked `owed`),
     * 告知承诺书 (materials marked `committed`, or the whole item). The texts are the item's.
     */
    commitments: z.optional(
      z.object({
        deferredAcceptance: z.optional(z.object({ signed: z.literal(true) })),
        commitmentDecision: z.optional(z.object({ signed: z.literal(true) })),
      }),
    ),
  }),
);
export type IntakeBody = z.infer<typeof intakeBodySchema>;

const version = z.lazy(() => z.int().check(z.positive()));
const reason = z.lazy(() => text(1000));
const told = z.lazy(() => text(2000));

/** The body of each transition route: the version the command was decided on, and its fields. */
export const transitionBodySchemas = {
  requestCorrection: z.lazy(() => z.object({ version, told, materials: z.optional(materialUpdates) })),
  correct: z.lazy(() => z.object({ version, materials: materialUpdates, note: optionalText(1000) })),
  accept: z.lazy(() => z.object({ version, told, materials: z.optional(materialUpdates) })),
  notAccept: z.lazy(() =>
    z.object({ version, reason, remedies: text(1000), told, referTo: optionalText(200) }),
  ),
  settleInstantly: z.lazy(() => z.object({ version, told, materials: z.optional(materialUpdates) })),
  transfer: z.lazy(() =>
    z.object({
      version,
      step: text(100),
      reason,
      to: z.optional(
        z.object({
          department: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/))),
          window: z.optional(windowCodeSchema),
          handler: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(128)))),
        }),
      ),
    }),
  ),
  suspend: z.lazy(() =>
    z.object({
      version,
      reason: z.enum(allSuspensionReasons as [string, ...string[]]),
      /** The expected duration, as told to the applicant in writing (Art. 45). */
      note: text(500),
      told,
    }),
  ),
  resume: z.lazy(() => z.object({ version, note: optionalText(1000), told: optionalText(2000) })),
  extend: z.lazy(() =>
    z.object({
      version,
      days: z.int().check(z.positive(), z.lte(15)),
      reason,
      told,
      /** Joint items: the government-level approver, by name. Otherwise the chief approves. */
      approver: optionalText(100),
    }),
  ),
  coOpinion: z.lazy(() => z.object({ version, opinion: text(2000) })),
  approve: z.lazy(() => z.object({ version, told, note: optionalText(1000) })),
  refuse: z.lazy(() => z.object({ version, reason, remedies: text(1000), told })),
  deliver: z.lazy(() =>
    z.object({ version, method: z.enum(['window', 'post', 'electronic']), note: optionalText(500) }),
  ),
  close: z.lazy(() => z.object({ version, note: optionalText(1000) })),
  withdraw: z.lazy(() => z.object({ version, reason, told })),
  return: z.lazy(() => z.object({ version, reason, told })),
  flagPriority: z.lazy(() => z.object({ version, reason: text(300) })),
  supplyOwed: z.lazy(() =>
    z.object({
      version,
      /** The owed materials that arrived (all or some). */
      materials: z
        .array(z.object({ id: z.string().check(z.regex(/^m\d{1,3}$/)), note: optionalText(300) }))
        .check(z.minLength(1), z.maxLength(100)),
      note: optionalText(1000),
    }),
  ),
  applyOwedLateness: z.lazy(() => z.object({ version, told })),
  recordVerification: z.lazy(() =>
    z.object({
      version,
      result: z.enum(['confirmed', 'false']),
      /** What the check found and how (data sharing, another department, a site visit). */
      evidence: text(2000),
      /** A false commitment: the revocation notice's text, and the remedies open to the applicant. */
      told: optionalText(2000),
      remedies: optionalText(1000),
    }),
  ),
} as const;

export const queueQuerySchema = z.lazy(() =>
  z.object({
    /** Window code; default the caller's own window. */
    window: z.optional(windowCodeSchema),
    /**
     * Comma-separated statuses, all of one list: in progress (default: all of them), `delivered`
     * (待归档, awaiting closure, oldest delivery first), or final ones (finished, most recent first).
     */
    status: z.optional(
      z.string().check(z.regex(new RegExp(`^(${caseStatuses.join('|')})(,(${caseStatuses.join('|')}))*$`))),
    ),
    /** Comma-separated warning levels, computed at read time. */
    level: z.optional(
      z.string().check(z.regex(new RegExp(`^(${warningLevels.join('|')})(,(${warningLevels.join('|')}))*$`))),
    ),
    /** Due at or before: a date (end of that day, Beijing time) or an instant with offset. */
    dueBefore: z.optional(
      z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/)),
    ),
    limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-9]\d|100)$/))),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
    /** `true`: joint cases (联办件) of other departments waiting for this window's department's opinion. */
    joint: z.optional(z.enum(['true', 'false'])),
  }),
);

export const awayParamsSchema = z.lazy(() =>
  z.object({
    window: windowCodeSchema,
    username: z.string().check(z.regex(/^[\w.@-]{1,128}$/)),
  }),
);
export const windowParamsSchema = z.lazy(() => z.object({ window: windowCodeSchema }));
export const awayBodySchema = z.lazy(() => z.object({ away: z.boolean(), reason: optionalText(300) }));

// ---------------------------------------------------------------- responses

const materialSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    required: z.boolean(),
    condition: z.optional(z.string()),
    state: z.enum(materialStates),
    note: z.optional(z.string()),
    submission: z.number(),
    medium: z.optional(z.enum(['paper', 'electronic', 'either'])),
    mayBeOwed: z.optional(z.boolean()),
    provableByCommitment: z.optional(z.boolean()),
  }),
);

const signedCommitmentSchema = z.lazy(() =>
  z.object({
    text: z.string(),
    liability: z.optional(z.string()),
    signedBy: z.string(),
    signedAt: instant,
    recordedBy: z.string(),
  }),
);

const historyEntrySchema = z.lazy(() =>
  z.object({
    version: z.number(),
    transition: z.string(),
    from: z.nullable(z.enum(caseStatuses)),
    to: z.enum(caseStatuses),
    at: instant,
    by: z.object({ username: z.string(), role: z.string(), actingFor: z.optional(z.string()) }),
    reason: z.optional(z.string()),
    told: z.optional(z.string()),
    approver: z.optional(z.string()),
    clocks: z.optional(z.array(z.string())),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
);

const clockSummarySchema = z.lazy(() =>
  z.object({
    name: z.string(),
    label: z.string(),
    state: z.enum(['running', 'suspended', 'stopped']),
    start: instant,
    budget: z.number(),
    dueAt: z.nullable(instant),
    usedWorkdays: z.number(),
    leftWorkdays: z.number(),
    suspendedWorkdays: z.number(),
    level: z.enum(warningLevels),
    provisional: z.boolean(),
    extension: z.optional(
      z.object({ days: z.number(), approver: z.string(), reason: z.string(), grantedAt: instant }),
    ),
  }),
);

export const maskedApplicantSchema = z.lazy(() =>
  z.object({
    kind: z.enum(['individual', 'organisation']),
    name: z.string(),
    idNumber: z.string(),
    phone: z.string(),
    organisation: z.optional(z.object({ name: z.string(), creditCode: z.string() })),
  }),
);

export const caseViewSchema = z.lazy(() =>
  z.object({
    caseNo: z.string(),
    centre: z.string(),
    version: z.number(),
    status: z.enum(caseStatuses),
    statusLabel: z.string(),
    item: z.object({
      code: z.string(),
      version: z.string(),
      name: z.string(),
      department: z.string(),
      coDepartments: z.array(z.string()),
      class: z.enum(['instant', 'promised', 'joint']),
      statutoryDays: z.optional(z.number()),
      promisedDays: z.optional(z.number()),
    }),
    applicant: maskedApplicantSchema,
    department: z.string(),
    window: z.string(),
    handler: z.nullable(z.string()),
    ticket: z.optional(z.object({ date: z.string(), ticketNo: z.string() })),
    firstContact: z.object({ username: z.string(), at: instant }),
    priority: z.object({
      flagged: z.boolean(),
      reason: z.optional(z.string()),
      by: z.optional(z.string()),
      at: z.optional(instant),
    }),
    receivedAt: instant,
    acceptedAt: z.optional(instant),
    decisionClockStart: z.optional(instant),
    deemedAcceptedFrom: z.optional(instant),
    submission: z.number(),
    materials: z.array(materialSchema),
    correctionNotices: z.array(
      z.object({
        submission: z.number(),
        issuedAt: instant,
        inTime: z.boolean(),
        items: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            problem: z.enum(['missing', 'defective']),
            note: z.optional(z.string()),
          }),
        ),
      }),
    ),
    step: z.optional(z.object({ name: z.string(), since: instant, by: z.string() })),
    coWindows: z.array(
      z.object({
        department: z.string(),
        status: z.enum(['pending', 'notified', 'done']),
        opinion: z.optional(z.string()),
        by: z.optional(z.string()),
        at: z.optional(instant),
      }),
    ),
    decision: z.optional(
      z.object({
        outcome: z.enum(['approved', 'refused']),
        at: instant,
        reason: z.optional(z.string()),
        remedies: z.optional(z.string()),
      }),
    ),
    notAccepted: z.optional(
      z.object({ at: instant, reason: z.string(), remedies: z.string(), referTo: z.optional(z.string()) }),
    ),
    delivery: z.optional(z.object({ at: instant, method: z.string(), note: z.optional(z.string()) })),
    closedAt: z.optional(instant),
    commitments: z.optional(
      z.object({
        deferredAcceptance: z.optional(signedCommitmentSchema),
        commitmentDecision: z.optional(signedCommitmentSchema),
      }),
    ),
    owed: z.optional(
      z.object({
        materials: z.array(z.string()),
        since: instant,
        dueAt: instant,
        workdays: z.number(),
        onLate: z.enum(['suspend', 'terminate']),
        suppliedAt: z.optional(instant),
        lateAt: z.optional(instant),
      }),
    ),
    verification: z.optional(
      z.object({ result: z.enum(['confirmed', 'false']), evidence: z.string(), at: instant, by: z.string() }),
    ),
    revocation: z.optional(
      z.object({ at: instant, reason: z.string(), remedies: z.string(), barredUntil: z.string() }),
    ),
    terminated: z.optional(z.object({ at: instant, reason: z.string() })),
    dueAt: z.nullable(instant),
    warningLevel: z.enum(warningLevels),
    clocks: z.array(clockSummarySchema),
    availableTransitions: z.array(z.string()),
    history: z.array(historyEntrySchema),
  }),
);

export const intakeResultSchema = z.lazy(() =>
  z.object({
    caseNo: z.string(),
    /** Shown once, on the receipt; the system keeps only a keyed hash of it. */
    queryCode: z.string(),
    case: caseViewSchema,
  }),
);

export const queuePageSchema = z.lazy(() =>
  z.object({
    window: z.string(),
    items: z.array(
      z.object({
        caseNo: z.string(),
        version: z.number(),
        status: z.enum(caseStatuses),
        statusLabel: z.string(),
        item: z.object({ code: z.string(), name: z.string() }),
        applicantName: z.string(),
        handler: z.nullable(z.string()),
        priority: z.boolean(),
        receivedAt: instant,
        dueAt: z.nullable(instant),
        /** When the result was handed over (出件); null before. */
        deliveredAt: z.nullable(instant),
        warningLevel: z.enum(warningLevels),
      }),
    ),
    /** Pass as `cursor` for the next page; null on the last. */
    nextCursor: z.nullable(z.string()),
  }),
);

export const applicantSchema = z.lazy(() =>
  z.object({
    caseNo: z.string(),
    applicant: z.object({
      kind: z.enum(['individual', 'organisation']),
      name: z.string(),
      idNumber: z.string(),
      phone: z.string(),
      address: z.optional(z.string()),
      organisation: z.optional(z.object({ name: z.string(), creditCode: z.string() })),
    }),
  }),
);

export const postRotaSchema = z.lazy(() =>
  z.object({
    window: z.string(),
    away: z.array(z.object({ username: z.string(), since: instant, reason: z.string(), setBy: z.string() })),
  }),
);

/** 409: the case moved on; `currentVersion` is what to read and decide on again. */
/** The route of each transition: `POST /api/cases/{caseNo}/<slug>`, with its operation id. */
export const transitionRoutes: Record<
  keyof typeof transitionBodySchemas,
  { id: string; slug: string; summary: string; description: string }
> = {
  requestCorrection: {
    id: 'requestCaseCorrection',
    slug: 'correction-notice',
    summary: '一次性告知补正',
    description:
      'Issues the one-time correction notice: every material of the checklist marked missing or defective, at once. Stops the 5-working-day notice clock; a late notice makes the case count as accepted from receipt. A second notice for the same submission is refused (422).',
  },
  correct: {
    id: 'correctCase',
    slug: 'corrections',
    summary: '登记补正材料',
    description:
      'Records the materials the applicant supplied; at least one must be newly submitted. Starts a new notice clock.',
  },
  accept: {
    id: 'acceptCase',
    slug: 'acceptance',
    summary: '受理',
    description:
      'Formal acceptance with a receipt: every required material submitted. Starts the promised and statutory decision clocks (joint items: 45 + 15); notifies co-windows.',
  },
  notAccept: {
    id: 'notAcceptCase',
    slug: 'non-acceptance',
    summary: '不予受理',
    description:
      'Refuses acceptance with reasons and remedies (and where to apply instead). Stops every clock.',
  },
  settleInstantly: {
    id: 'settleCaseInstantly',
    slug: 'instant-settlement',
    summary: '即办件当场办结',
    description: 'Instant items: accepted, decided and delivered at once.',
  },
  transfer: {
    id: 'transferCase',
    slug: 'transfers',
    summary: '内部流转',
    description:
      'Moves the case to a step of the item procedure, optionally to another window or department of the item or to a named clerk. The step limit runs as its own clock.',
  },
  suspend: {
    id: 'suspendCase',
    slug: 'suspensions',
    summary: '进入特别程序（暂停计时）',
    description:
      'A special procedure (hearing, inspection, expert review…): the decision clocks stop counting (Art. 45).',
  },
  resume: {
    id: 'resumeCase',
    slug: 'resumption',
    summary: '特别程序结束（恢复计时）',
    description: 'Ends the special procedure: the decision clocks count again.',
  },
  extend: {
    id: 'extendCase',
    slug: 'extension',
    summary: '延期（首席代表批准）',
    description:
      'The one extension of the decision limit (Art. 42), approved by the chief — for joint items by the government level, named in `approver`. A second is refused (422).',
  },
  coOpinion: {
    id: 'giveCaseCoOpinion',
    slug: 'co-opinions',
    summary: '联办部门意见',
    description: 'A co-window of a joint item gives its opinion; the lead window decides once all have.',
  },
  approve: {
    id: 'approveCase',
    slug: 'approval',
    summary: '准予许可（办结）',
    description:
      'Decides in favour: stops the decision clocks and starts the 10-working-day delivery clock (Art. 44).',
  },
  refuse: {
    id: 'refuseCase',
    slug: 'refusal',
    summary: '不予许可（首席代表）',
    description: 'Decides against, by the chief, with reasons and remedies. Stops the decision clocks.',
  },
  deliver: {
    id: 'deliverCase',
    slug: 'delivery',
    summary: '出件',
    description: 'The result handed over (window, post or electronic): stops the delivery clock.',
  },
  close: { id: 'closeCase', slug: 'closure', summary: '归档', description: 'Closes a delivered case.' },
  withdraw: {
    id: 'withdrawCase',
    slug: 'withdrawal',
    summary: '申请人撤回',
    description: 'The applicant withdraws before a decision: every clock stops.',
  },
  return: {
    id: 'returnCase',
    slug: 'return',
    summary: '退件',
    description: 'Returns the application before acceptance (for example, no correction within the period).',
  },
  flagPriority: {
    id: 'flagCasePriority',
    slug: 'priority',
    summary: '绿色通道',
    description: 'Flags the case for the priority lane: it heads its window queue.',
  },
  supplyOwed: {
    id: 'supplyCaseOwedMaterials',
    slug: 'owed-materials',
    summary: '补齐容缺材料',
    description:
      '容缺受理: records owed materials that arrived. Once none is owed the owed-materials clock stops, and a case the item’s rule suspended for lateness resumes review. A material that is not owed is refused (400).',
  },
  applyOwedLateness: {
    id: 'applyCaseOwedLateness',
    slug: 'owed-lateness',
    summary: '容缺逾期处理',
    description:
      '容缺受理, owed materials late: applies the item’s rule — `suspend` (the decision clocks stop counting until the materials arrive) or `terminate` (终止办理, the case ends with a notice). Refused (422) before the deadline has passed. Given by a clerk, prompted by the red card of the owed-materials clock.',
  },
  recordVerification: {
    id: 'recordCaseVerification',
    slug: 'verification',
    summary: '登记事后核查结果（告知承诺）',
    description:
      '告知承诺制: the result of checking the commitment (事后核查). `confirmed` stops the verification clock; `false` revokes the decision (撤销, status `revoked`), recalls the result, and bars the applicant from 容缺受理 and 告知承诺制 for the centre’s period (by a keyed hash of the ID number). `told` and `remedies` are required for `false`.',
  },
};

export const transitionRouteIds = Object.fromEntries(
  Object.entries(transitionRoutes).map(([type, route]) => [type, route.id]),
) as Record<keyof typeof transitionBodySchemas, string>;
