/**
 * The one route table. The CDK HTTP API, the local HTTP adapter, the OpenAPI document and the
 * tests all read it; nothing else declares a route.
 */
import { transitionRule } from '../domain/cases/transitions.ts';
import type { Role } from '../domain/roles.ts';
import { roles } from '../domain/roles.ts';
import { problem, type RouteDefinition, type RouteResponse } from './route-definition.ts';
import { complaintRoutes } from './routes-complaints.ts';
import { ratingRoutes } from './routes-ratings.ts';
import {
  applicantSchema,
  awayBodySchema,
  awayParamsSchema,
  caseParamsSchema,
  caseViewSchema,
  conflictProblemSchema,
  intakeBodySchema,
  intakeResultSchema,
  postRotaSchema,
  publicLookupBodySchema,
  publicProgressSchema,
  queuePageSchema,
  queueQuerySchema,
  transitionBodySchemas,
  transitionRoutes,
  windowParamsSchema,
} from './schemas/cases.ts';
import { healthSchema, meSchema } from './schemas/common.ts';
import {
  cardAnswerBodySchema,
  cardSchema,
  cardsQuerySchema,
  cardsSchema,
  fullSweepSummarySchema,
  inboxQuerySchema,
  inboxSchema,
  sweepRequestSchema,
} from './schemas/supervision.ts';

export type {
  HttpMethod,
  RouteAccess,
  RouteDefinition,
  RouteHeader,
  RouteResponse,
} from './route-definition.ts';

/**
 * Public routes live under `/api/public/` so throttling and WAF rules can tell them apart. The
 * only exceptions are these meta routes, which read no data: health, this document, and the
 * catch-all that answers unknown paths with problem+json instead of API Gateway's bare 404.
 */
export const publicMetaPaths: readonly string[] = ['/api/health', '/api/openapi.json', '/api/{proxy+}'];

/** Case routes (issue 5): intake, reading, the work queue, one route per transition, the A/B rota. */
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
    handler: 'case-transition',
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

