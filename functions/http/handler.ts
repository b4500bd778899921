/**
 * The one wrapper every HTTP function uses: logging and metrics from Powertools, the check that the
 * request came through the CloudFront distribution (origin-check.ts), the route looked up from the
 * event's route key, the role check, request validation, and errors mapped to problem+json in one
 * place.
 *
 * A handler module takes the wrapper from its area (`<area>/http-handler.ts`, bound with
 * {@link areaHttpHandler} to the area's own route list), so a function bundles its area's routes and
 * schemas, not the whole route table.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger, metrics } from './observability.ts';
import { type OriginCheck, originCheckFromEnvironment, originVerifyHeader } from './origin-check.ts';
import {
  forbidden,
  HttpProblem,
  internalProblem,
  problemContentType,
  unauthorizedProblem,
} from './problems.ts';
import { type HttpRequest, type Principal, parseRequest, principalOf } from './request.ts';
import { type RouteDefinition, routeKey } from './route-definition.ts';

export interface HttpResult {
  status: number;
  /**
   * Sent as JSON, except bytes (a file: base64-encoded, as API Gateway expects a binary body) and a
   * string under a `text/*` content type (CSV, HTML), sent as it is.
   */
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteImplementation = (request: HttpRequest, context: Context) => Promise<HttpResult>;

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function problemResponse(problem: HttpProblem['problem'], headers: Record<string, string> = {}) {
  return {
    statusCode: problem.status,
    headers: { ...jsonHeaders, 'content-type': problemContentType, ...headers },
    body: JSON.stringify(problem),
  } satisfies APIGatewayProxyStructuredResultV2;
}

/** The role check the API Gateway authorizer cannot do: groups against the route's access list. */
export function authorize(route: RouteDefinition, principal: Principal | undefined): void {
  if (route.access === 'public') return;
  if (!principal) throw new HttpProblem(unauthorizedProblem);
  const allowed = route.access;
  if (!principal.roles.some((role) => allowed.includes(role))) throw forbidden(allowed);
}

function statusClass(status: number): string {
  return `Http${Math.floor(status / 100)}xx`;
}

/**
 * The routes of the areas loaded in this process, by route key: in a Lambda function, its area's;
 * in the local runtime's function host, every area's. Route keys are unique across the route table.
 */
const registeredRoutes = new Map<string, RouteDefinition>();

function findRouteByKey(key: string): RouteDefinition | undefined {
  return registeredRoutes.get(key);
}

/** The route keys the wrappers loaded in this process serve (the tests check each function's). */
export function registeredRouteKeys(): string[] {
  return [...registeredRoutes.keys()];
}

/** The wrapper for the handlers of one area, which serve routes of `routes` only. */
export function areaHttpHandler(routes: readonly RouteDefinition[]) {
  for (const route of routes) registeredRoutes.set(routeKey(route), route);
  return httpHandler;
}

function httpHandler(implementation: RouteImplementation) {
  // Once per container (each handler module calls httpHandler once, at import); the secret itself
  // is read on the first request.
  const checkOrigin = originCheckFromEnvironment();
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .handler(async (event, context) => {
      const response = await respond(implementation, event, context, checkOrigin);
      metrics.addMetric(statusClass(response.statusCode ?? 200), MetricUnit.Count, 1);
      return response;
    });
}

function encodedBody(result: HttpResult): { body: string; isBase64Encoded?: boolean } {
  const { body } = result;
  if (body === undefined) return { body: '' };
  if (body instanceof Uint8Array) {
    return {
      body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'),
      isBase64Encoded: true,
    };
  }
  const type = result.headers?.['content-type'] ?? '';
  if (typeof body === 'string' && type.startsWith('text/')) return { body };
  return { body: JSON.stringify(body) };
}

async function respond(
  implementation: RouteImplementation,
  event: APIGatewayProxyEventV2,
  context: Context,
  checkOrigin: OriginCheck | undefined,
): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    // Before anything else: a request that bypassed the distribution learns nothing, not even
    // whether its route exists.
    if (checkOrigin) {
      await checkOrigin(event.headers);
      // No handler sees the secret, so none can echo or log it.
      delete event.headers[originVerifyHeader];
    }
    const route = findRouteByKey(event.routeKey);
    if (!route) throw new Error(`No route in the route table for ${event.routeKey}`);
    // Who may ask comes before what was asked: a refused caller learns nothing from validation.
    const principal = principalOf(event);
    authorize(route, principal);
    const request = parseRequest(route, event, principal);
    const result = await implementation(request, context);
    return {
      statusCode: result.status,
      headers: { ...jsonHeaders, ...result.headers },
      ...encodedBody(result),
    };
  } catch (error) {
    if (error instanceof HttpProblem) {
      logger.info('Request refused', { routeKey: event.routeKey, status: error.problem.status });
      return problemResponse(error.problem, error.headers);
    }
    logger.error('Unexpected error', { routeKey: event.routeKey, error: error as Error });
    return problemResponse(internalProblem);
  }
}
