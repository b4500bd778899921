/** Ratings (好差评, domain.md §8) and the rectification of bad ratings: their routes in the one route table (routes.ts spreads them in). */

import { rectificationSteps } from '../../domain/ratings/steps.ts';
import type { Role } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { conflictProblemSchema } from '../schemas.ts';
import {
  figuresQuerySchema,
  figuresSchema,
  publicRatingSchema,
  ratingLinkSchema,
  ratingLookupBodySchema,
  ratingMaxBodyBytes,
  ratingParamsSchema,
  ratingSubmitBodySchema,
  rectificationBodySchemas,
  rectificationQuerySchema,
  rectificationQueueSchema,
  rectificationRouteIds,
  staffRatingSchema,
  submittedRatingSchema,
} from './schemas.ts';

const ratingReaders: readonly Role[] = ['clerk', 'chief', 'leader', 'supervisor'];

const stepRoutes: RouteDefinition[] = rectificationSteps.map((rule) => ({
  id: rectificationRouteIds[rule.type],
  method: 'POST',
  path: `/api/ratings/{caseNo}/rectification/${rule.slug}`,
  handler: 'ratings/rectification',
  access: [
    ...new Set(
      rule.actors.map(
        (actor): Role => (actor === 'assignee' ? 'clerk' : actor === 'chief' ? 'chief' : 'supervisor'),
      ),
    ),
  ],
  summary: `差评整改：${rule.label}`,
  description: `Step “${rule.label}” of a bad rating’s rectification, from ${rule.from.join(' / ')}. Body \`version\`: the rating version the step was decided on (409 with \`currentVersion\` when it moved on).`,
  tag: 'ratings',
  request: { params: ratingParamsSchema, body: rectificationBodySchemas[rule.type] },
  responses: {
    200: { description: '办理后的评价与整改。', schema: staffRatingSchema },
    403: problem(
      rule.actors.includes('supervisor')
        ? 'Not the supervision office.'
        : 'Not the clerk who handled the case (or their A/B backup while away), nor the department’s chief.',
    ),
    404: problem('No rating for this case number.'),
    409: {
      description: '评价已被修改（currentVersion 为当前版本），或当前整改状态不能办理此步骤。',
      schema: conflictProblemSchema,
      contentType: 'application/problem+json',
    },
  },
}));

export const ratingRoutes: RouteDefinition[] = [
  {
    id: 'getRatingLink',
    method: 'GET',
    path: '/api/cases/{caseNo}/rating-link',
    handler: 'ratings/link',
    access: ['clerk', 'chief'],
    summary: '出件回执的评价链接与二维码内容',
    description:
      'The rating link of a delivered case, for the delivery receipt: `/rate/#c=<caseNo>&t=<token>` (the token in the fragment). Creates the rating invitation if the delivery did not.',
    tag: 'ratings',
    request: { params: ratingParamsSchema },
    responses: {
      200: { description: '评价链接。', schema: ratingLinkSchema },
      403: problem('A case of another department.'),
      404: problem('No case with this number.'),
      422: problem('The case is not delivered yet, or is a part of a 一件事 (rated once, as a whole).'),
    },
  },
  {
    id: 'lookupRating',
    method: 'POST',
    path: '/api/public/ratings/lookup',
    handler: 'ratings/public',
    access: 'public',
    summary: '打开评价链接（办件信息、已有评价与整改告知）',
    description:
      'What the rater sees when opening the link (a case number, or a 一件事’s bundle number): the item or bundle, the window, the day of the visit; once rated, the rating; once told, what was done. An unknown case and a forged token get the same 404. Rate-limited per client.',
    tag: 'public',
    request: { body: ratingLookupBodySchema, maxBodyBytes: 1024 },
    responses: {
      200: { description: '评价页内容（不含个人信息）。', schema: publicRatingSchema },
      404: problem('Unknown case or wrong token — the same answer for both.'),
      429: problem('Too many requests from this client (Retry-After).'),
    },
  },
  {
    id: 'submitRating',
    method: 'POST',
    path: '/api/public/ratings',
    handler: 'ratings/public',
    access: 'public',
    summary: '提交评价（好差评）',
    description:
      'One rating per visit: the write is conditional on no rating yet, so a reused link or two browsers at once give exactly one rating (the other gets 409). A bad rating (1 or 2) with `asComplaint: true` is also filed as an anonymous complaint (channel `badRating`, answered online): its number and query code are in this answer only, and of concurrent or retried submissions exactly one files it. Staff may not rate for the public: a request with an Authorization header is refused (403). Rate-limited per client.',
    tag: 'public',
    request: { body: ratingSubmitBodySchema, maxBodyBytes: ratingMaxBodyBytes },
    responses: {
      201: {
        description: '已评价（差评转投诉时附投诉编号和一次性显示的查询码）。',
        schema: submittedRatingSchema,
      },
      403: problem('A staff token was sent: staff may not rate for the public.'),
      404: problem('Unknown case or wrong token — the same answer for both.'),
      409: problem('This visit was rated already; nothing changed.'),
      413: problem('The body is larger than the route allows.'),
      429: problem('Too many requests from this client (Retry-After).'),
    },
  },
  {
    id: 'listRectifications',
    method: 'GET',
    path: '/api/ratings/rectifications',
    handler: 'ratings/read',
    access: ratingReaders,
    summary: '差评整改待办',
    description:
      'The open rectifications of a window, earliest deadline first: a clerk’s own window; a chief’s or leader’s department windows; the supervision office any window (`window`) or all.',
    tag: 'ratings',
    request: { query: rectificationQuerySchema },
    responses: {
      200: { description: '待办整改。', schema: rectificationQueueSchema },
      403: problem('A window of another department.'),
    },
  },
  {
    id: 'getRatingFigures',
    method: 'GET',
    path: '/api/ratings/figures',
    handler: 'ratings/read',
    access: ['clerk', 'chief', 'leader', 'supervisor', 'admin'],
    summary: '好差评统计（按窗口、按月）',
    description:
      'Per window for a month: visits, ratings, rating rate, satisfaction rate (level ≥ 3, upheld appeals excluded), bad ratings, call-back rate, rectification rate, closed. A clerk sees their own window; a chief or leader their department; supervision and admin all.',
    tag: 'ratings',
    request: { query: figuresQuerySchema },
    responses: {
      200: { description: '统计。', schema: figuresSchema },
      403: problem('A window of another department.'),
    },
  },
  {
    id: 'getRating',
    method: 'GET',
    path: '/api/ratings/{caseNo}',
    handler: 'ratings/read',
    access: ratingReaders,
    summary: '评价与差评整改详情',
    description:
      'The rating of a case, its rectification with clocks evaluated now, the history, and the steps open.',
    tag: 'ratings',
    request: { params: ratingParamsSchema },
    responses: {
      200: { description: '评价。', schema: staffRatingSchema },
      403: problem('A rating of another department.'),
      404: problem('No rating for this case number.'),
    },
  },
  ...stepRoutes,
];
