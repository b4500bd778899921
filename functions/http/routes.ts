/**
 * The one route table. The CDK HTTP API, the local HTTP adapter, the OpenAPI document and the
 * tests all read it; nothing else declares a route.
 */
import type * as z from 'zod/mini';
import type { Role } from '../domain/roles.ts';
import { roles } from '../domain/roles.ts';
import { healthSchema, meSchema, problemSchema, sweepSummarySchema } from './schemas/common.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

/** `'public'`: no token. Otherwise a valid staff token whose groups include one of the roles. */
export type RouteAccess = 'public' | readonly Role[];

export interface RouteResponse {
  description: string;
  schema?: z.ZodMiniType;
  contentType?: string;
}

export interface RouteDefinition {
  /** Stable operation id, also the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path syntax, including the `/api` prefix: `/api/cases/{caseNo}`. */
  path: string;
  /** Module under functions/http/handlers/ that exports `handler`; one Lambda function per module. */
  handler: string;
  access: RouteAccess;
  summary: string;
  description?: string;
  tag: string;
  request?: {
    params?: z.ZodMiniType;
    query?: z.ZodMiniType;
    body?: z.ZodMiniType;
  };
  responses: Record<number, RouteResponse>;
}

/**
 * Public routes live under `/api/public/` so throttling and WAF rules can tell them apart. The
 * only exceptions are these meta routes, which read no data: health, this document, and the
 * catch-all that answers unknown paths with problem+json instead of API Gateway's bare 404.
 */
export const publicMetaPaths: readonly string[] = ['/api/health', '/api/openapi.json', '/api/{proxy+}'];

const problem = (description: string): RouteResponse => ({
  description,
  schema: problemSchema,
  contentType: 'application/problem+json',
});

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
    description: 'Runs the supervision sweep now, outside its schedule, and returns its summary.',
    tag: 'supervision',
    responses: { 200: { description: 'What the sweep examined and changed.', schema: sweepSummarySchema } },
  },
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
