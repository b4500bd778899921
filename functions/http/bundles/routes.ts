/**
 * Bundle routes (一件事, domain.md §11): intake at a general window and the bundle as staff see it.
 * The record is at `/api/bundle-records/{bundleNo}`, not `/api/bundles/{bundleNo}`: API Gateway
 * refuses two variables of different names at one level, and `{bundleCode}` is the catalogue's
 * code. The public follows a bundle through the progress lookup (cases/public-progress), which
 * takes a bundle number as well as a case number. routes.ts assembles them into the route table.
 */
import { problem, type RouteDefinition } from '../route-definition.ts';
import {
  bundleCodeParamsSchema,
  bundleIntakeBodySchema,
  bundleIntakeResultSchema,
  bundleListQuerySchema,
  bundleListSchema,
  bundleNoParamsSchema,
  bundleRatingLinkSchema,
  bundleViewSchema,
} from './schemas.ts';

export const bundleRoutes: readonly RouteDefinition[] = [
  {
    id: 'takeInBundle',
    method: 'POST',
    path: '/api/bundles/{bundleCode}/intake',
    handler: 'bundles/intake',
    access: ['clerk'],
    summary: '一件事收件（综合窗口）',
    description:
      'Intake of a whole bundle at a general window (无差别受理): one bundle number and query code, one case per item in its department’s back-office queue, each with its own clocks; the merged material list’s states go to every item a line covers. Requires `Idempotency-Key`: a retry with the same key returns the same bundle, finishing what an interrupted attempt left, never a second one. The query code appears in this response only.',
    tag: 'bundles',
    request: {
      params: bundleCodeParamsSchema,
      body: bundleIntakeBodySchema,
      headers: [
        {
          name: 'Idempotency-Key',
          required: true,
          description: '每次收件一个新值；以同一值重试得到同一“一件事”受理编号和查询码，不会重复收件。',
        },
      ],
    },
    responses: {
      201: {
        description: '已收件：一件事受理编号、一次性显示的查询码和各事项的办件。',
        schema: bundleIntakeResultSchema,
      },
      403: problem('Not a clerk of a general window (综合窗口).'),
      404: problem('No bundle with this code in the catalogue.'),
      409: problem('A request with the same Idempotency-Key is still running.'),
      422: problem('The Idempotency-Key was used for a different request.'),
    },
  },
  {
    id: 'getBundle',
    method: 'GET',
    path: '/api/bundle-records/{bundleNo}',
    handler: 'bundles/get',
    access: ['clerk', 'chief', 'leader', 'supervisor'],
    summary: '一件事详情（各事项办理情况）',
    description:
      'One bundle: the record (applicant masked), the merged material list as taken in, and each part’s case status, deadline and warning now; the derived status (inProgress / done / partlyRefused). Readers: the general windows, the departments of its parts, the supervision office.',
    tag: 'bundles',
    request: { params: bundleNoParamsSchema },
    responses: {
      200: { description: '一件事。', schema: bundleViewSchema },
      403: problem('Neither a general window nor a department of one of its parts.'),
      404: problem('No bundle with this number.'),
    },
  },
  {
    id: 'getBundleRatingLink',
    method: 'GET',
    path: '/api/bundle-records/{bundleNo}/rating-link',
    handler: 'bundles/rating-link',
    access: ['clerk'],
    summary: '一件事的评价链接与二维码内容（整体评价一次）',
    description:
      'A 一件事 is rated once, as a whole, when every part is delivered: `/rate/#c=<bundleNo>&t=<token>` (the token in the fragment), for the general window to hand over; its parts have no rating link of their own. A bad rating opens a rectification assigned to the general window’s clerk who took it in. Clerks of a general window.',
    tag: 'bundles',
    request: { params: bundleNoParamsSchema },
    responses: {
      200: { description: '评价链接。', schema: bundleRatingLinkSchema },
      403: problem('Not a clerk of a general window.'),
      404: problem('No bundle with this number.'),
      422: problem('Not every part is delivered yet (or a part ended without its result).'),
    },
  },
  {
    id: 'listBundles',
    method: 'GET',
    path: '/api/bundle-records',
    handler: 'bundles/list',
    access: ['clerk', 'supervisor'],
    summary: '综合窗口收件的一件事',
    description:
      'The bundles a general window took in, most recent first (its intake; the departments count the handling of the parts). A general window’s clerk lists their own window (the default); the supervision office any general window. Cursor pagination.',
    tag: 'bundles',
    request: { query: bundleListQuerySchema },
    responses: {
      200: { description: '一页一件事。', schema: bundleListSchema },
      400: problem('Not a general window, or a cursor of another listing.'),
      403: problem('A clerk of another window.'),
    },
  },
];
