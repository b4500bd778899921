/**
 * Complaints (投诉, domain.md §7): their routes in the one route table (routes.ts spreads them in).
 * Public: file on the web, look up with number + query code, say satisfied or not. Staff: register
 * a complaint received at the desk, the queues, a complaint, its complainant (logged), and one route
 * per step of the life cycle, whose roles come from the transition table's `actors` column.
 */

import { attachmentLimits } from '../../domain/complaints/attachments.ts';
import { type ComplaintActorKind, complaintCommandActors } from '../../domain/complaints/transitions.ts';
import type { ComplaintCommandType } from '../../domain/complaints/types.ts';
import type { Role } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { conflictProblemSchema } from '../schemas.ts';
import {
  attachmentLinkSchema,
  attachmentParamsSchema,
  attachmentSlotsBodySchema,
  attachmentSlotsSchema,
  complainantSchema,
  complaintActionBodySchemas,
  complaintFeedbackBodySchema,
  complaintFiledSchema,
  complaintListQuerySchema,
  complaintLookupBodySchema,
  complaintPageSchema,
  complaintParamsSchema,
  complaintViewSchema,
  deskComplaintBodySchema,
  publicComplaintBodySchema,
  publicComplaintViewSchema,
} from './schemas.ts';

/** Public forms are small: the facts are at most 2 000 characters (6 000 bytes of UTF-8). */
const publicBodyLimit = 8192;

const complaintReaders: readonly Role[] = ['clerk', 'chief', 'leader', 'supervisor'];

const rolesOfActor: Record<ComplaintActorKind, readonly Role[]> = {
  supervisor: ['supervisor'],
  windowClerk: ['clerk'],
  departmentChief: ['chief'],
  // The reply handler is any staff member the office names; in practice a clerk or a chief.
  replyHandler: ['clerk', 'chief'],
  complainant: [],
};

/** One route per step: id, path segment, summary. The handler maps the route id back to the command. */
export const complaintActionRoutes: Record<
  ComplaintCommandType,
  { id: string; slug: string; summary: string; description: string }
> = {
  assign: {
    id: 'assignComplaint',
    slug: 'triage-assign',
    summary: '投诉分办（指定承办部门、窗口和办理类型）',
    description:
      'Triage by the supervision office: the department and window that answer, the complexity (simple 1, written 2, complex 5 working days — settings), optionally the staff member who replies by phone or letter. Stops the acknowledgement clock, starts the answer clock.',
  },
  invalidate: {
    id: 'invalidateComplaint',
    slug: 'triage-invalid',
    summary: '投诉不予受理（写明理由）',
    description:
      'Triage by the supervision office: not valid, with a reason; outside the scope needs `referredTo` (the referral is recorded). Terminal.',
  },
  investigate: {
    id: 'recordComplaintFindings',
    slug: 'investigation',
    summary: '记录调查核实情况',
    description: 'The window clerk or the department chief records findings (optional step).',
  },
  answer: {
    id: 'answerComplaint',
    slug: 'answer',
    summary: '答复投诉',
    description:
      'The reply, in the form the complaint came in (anonymous: online). After the answer clock ran out, `lateReason` is required and shown to the complainant. A re-check is answered by the chief or the supervision office.',
  },
  feedback: {
    id: 'recordComplaintFeedback',
    slug: 'feedback',
    summary: '记录投诉人对答复的评价（电话回访）',
    description:
      'Satisfied or dissatisfied with the latest answer, as the complainant said on a call; by the supervision office or the named reply handler. Once per answer.',
  },
  recheck: {
    id: 'recheckComplaint',
    slug: 'recheck',
    summary: '启动复核',
    description:
      'After the complainant said dissatisfied: the department chief or the supervision office re-checks, with a new answer clock of the same complexity.',
  },
  followUp: {
    id: 'followUpComplaint',
    slug: 'follow-up',
    summary: '回访并记录满意度',
    description: 'The supervision office’s follow-up call: 满意 / 基本满意 / 不满意 and a note.',
  },
  close: {
    id: 'closeComplaint',
    slug: 'close',
    summary: '投诉办结',
    description: 'Closes the loop; refused (422 follow-up-required) before the follow-up.',
  },
};

