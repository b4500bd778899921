/**
 * Request and response schemas of the complaint routes (投诉). Every free text the public types goes
 * through `plainText` / `optionalPlainText` (no markup); staff text through the same, so nothing
 * stored can render as HTML wherever it is shown.
 */
import * as z from 'zod/mini';
import {
  attachmentIdPattern,
  attachmentKinds,
  pendingKeyPattern,
} from '../../domain/complaints/attachments.ts';
import {
  complaintCategories,
  complaintStatuses,
  complexities,
  contactPreferences,
  deskChannels,
  followUpSatisfactions,
  invalidReasons,
} from '../../domain/complaints/types.ts';
import { optionalPlainText, plainText } from '../schemas.ts';

export const complaintNoSchema = z.lazy(() => z.string().check(z.regex(/^TS-\d{8}-\d{4,6}$/)));
export const complaintParamsSchema = z.lazy(() => z.object({ complaintNo: complaintNoSchema }));

const windowCode = z.lazy(() =>
  z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}-\d{2}$/, { error: '窗口编码形如 mz-01。' })),
);
const departmentId = z.lazy(() =>
  z.string().check(z.regex(/^[a-z][a-z0-9]{0,15}$/, { error: '部门编码形如 mz。' })),
);
const phone = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '电话号码应为 11 位手机号或带区号的固定电话。' }),
    ),
);

export const complainantBodySchema = z.lazy(() =>
  z.object({
    realName: z.boolean(),
    name: optionalPlainText(40),
    phone: z.optional(phone),
    contactPreference: z.optional(z.enum(contactPreferences)),
  }),
);

export const respondentBodySchema = z.lazy(() =>
  z.object({
    department: z.optional(departmentId),
    window: z.optional(windowCode),
    clerk: optionalPlainText(60),
    caseNo: z.optional(
      z
        .string()
        .check(
          z.regex(/^([A-Z0-9]{2,12}-\d{8}-\d{4,6})?$/, { error: '受理编号形如 YC0001-20261127-0001。' }),
        ),
    ),
  }),
);

/** Files asked upload slots for: their sizes and the types the browser declares (checked again by content). */
export const attachmentSlotsBodySchema = z.lazy(() =>
  z.object({
    files: z
      .array(
        z.object({
          size: z.number().check(z.int(), z.minimum(0)),
          type: z.string().check(z.maxLength(100)),
        }),
      )
      .check(z.maxLength(20)),
  }),
);
export type AttachmentSlotsBody = z.infer<typeof attachmentSlotsBodySchema>;

export const attachmentSlotsSchema = z.lazy(() =>
  z.object({
    slots: z.array(
      z.object({
        /** Name it in the complaint's `attachments` once uploaded. */
        key: z.string(),
        /** Post `fields`, then the file as `file` (last), as multipart/form-data to `url`. */
        url: z.string(),
        fields: z.record(z.string(), z.string()),
        size: z.number(),
      }),
    ),
    expiresAt: z.string(),
  }),
);

/** Uploaded files a complaint names: at most five, each by the key of its upload slot. */
const attachmentRefsSchema = z.lazy(() =>
  z.optional(
    z
      .array(
        z.object({
          key: z
            .string()
            .check(z.regex(pendingKeyPattern, { error: '附件须先按上传地址上传，再以其 key 提交。' })),
        }),
      )
      .check(z.maxLength(5, { error: '每件投诉最多 5 个附件。' })),
  ),
);

/** The public web form: the channel is always `web`. */
export const publicComplaintBodySchema = z.lazy(() =>
  z.object({
    category: z.enum(complaintCategories),
    facts: plainText(2000),
    complainant: complainantBodySchema,
    respondent: respondentBodySchema,
    attachments: attachmentRefsSchema,
  }),
);
export type PublicComplaintBody = z.infer<typeof publicComplaintBodySchema>;

/** A complaint staff take in at the desk: in person, by phone, letter, 12345 hand-over, bad rating. */
export const deskComplaintBodySchema = z.lazy(() =>
  z.object({
    channel: z.enum(deskChannels),
    category: z.enum(complaintCategories),
    facts: plainText(2000),
    complainant: complainantBodySchema,
    respondent: respondentBodySchema,
    hotlineRef: optionalPlainText(40),
    told: optionalPlainText(500),
  }),
);
export type DeskComplaintBody = z.infer<typeof deskComplaintBodySchema>;

export const complaintFiledSchema = z.lazy(() =>
  z.object({
    complaintNo: z.string(),
    queryCode: z.string(),
    /** Close of business by which the supervision office acknowledges (triages) the complaint. */
    acknowledgedBy: z.optional(z.nullable(z.string())),
  }),
);