const caseRoutes: RouteDefinition[] = [
  {
    id: 'createCase',
    method: 'POST',
    path: '/api/cases',
    handler: 'case-create',
    access: ['clerk'],
    summary: '收件（新建办件）',
    description:
      'Intake at the window of the item’s lead department. Requires the `Idempotency-Key` header: a retry with the same key returns the same case and query code, never a second case. The query code appears in this response only.',
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
      422: problem('The Idempotency-Key was used for a different request.'),
    },
  },
  {
    id: 'listCases',
    method: 'GET',
    path: '/api/cases',
    handler: 'case-list',
    access: caseReaders,
    summary: '窗口待办队列',
    description:
      'A window’s work queue: priority lane first, then by deadline. Filters: status, warning level (computed now), due before. Cursor pagination. `joint=true`: the joint cases (联办件) of other departments waiting for the opinion of this window’s department.',
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
    handler: 'case-get',
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
    handler: 'case-applicant',
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
  ...caseTransitionRoutes,
  {
    id: 'getWindowPost',
    method: 'GET',
    path: '/api/windows/{window}/post',
    handler: 'case-post-rota',
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
    handler: 'case-post-rota',
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
  {
    id: 'lookupProgress',
    method: 'POST',
    path: '/api/public/progress',
    handler: 'public-progress',
    access: 'public',
    summary: '办件进度查询（受理编号 + 查询码）',
    description:
      'Public lookup with the case number and query code of the receipt. Rate-limited per client and per case number; locked after repeated wrong codes. A wrong code and an unknown number get the same 404.',
    tag: 'public',
    request: { body: publicLookupBodySchema },
    responses: {
      200: { description: '办件进度（不含个人信息）。', schema: publicProgressSchema },
      404: problem('Unknown case number or wrong query code — the same answer for both.'),
      429: problem('Too many lookups, or the lookup of this number is locked (Retry-After).'),
    },
  },
];

export const routes: readonly RouteDefinition[] = [
  {
    id: 'getHealth',
    method: 'GET',
    path: '/api/health',
    handler: 'health',
    access: 'public',
    summary: '服务健康状态',
    description: 'Liveness and version of the API. Checks that the table answers.',
    tag: 'meta',
    responses: {
      200: { description: 'The API is up.', schema: healthSchema },
      503: problem('The table did not answer.'),
    },
  },
  {
    id: 'getOpenApi',
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'openapi',
    access: 'public',
    summary: 'OpenAPI 3.1 接口文档',
    description: 'This document, generated from the route table and its schemas.',
    tag: 'meta',
    responses: { 200: { description: 'The OpenAPI 3.1 document.' } },
  },
  {
    id: 'getMe',
    method: 'GET',
    path: '/api/me',
    handler: 'me',
    access: roles,
    summary: '当前登录用户',
    description: 'Who the bearer of the token is, and the roles the token carries.',
    tag: 'staff',
    responses: { 200: { description: 'The signed-in staff member.', schema: meSchema } },
  },
  {
    id: 'runSupervisionSweep',
    method: 'POST',
    path: '/api/supervision/sweeps',
    handler: 'supervision-sweep',
    access: ['supervisor', 'admin'],
    summary: '立即执行一次电子监察巡检',
    description:
      'Runs the supervision sweep now, outside its schedule, and returns its summary. On the local runtime `now` may name another instant (time travel).',
    tag: 'supervision',
    request: { body: sweepRequestSchema },
    responses: {
      200: { description: 'What the sweep examined and changed.', schema: fullSweepSummarySchema },
    },
  },
  {
    id: 'getInbox',
    method: 'GET',
    path: '/api/inbox',
    handler: 'inbox',
    access: roles,
    summary: '我的督办消息（提醒、黄牌、红牌）',
    description:
      'Escalations addressed to the caller: by name (the handling clerk), to their window, to their role in their department (chief; leader for red), or to the supervision office (supervisor, admin). Newest first.',
    tag: 'supervision',
    request: { query: inboxQuerySchema },
    responses: { 200: { description: 'The caller’s inbox.', schema: inboxSchema } },
  },
  {
    id: 'listCards',
    method: 'GET',
    path: '/api/supervision/cards',
    handler: 'supervision-cards',
    access: ['chief', 'leader', 'supervisor', 'admin'],
    summary: '督办单（黄牌、红牌）',
    description:
      'Cards issued to a department, newest first: its chief and leader see their own department’s; the supervision office any department (`department`) or the whole centre. `open=true`: only those still waiting for an answer.',
    tag: 'supervision',
    request: { query: cardsQuerySchema },
    responses: {
      200: { description: 'The cards.', schema: cardsSchema },
      403: problem('Another department’s cards.'),
    },
  },
  {
    id: 'answerCard',
    method: 'POST',
    path: '/api/supervision/card-answers',
    handler: 'supervision-cards',
    access: ['chief', 'leader'],
    summary: '回复督办单',
    description:
      'The department’s answer to a yellow or red card: what it found and what it did. Stops the card’s answer clock (5 working days by default; a late answer is taken and shows when it came). The card id is in the body because it contains `:` and `+`.',
    tag: 'supervision',
    request: { body: cardAnswerBodySchema },
    responses: {
      200: { description: 'The answered card.', schema: cardSchema },
      403: problem('Not the chief or leader of the card’s department.'),
      404: problem('No such card.'),
      409: problem('Already answered, or the card changed since it was read (currentVersion).'),
    },
  },
  ...caseRoutes,
  ...complaintRoutes,
  ...ratingRoutes,
  {
    id: 'notFound',
    method: 'ANY',
    path: '/api/{proxy+}',
    handler: 'not-found',
    access: 'public',
    summary: '未知接口',
    description:
      'Any path under /api that no other route matches: 404, or 405 with Allow when the path exists for other methods.',
    tag: 'meta',
    responses: { 404: problem('No such route.'), 405: problem('The path exists for other methods.') },
  },
];

export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export function findRouteByKey(key: string): RouteDefinition | undefined {
  return routes.find((route) => routeKey(route) === key);
}

export function isPublic(route: RouteDefinition): boolean {
  return route.access === 'public';
}