const actionRoutes: RouteDefinition[] = (Object.keys(complaintActionRoutes) as ComplaintCommandType[]).map(
  (type) => {
    const meta = complaintActionRoutes[type];
    const access = [...new Set(complaintCommandActors(type).flatMap((actor) => rolesOfActor[actor]))];
    return {
      id: meta.id,
      method: 'POST',
      path: `/api/complaints/{complaintNo}/${meta.slug}`,
      handler: 'complaints/action',
      access,
      summary: meta.summary,
      description: `${meta.description} Body \`version\`: the complaint version the command was decided on (409 with \`currentVersion\` when it moved on).`,
      tag: 'complaints',
      request: { params: complaintParamsSchema, body: complaintActionBodySchemas[type] },
      responses: {
        200: { description: '办理后的投诉。', schema: complaintViewSchema },
        400: problem('A required field is missing or names an unknown department or window.'),
        403: problem('Not the supervision office, the assigned window or department, or the reply handler.'),
        404: problem('No complaint with this number.'),
        409: {
          description: '投诉已被修改（currentVersion 为当前版本），或当前状态不能办理此操作。',
          schema: conflictProblemSchema,
          contentType: 'application/problem+json',
        },
        422: problem('A rule of the life cycle refuses: late without a reason, close before the follow-up…'),
      },
    } satisfies RouteDefinition;
  },
);

