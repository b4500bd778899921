/**
 * The one route table. The CDK HTTP API, the local HTTP adapter, the OpenAPI document and the
 * tests all read it; nothing else declares a route.
 */
import type { z } from 'zod/mini';
import type { Role } from '../domain/roles.ts';
import { healthSchema, problemSchema } from './schemas/common.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
 * only exceptions are these read-only meta routes, which carry no personal data.
 */
export const publicMetaPaths: readonly string[] = ['/api/health', '/api/openapi.json'];

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
