/**
 * The public route of the case area: the progress lookup. Apart from the staff routes (routes.ts
 * spreads it into the area's list), so the public function bundles its own schemas only.
 */
import * as z from 'zod/mini';
import { bundlePublicProgressSchema } from '../bundles/public-schemas.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { publicLookupBodySchema, publicProgressSchema } from './public-schemas.ts';

export const publicCaseRoutes: readonly RouteDefinition[] = [
  {
    id: 'lookupProgress',
    method: 'POST',
    path: '/api/public/progress',
    handler: 'cases/public-progress',
    access: 'public',
    summary: '办件进度查询（受理编号 + 查询码）',
    description:
      'Public lookup with the case number and query code of the receipt, or a bundle number (`YJ…`) and its query code: then the bundle with each part. Rate-limited per client and per case number; locked after repeated wrong codes. A wrong code and an unknown number get the same 404.',
    tag: 'public',
    request: { body: publicLookupBodySchema },
    responses: {
      200: {
        description: '办件进度，或“一件事”及其各事项的进度（不含个人信息）。',
        schema: z.lazy(() => z.union([publicProgressSchema, bundlePublicProgressSchema])),
      },
      404: problem('Unknown case number or wrong query code — the same answer for both.'),
      429: problem('Too many lookups, or the lookup of this number is locked (Retry-After).'),
    },
  },
];
