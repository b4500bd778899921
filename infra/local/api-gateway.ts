/**
 * The local stand-in for the HTTP API: matches the route table, runs the JWT authorizer's checks,
 * turns the request into the payload-2.0 event API Gateway sends, invokes the same function, and
 * holds the function's answer to the response shape API Gateway accepts.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { gatewayProblem, problemContentType } from '../../functions/http/problems.ts';
import { matchRoute } from '../../functions/http/route-match.ts';
import { isPublic, routeKey, routes } from '../../functions/http/routes.ts';
import { functionForHandler } from '../functions.ts';
import type { FunctionHost } from './function-host.ts';
import { claimsAsApiGatewayPassesThem, type IdentityIssuer } from './identity.ts';

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * API Gateway's own answers, which never reach a function, as the cloud delivers them: the edge
 * function on `/api/*` has replaced the gateway's bare `{"message"}` body with a problem document.
 */
const gatewayAnswer = (status: number): GatewayResponse => ({
  status,
  headers: { 'content-type': problemContentType, 'cache-control': 'no-store' },
  cookies: [],
  body: Buffer.from(JSON.stringify(gatewayProblem(status))),
});

export const payloadLimitBytes = 10 * 1024 * 1024;

const textContent = /^(text\/|application\/(json|[\w.+-]*\+json|x-www-form-urlencoded|xml|javascript))/i;

export class ResponseShapeError extends Error {}

/** Reads a function's result the way API Gateway reads payload format 2.0. */
export function toGatewayResponse(result: unknown): GatewayResponse {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    // No statusCode: API Gateway treats the whole result as a JSON body with status 200.
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result)),
    };
  }
  const shaped = result as Record<string, unknown>;
  const problems: string[] = [];
  const status = shaped.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    problems.push('statusCode must be an integer HTTP status');
  }
  if (shaped.body !== undefined && typeof shaped.body !== 'string') problems.push('body must be a string');
  if (shaped.isBase64Encoded !== undefined && typeof shaped.isBase64Encoded !== 'boolean') {
    problems.push('isBase64Encoded must be a boolean');
  }
  const headers: Record<string, string> = {};
  if (shaped.headers !== undefined) {
    if (typeof shaped.headers !== 'object' || shaped.headers === null)
      problems.push('headers must be an object');
    else {
      for (const [name, value] of Object.entries(shaped.headers)) {
        if (!['string', 'number', 'boolean'].includes(typeof value))
          problems.push(`header ${name} must be a scalar`);
        else headers[name.toLowerCase()] = String(value);
      }
    }
  }
  const cookies = shaped.cookies ?? [];
  if (!Array.isArray(cookies) || cookies.some((cookie) => typeof cookie !== 'string')) {
    problems.push('cookies must be an array of strings');
  }
  if (problems.length > 0) throw new ResponseShapeError(problems.join('; '));
  const body = (shaped.body as string | undefined) ?? '';
  return {
    status: status as number,
    headers,
    cookies: cookies as string[],
    body: shaped.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body),
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function headerMap(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryParameters(search: URLSearchParams): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const key of new Set(search.keys())) parameters[key] = search.getAll(key).join(',');
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

function requestTime(now: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(now.getUTCDate())}/${months[now.getUTCMonth()]}/${now.getUTCFullYear()}:${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} +0000`;
}

export interface ApiGateway {
  handle(request: IncomingMessage, body: Buffer): Promise<GatewayResponse>;
}

export function createApiGateway(
  host: FunctionHost,
  identity: IdentityIssuer,
  log: (line: string) => void,
): ApiGateway {
  return {
    async handle(request, body) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = (request.method ?? 'GET').toUpperCase();
      if (body.length > payloadLimitBytes) return gatewayAnswer(413);
      const match = matchRoute(routes, method, url.pathname);
      if (!match) return gatewayAnswer(404);
      const { route, pathParameters } = match;

      let claims: Record<string, string> | undefined;
      if (!isPublic(route)) {
        const token = bearerToken(request.headers.authorization);
        if (!token) return gatewayAnswer(401);
        try {
          claims = claimsAsApiGatewayPassesThem(await identity.verify(token));
        } catch {
          return gatewayAnswer(401);
        }
      }

      const now = new Date();
      const contentType = request.headers['content-type'] ?? '';
      const binary = body.length > 0 && contentType !== '' && !textContent.test(contentType);
      const headers = headerMap(request);
      const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
        version: '2.0',
        routeKey: routeKey(route),
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        ...(request.headers.cookie ? { cookies: request.headers.cookie.split(/;\s*/) } : {}),
        headers,
        ...(queryParameters(url.searchParams)
          ? { queryStringParameters: queryParameters(url.searchParams) }
          : {}),
        ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${request.httpVersion}`,
            sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId: randomUUID(),
          routeKey: routeKey(route),
          stage: '$default',
          time: requestTime(now),
          timeEpoch: now.getTime(),
          ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
        },
        ...(body.length > 0
          ? { body: binary ? body.toString('base64') : body.toString('utf8'), isBase64Encoded: binary }
          : { isBase64Encoded: false }),
      };

      try {
        return toGatewayResponse(await host.invoke(functionForHandler(route.handler), event));
      } catch (error) {
        log(`${routeKey(route)} failed: ${(error as Error).message}`);
        return gatewayAnswer(500);
      }
    },
  };
}
