/**
 * What a route of the route table is, and the shared response shapes: each area declares its
 * routes with these in `functions/http/<area>/routes.ts`, and routes.ts assembles them.
 */
import type * as z from 'zod/mini';
import type { Role } from '../domain/roles.ts';
import { problemSchema } from './schemas.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

/** `'public'`: no token. Otherwise a valid staff token whose groups include one of the roles. */
export type RouteAccess = 'public' | readonly Role[];

export interface RouteHeader {
  name: string;
  required: boolean;
  description: string;
}

export interface RouteResponse {
  description: string;
  schema?: z.ZodMiniType;
  contentType?: string;
  /** The media types of a body that is not JSON (a file, a page): in the OpenAPI document, a string of that type. */
  media?: readonly string[];
}

export interface RouteDefinition {
  /** Stable operation id, also the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path syntax, including the `/api` prefix: `/api/cases/{caseNo}`. */
  path: string;
  /** `<area>/<module>`: functions/http/<area>/handlers/<module>.ts exports `handler`; one Lambda function per module. */
  handler: string;
  access: RouteAccess;
  summary: string;
  description?: string;
  tag: string;
  request?: {
    params?: z.ZodMiniType;
    query?: z.ZodMiniType;
    body?: z.ZodMiniType;
    /** Request headers the handler reads itself; documented in the OpenAPI document. */
    headers?: readonly RouteHeader[];
    /** Refuse a larger body (413) before parsing it: public forms are small and must stay so. */
    maxBodyBytes?: number;
  };
  responses: Record<number, RouteResponse>;
}

export const problem = (description: string): RouteResponse => ({
  description,
  schema: problemSchema,
  contentType: 'application/problem+json',
});

export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
