/**
 * Case routes (办件, domain.md §5): intake, reading, the work queue, one route per transition, the
 * A/B post rota and the public progress lookup. routes.ts assembles them into the one route table.
 */
import { transitionRule } from '../../domain/cases/transitions.ts';
import type { Role } from '../../domain/roles.ts';
import { problem, type RouteDefinition, type RouteResponse } from '../route-definition.ts';
import { conflictProblemSchema } from '../schemas.ts';
import { publicCaseRoutes } from './public-routes.ts';
import {
  applicantSchema,
  awayBodySchema,
  awayParamsSchema,
  caseParamsSchema,
  caseViewSchema,
  intakeBodySchema,
  intakeResultSchema,
  postRotaSchema,
  queuePageSchema,
  queueQuerySchema,
  transitionBodySchemas,
  transitionRoutes,
  windowParamsSchema,
} from './schemas.ts';

const caseReaders: readonly Role[] = ['clerk', 'chief', 'leader', 'supervisor'];

const caseConflict: RouteResponse = {
  description: '案件已被修改（currentVersion 为当前版本），或当前状态不能办理此操作。',
  schema: conflictProblemSchema,
  contentType: 'application/problem+json',
};

const caseTransitionRoutes: RouteDefinition[] = Object.entries(transitionRoutes).map(([type, meta]) => {
  const rule = transitionRule(type as keyof typeof transitionRoutes);
  const access = [...new Set(rule.actors.map((actor): Role => (actor === 'chief' ? 'chief' : 'clerk')))];
  return {
    id: meta.id,
    method: 'POST',
    path: `/api/cases/{caseNo}/${meta.slug}`,
    handler: 'cases/transition',
    access,
    summary: meta.summary,
    description: `${meta.description} Body \`version\`: the case version the command was decided on (409 with \`currentVersion\` when it moved on).`,
    tag: 'cases',
    request: {
      params: caseParamsSchema,
      body: transitionBodySchemas[type as keyof typeof transitionBodySchemas],
    },
    responses: {
      200: { description: '办理后的案件。', schema: caseViewSchema },
      403: problem(
        'Not the handling clerk (or A/B backup while the handler is away), nor the chief where the transition needs one.',
      ),
      404: problem('No case with this number.'),
      409: caseConflict,
      422: problem(
        'A rule of the life cycle refuses (materials incomplete, second notice, second extension…).',
      ),
    },
  } satisfies RouteDefinition;
});

export const caseRoutes: readonly RouteDefinition[] = [
  ...caseTransitionRoutes,
  {
    id: 'createCase',
    method: 'POST',
    path: '/api/cases',
    handler: 'cases/create',
    access: ['clerk'],
    summary: '收件（新建办件）',
    description:
      'Intake at the window of the item’s lead department. Requires the `Idempotency-Key` header: a retry with the same key returns the same case and query code, never a second case. The query code appears in this response only. Materials may be `owed` (容缺受理) or `committed` (告知承诺制) where the item allows it, with the signed commitment in `commitments`.',
    tag: 'cases',
    request: {
      body: intakeBodySchema,
      headers: [
        {
          name: 'Idempotency-Key',
          required: true,
          description: '每次收件一个新值；以同一值重试得到同一办件和查询码，不会产生第二个办件。',
        },
      ],
    },
    responses: {
      201: { description: '已收件：受理编号与一次性显示的查询码。', schema: intakeResultSchema },
      403: problem('Not a clerk of the item’s department with a window.'),
      409: problem('A request with the same Idempotency-Key is still running.'),
      422: problem(
        'The Idempotency-Key was used for a different request; or 容缺受理 / 告知承诺制 refused: a material the item does not let be owed or replaced, a commitment not signed, or an applicant barred by a broken commitment (`commitment-barred`: until when, nothing more).',
      ),
    },
  },
  {
    id: 'listCases',
    method: 'GET',
    path: '/api/cases',
    handler: 'cases/list',
    access: caseReaders,
    summary: '窗口待办队列',
    description:
      'A window’s work queue: priority lane first, then by deadline. Filters: status, warning level (computed now), due before. The statuses of one filter belong to one list: in progress (the default), `delivered` (待归档: delivered, awaiting closure, oldest delivery first) or the final statuses (most recent first); a mix is refused (400). Cursor pagination. `joint=true`: the joint cases (联办件) of other departments waiting for the opinion of this window’s department.',
    tag: 'cases',
    request: { query: queueQuerySchema },
    responses: {
      200: { description: '一页案件。', schema: queuePageSchema },
      403: problem('A window of another department.'),
    },
  },
  {
    id: 'getCase',
    method: 'GET',
    path: '/api/cases/{caseNo}',
    handler: 'cases/get',
    access: caseReaders,
    summary: '办件详情',
    description: 'One case, applicant masked, clocks evaluated now, full history. ETag = the version.',
    tag: 'cases',
    request: { params: caseParamsSchema },
    responses: {
      200: { description: '案件。', schema: caseViewSchema },
      403: problem('A case of another department.'),
      404: problem('No case with this number.'),
    },
  },
  {
    id: 'getCaseApplicant',
    method: 'GET',
    path: '/api/cases/{caseNo}/applicant',
    handler: 'cases/applicant',
    access: ['clerk'],
    summary: '申请人完整信息（记录查看日志）',
    description:
      'The applicant’s full ID number, phone and address, for the clerk handling the case (or acting for them under the A/B post rule). Every read is logged.',
    tag: 'cases',
    request: { params: caseParamsSchema },
    responses: {
      200: { description: '完整的申请人信息。', schema: applicantSchema },
      403: problem('Not the handling clerk.'),
      404: problem('No case with this number.'),
    },
  },
  {
    id: 'getWindowPost',
    method: 'GET',
    path: '/api/windows/{window}/post',
    handler: 'cases/post-rota',
    access: caseReaders,
    summary: '窗口 AB 岗在岗情况',
    description: 'Which clerks of the window are away; their cases may be handled by the other post.',
    tag: 'cases',
    request: { params: windowParamsSchema },
    responses: {
      200: { description: '离岗人员。', schema: postRotaSchema },
      403: problem('A window of another department.'),
    },
  },
  {
    id: 'setWindowAway',
    method: 'PUT',
    path: '/api/windows/{window}/away/{username}',
    handler: 'cases/post-rota',
    access: ['clerk', 'chief'],
    summary: '登记离岗 / 返岗（AB 岗）',
    description:
      'A clerk marks themselves away or back; the department’s chief may do it for the clerks of its windows.',
    tag: 'cases',
    request: { params: awayParamsSchema, body: awayBodySchema },
    responses: {
      200: { description: '离岗人员。', schema: postRotaSchema },
      403: problem('Neither the clerk nor their chief.'),
    },
  },
  ...publicCaseRoutes,
];