const complaintLookupBodyObject = () =>
  z.object({
    /** Any text: a malformed number answers exactly as an unknown one. */
    complaintNo: z.string().check(z.minLength(1), z.maxLength(40)),
    queryCode: z.string().check(z.minLength(1), z.maxLength(32)),
  });

export const complaintLookupBodySchema = z.lazy(complaintLookupBodyObject);

export const complaintFeedbackBodySchema = z.lazy(() =>
  z.extend(complaintLookupBodyObject(), {
    satisfied: z.boolean(),
    comment: optionalPlainText(500),
  }),
);

export const complaintListQuerySchema = z.lazy(() =>
  z.object({
    /** Supervision office: triage (default), open or done. */
    queue: z.optional(z.enum(['triage', 'open', 'done'])),
    /** Supervision office, or a chief/leader: a department's complaints. */
    department: z.optional(departmentId),
    window: z.optional(windowCode),
    status: z.optional(
      z
        .string()
        .check(
          z.refine(
            (value) =>
              value.split(',').every((status) => (complaintStatuses as readonly string[]).includes(status)),
            { error: `状态只能是 ${complaintStatuses.join('、')}（逗号分隔）。` },
          ),
        ),
    ),
    limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-9]\d|100)$/, { error: '每页 1–100 条。' }))),
    cursor: z.optional(z.string().check(z.maxLength(1000))),
  }),
);

const version = z.lazy(() => z.number().check(z.int(), z.minimum(1)));

export const complaintActionBodySchemas = {
  assign: z.lazy(() =>
    z.object({
      version,
      department: departmentId,
      window: windowCode,
      complexity: z.enum(complexities),
      replyHandler: z.optional(
        z.string().check(z.regex(/^[a-zA-Z0-9_.@-]{1,64}$/, { error: '工作人员用户名。' })),
      ),
      told: plainText(500),
    }),
  ),
  invalidate: z.lazy(() =>
    z.object({
      version,
      reason: z.enum(invalidReasons),
      referredTo: optionalPlainText(100),
      told: plainText(500),
    }),
  ),
  investigate: z.lazy(() => z.object({ version, findings: plainText(2000) })),
  answer: z.lazy(() => z.object({ version, text: plainText(2000), lateReason: optionalPlainText(500) })),
  feedback: z.lazy(() => z.object({ version, satisfied: z.boolean(), comment: optionalPlainText(500) })),
  recheck: z.lazy(() => z.object({ version, note: optionalPlainText(500), told: plainText(500) })),
  followUp: z.lazy(() =>
    z.object({ version, satisfaction: z.enum(followUpSatisfactions), note: plainText(500) }),
  ),
  close: z.lazy(() => z.object({ version, note: optionalPlainText(500) })),
} as const;

export const complaintAttachmentSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(attachmentKinds),
    contentType: z.string(),
    size: z.number(),
    sha256: z.string(),
    removed: z.array(z.string()),
    width: z.optional(z.number()),
    height: z.optional(z.number()),
  }),
);

export const complaintViewSchema = z.lazy(() =>
  z.looseObject({
    complaintNo: z.string(),
    version: z.number(),
    status: z.enum(complaintStatuses),
    statusLabel: z.string(),
    complainant: z.looseObject({ realName: z.boolean() }),
    attachments: z.optional(z.array(complaintAttachmentSchema)),
    history: z.array(z.looseObject({ action: z.string(), at: z.string() })),
  }),
);

export const complaintPageSchema = z.lazy(() =>
  z.object({
    items: z.array(z.looseObject({ complaintNo: z.string(), status: z.string(), version: z.number() })),
    nextCursor: z.nullable(z.string()),
  }),
);

export const publicComplaintViewSchema = z.lazy(() =>
  z.looseObject({
    complaintNo: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    feedbackOpen: z.boolean(),
  }),
);

export const complainantSchema = z.lazy(() =>
  z.object({
    complaintNo: z.string(),
    complainant: z.object({
      realName: z.boolean(),
      name: z.optional(z.string()),
      phone: z.optional(z.string()),
      contactPreference: z.optional(z.string()),
    }),
  }),
);

export const attachmentParamsSchema = z.lazy(() =>
  z.object({
    complaintNo: complaintNoSchema,
    attachmentId: z.string().check(z.regex(attachmentIdPattern, { error: '附件编号形如 a1。' })),
  }),
);

export const attachmentLinkSchema = z.lazy(() =>
  z.object({
    complaintNo: z.string(),
    attachmentId: z.string(),
    /** Opens the file until `expiresAt`, and no longer. */
    url: z.string(),
    expiresAt: z.string(),
    contentType: z.string(),
    fileName: z.string(),
  }),
);
