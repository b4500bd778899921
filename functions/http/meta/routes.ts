/**
 * Meta routes: health, the OpenAPI document, who the token belongs to, and the catch-all that
 * answers unknown paths with problem+json instead of API Gateway's bare 404.
 */
import { roles } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { healthSchema, meSchema } from './schemas.ts';

/**
 * Public routes live under `/api/public/` so throttling and WAF rules can tell them apart. The
 * only exceptions are these meta routes, which read no data: health, this document, and the
 * catch-all.
 */
export const publicMetaPaths: readonly string[] = ['/api/health', '/api/openapi.json', '/api/{proxy+}'];

export const metaRoutes: readonly RouteDefinition[] = [
  {
    id: 'getHealth',
    method: 'GET',
    path: '/api/health',
    handler: 'meta/health',
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
    handler: 'meta/openapi',
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
    handler: 'meta/me',
    access: roles,
    summary: '当前登录用户',
    description: 'Who the bearer of the token is, and the roles the token carries.',
    tag: 'staff',
    responses: { 200: { description: 'The signed-in staff member.', schema: meSchema } },
  },
];

/** Matched last by API Gateway (and route-match.ts): any path no other route has. */
export const catchAllRoute: RouteDefinition = {
  id: 'notFound',
  method: 'ANY',
  path: '/api/{proxy+}',
  handler: 'meta/not-found',
  access: 'public',
  summary: '未知接口',
  description:
    'Any path under /api that no other route matches: 404, or 405 with Allow when the path exists for other methods.',
  tag: 'meta',
  responses: { 404: problem('No such route.'), 405: problem('The path exists for other methods.') },
};