export const complaintRoutes: RouteDefinition[] = [
  {
    id: 'fileComplaint',
    method: 'POST',
    path: '/api/public/complaints',
    handler: 'complaints/public',
    access: 'public',
    summary: '网上投诉',
    description:
      'The public complaint form (channel `web`). Anonymous or real-name (name and phone sealed, never shown to the respondent). `attachments` names the keys of uploaded files (see requestAttachmentSlots): each is checked by its content (JPEG, PNG or PDF, structure walked), photos lose their EXIF, GPS and other metadata, and the cleaned copy is kept under the complaint before it references it. Answers the complaint number and a query code, shown once. Rate-limited per client.',
    tag: 'public',
    request: { body: publicComplaintBodySchema, maxBodyBytes: publicBodyLimit },
    responses: {
      201: { description: '已登记：投诉编号与一次性显示的查询码。', schema: complaintFiledSchema },
      400: problem(
        'A field is missing or breaks a rule (markup, length, phone format), or an attachment is not uploaded, not a JPEG, PNG or PDF by its content, malformed or too large (`body.attachments.N`, rule `not_uploaded`, `content_type`, `structure`, `max_size`, `dimensions`); a refused file is deleted.',
      ),
      413: problem('The body is larger than 8 KB.'),
      429: problem('Too many requests from this client (Retry-After).'),
    },
  },
  {
    id: 'requestAttachmentSlots',
    method: 'POST',
    path: '/api/public/complaints/attachments',
    handler: 'complaints/public',
    access: 'public',
    summary: '申请上传投诉附件',
    description: `Upload slots for up to ${attachmentLimits.maxFiles} files (JPEG, PNG or PDF, at most ${attachmentLimits.maxBytes / 1024 / 1024} MB each), given their sizes and declared types: a presigned POST per file, bound to a fresh key under \`pending/\` and to the file's exact size, valid ${attachmentLimits.uploadSeconds / 60} minutes. Uploads no complaint names are deleted after a day. Rate-limited per client.`,
    tag: 'public',
    request: { body: attachmentSlotsBodySchema, maxBodyBytes: publicBodyLimit },
    responses: {
      201: { description: '上传地址：逐个以 multipart/form-data 上传。', schema: attachmentSlotsSchema },
      400: problem('Too many files, a file too large or empty, or a type other than JPEG, PNG, PDF.'),
      429: problem('Too many requests from this client (Retry-After).'),
    },
  },
  {
    id: 'lookupComplaint',
    method: 'POST',
    path: '/api/public/complaints/lookup',
    handler: 'complaints/public',
    access: 'public',
    summary: '投诉办理查询（投诉编号 + 查询码）',
    description:
      'Status, dates, the online reply and the late reason. Never an identity. A wrong code and an unknown number get the same 404; rate-limited and locked like the progress lookup.',
    tag: 'public',
    request: { body: complaintLookupBodySchema, maxBodyBytes: publicBodyLimit },
    responses: {
      200: { description: '投诉办理情况。', schema: publicComplaintViewSchema },
      404: problem('Unknown complaint number or wrong query code — the same answer for both.'),
      429: problem('Too many lookups, or the lookup of this number is locked (Retry-After).'),
    },
  },
  {
    id: 'giveComplaintFeedback',
    method: 'POST',
    path: '/api/public/complaints/feedback',
    handler: 'complaints/public',
    access: 'public',
    summary: '对投诉答复表示满意或不满意',
    description: 'After an answer only, once per answer. Dissatisfied opens the way to a re-check (复核).',
    tag: 'public',
    request: { body: complaintFeedbackBodySchema, maxBodyBytes: publicBodyLimit },
    responses: {
      200: { description: '投诉办理情况（已记录评价）。', schema: publicComplaintViewSchema },
      404: problem('Unknown complaint number or wrong query code — the same answer for both.'),
      409: problem('No answer to give feedback on yet.'),
      422: problem('Feedback on this answer was already given.'),
      429: problem('Too many lookups, or the lookup of this number is locked (Retry-After).'),
    },
  },
  {
    id: 'registerComplaint',
    method: 'POST',
    path: '/api/complaints',
    handler: 'complaints/register',
    access: ['clerk', 'chief', 'supervisor'],
    summary: '登记投诉（现场、电话、信函、12345 转办、差评转投诉）',
    description:
      'A complaint received by staff. `hotlineRef` is required for a 12345 hand-over. Answers the complaint number and the query code to give the complainant, once.',
    tag: 'complaints',
    request: { body: deskComplaintBodySchema, maxBodyBytes: publicBodyLimit },
    responses: {
      201: { description: '已登记。', schema: complaintFiledSchema },
      400: problem('A field is missing or breaks a rule.'),
    },
  },
  {
    id: 'listComplaints',
    method: 'GET',
    path: '/api/complaints',
    handler: 'complaints/read',
    access: complaintReaders,
    summary: '投诉队列',
    description:
      'Supervision office: `queue` triage (default) / open / done, or a `department`. Clerks: their window’s assigned complaints. Chiefs and leaders: their department’s. Filter by status; cursor pagination; newest first.',
    tag: 'complaints',
    request: { query: complaintListQuerySchema },
    responses: {
      200: { description: '一页投诉。', schema: complaintPageSchema },
      403: problem('Another department or window, or no window on the token.'),
    },
  },
  {
    id: 'getComplaint',
    method: 'GET',
    path: '/api/complaints/{complaintNo}',
    handler: 'complaints/read',
    access: complaintReaders,
    summary: '投诉详情',
    description:
      'The supervision office sees the complainant masked; the assigned window and department see facts, respondent and history but only whether the complaint is real-name. ETag = the version.',
    tag: 'complaints',
    request: { params: complaintParamsSchema },
    responses: {
      200: { description: '投诉。', schema: complaintViewSchema },
      403: problem('A complaint not assigned to the caller’s window or department.'),
      404: problem('No complaint with this number.'),
    },
  },
  {
    id: 'getComplainant',
    method: 'GET',
    path: '/api/complaints/{complaintNo}/complainant',
    handler: 'complaints/read',
    access: complaintReaders,
    summary: '投诉人身份（记录查看日志）',
    description:
      'The complainant’s name, phone and contact preference, for the supervision office and the named reply handler only. Every read is logged (who, which complaint — never the values).',
    tag: 'complaints',
    request: { params: complaintParamsSchema },
    responses: {
      200: { description: '投诉人信息。', schema: complainantSchema },
      403: problem('Neither the supervision office nor the reply handler.'),
      404: problem('No complaint with this number.'),
    },
  },
  {
    id: 'openComplaintAttachment',
    method: 'GET',
    path: '/api/complaints/{complaintNo}/attachments/{attachmentId}',
    handler: 'complaints/attachments',
    access: complaintReaders,
    summary: '查看投诉附件（限时链接，记录查看日志）',
    description: `A link that opens the attachment for ${attachmentLimits.openSeconds / 60} minutes, for whoever may read the complaint (the supervision office; once assigned, its window, department and reply handler). Every opening is logged: who, which complaint, which file.`,
    tag: 'complaints',
    request: { params: attachmentParamsSchema },
    responses: {
      200: { description: '限时链接。', schema: attachmentLinkSchema },
      403: problem('A complaint the caller may not read.'),
      404: problem('No complaint with this number, or no such attachment.'),
    },
  },
  ...actionRoutes,
];
