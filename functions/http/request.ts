/**
 * Turning an API Gateway v2 event into a validated request: the caller's identity from the JWT
 * authorizer's claims, and path, query and body checked against the route's schemas.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { isRole, type Role } from '../domain/roles.ts';
import { type FieldError, invalidRequest, payloadTooLarge } from './problems.ts';
import type { RouteDefinition } from './routes.ts';

// The Chinese messages, made on the first refused request: a valid one never needs them.
let zhMessages: z.core.$ZodErrorMap | undefined;
z.config({
  localeError: (issue) => {
    zhMessages ??= zhCN().localeError as z.core.$ZodErrorMap;
    return zhMessages(issue);
  },
});

export interface Principal {
  subject: string;
  username: string;
  roles: Role[];
  /** The raw (string-valued) claims, as API Gateway hands them over. */
  claims: Record<string, string>;
}

export interface HttpRequest {
  route: RouteDefinition;
  params: unknown;
  query: unknown;
  body: unknown;
  principal: Principal | undefined;
  event: APIGatewayProxyEventV2;
}

type AuthorizedEvent = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, string | number | boolean> } } };
};

/**
 * API Gateway hands every claim over as a string; an array claim such as `cognito:groups` becomes
 * `[clerk chief]`. A JSON array and a single value are accepted too.
 */
export function parseListClaim(value: string | number | boolean | undefined): string[] {
  if (value === undefined) return [];
  const text = String(value).trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed.map(String) : [];
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return text ? [text] : [];
}

export function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  const claims = (event as AuthorizedEvent).requestContext.authorizer?.jwt?.claims;
  if (!claims || claims.sub === undefined) return undefined;
  const stringClaims = Object.fromEntries(Object.entries(claims).map(([key, value]) => [key, String(value)]));
  return {
    subject: String(claims.sub),
    username: String(claims['cognito:username'] ?? claims.username ?? claims.sub),
    roles: parseListClaim(claims['cognito:groups']).filter(isRole),
    claims: stringClaims,
  };
}

function fieldErrors(location: string, error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    rule: issue.code,
    message: issue.message,
  }));
}

function parseBody(event: APIGatewayProxyEventV2, maxBytes: number | undefined): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (maxBytes !== undefined && Buffer.byteLength(text, 'utf8') > maxBytes) throw payloadTooLarge(maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest([{ field: 'body', rule: 'json', message: '请求体不是合法的 JSON。' }]);
  }
}

/** Validates the event against the route's schemas; all field errors at once, as one 400. */
export function parseRequest(
  route: RouteDefinition,
  event: APIGatewayProxyEventV2,
  principal: Principal | undefined,
): HttpRequest {
  const parts = {
    path: [route.request?.params, event.pathParameters ?? {}],
    query: [route.request?.query, event.queryStringParameters ?? {}],
    body: [
      route.request?.body,
      route.request?.body ? parseBody(event, route.request.maxBodyBytes) : undefined,
    ],
  } as const;
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [location, [schema, raw]] of Object.entries(parts)) {
    if (!schema) {
      values[location] = raw;
      continue;
    }
    const result = z.safeParse(schema, raw);
    if (result.success) values[location] = result.data;
    else errors.push(...fieldErrors(location, result.error));
  }
  if (errors.length > 0) throw invalidRequest(errors);
  return {
    route,
    params: values.path,
    query: values.query,
    body: values.body,
    principal,
    event,
  };
}
