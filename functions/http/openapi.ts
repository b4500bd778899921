/**
 * The OpenAPI 3.1 document, generated from the route table and its schemas: a route added to the
 * table appears here without hand work. The test suite validates it with independent validators
 * and generates a typed client from it, so it must stay valid OpenAPI, not just look like it.
 */
import * as z from 'zod/mini';
import { roleLabels } from '../domain/roles.ts';
import { unauthorizedProblem } from './problems.ts';
import { isPublic, type RouteDefinition, routes } from './routes.ts';
import { problemSchema } from './schemas.ts';

type JsonSchema = Record<string, unknown>;

/** The methods an OpenAPI path item can hold; API Gateway's `ANY` is not one of them. */
const openApiMethods: ReadonlySet<string> = new Set([
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]);

/** API Gateway's greedy path variable (`{proxy+}` matches any rest of the path); OpenAPI has none. */
const greedyPathVariable = /\{[^}]+\+\}/;

/**
 * A catch-all route (method `ANY`, or a greedy path) answers requests no other route takes. OpenAPI
 * cannot express it — a path template matches one segment, and a path item has no "any method" —
 * and a client never calls it on purpose, so it is described at the root instead of under `paths`.
 */
export function isCatchAll(route: RouteDefinition): boolean {
  return !openApiMethods.has(route.method.toLowerCase()) || greedyPathVariable.test(route.path);
}

/** Each schema's JSON Schema text, by direction: converted once, however many routes use it. */
const converted = new WeakMap<z.ZodMiniType, Partial<Record<'input' | 'output', string>>>();

/**
 * The JSON Schema of a schema. The route table reuses schemas (every case transition answers the
 * case view, every refusal is a problem), and converting them is most of the work of building the
 * document, which the OpenAPI function does at its cold start: each is converted once, and each
 * use gets its own copy, as a fresh conversion would give.
 */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const texts = converted.get(schema) ?? {};
  converted.set(schema, texts);
  if (texts[io] === undefined) {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
    }) as JsonSchema;
    texts[io] = JSON.stringify(rest);
  }
  return JSON.parse(texts[io]) as JsonSchema;
}

function parameters(route: RouteDefinition): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [location, schema] of [
    ['path', route.request?.params],
    ['query', route.request?.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      list.push({
        name,
        in: location,
        required: location === 'path' || (object.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  for (const header of route.request?.headers ?? []) {
    list.push({
      name: header.name,
      in: 'header',
      required: header.required,
      description: header.description,
      schema: { type: 'string', minLength: 1 },
    });
  }
  return list;
}

function operation(route: RouteDefinition): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const contentType = response.contentType ?? 'application/json';
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { [contentType]: { schema: jsonSchema(response.schema, 'output') } } }
        : {}),
      ...(response.media
        ? {
            content: Object.fromEntries(
              response.media.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
            ),
          }
        : {}),
    };
  }
  const problem = { $ref: '#/components/schemas/Problem' };
  if (route.request && Object.values(route.request).some(Boolean)) {
    responses['400'] ??= {
      description: '请求内容有误：errors 列出每个字段和规则。',
      content: { 'application/problem+json': { schema: problem } },
    };
  }
  if (!isPublic(route)) {
    responses['401'] ??= {
      description: unauthorizedProblem.title,
      content: { 'application/problem+json': { schema: problem } },
    };
    responses['403'] ??= {
      description: '角色不符。',
      content: { 'application/problem+json': { schema: problem } },
    };
  }
  const access = isPublic(route)
    ? '公开接口，无需登录。'
    : `需要角色：${(route.access as readonly (keyof typeof roleLabels)[]).map((role) => `${role}（${roleLabels[role]}）`).join('、')}。`;
  return {
    operationId: route.id,
    summary: route.summary,
    description: [route.description, access].filter(Boolean).join('\n\n'),
    tags: [route.tag],
    ...(isPublic(route) ? { security: [] } : { security: [{ bearer: [] }] }),
    ...(parameters(route).length > 0 ? { parameters: parameters(route) } : {}),
    ...(route.request?.body
      ? {
          requestBody: {
            required: !z.safeParse(route.request.body, undefined).success,
            content: { 'application/json': { schema: jsonSchema(route.request.body, 'input') } },
          },
        }
      : {}),
    responses,
    'x-yichuang-access': isPublic(route) ? 'public' : route.access,
    'x-yichuang-handler': route.handler,
  };
}

export function openApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes.filter((route) => !isCatchAll(route))) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation(route);
  }
  const catchAll = routes.filter(isCatchAll);
  return {
    openapi: '3.1.0',
    info: {
      title: '一窗 Yichuang API',
      version,
      description: [
        '政务服务中心窗口系统接口。公开接口位于 /api/public/ 之下；其余接口需要工作人员的访问令牌。',
        ...catchAll.map(
          (route) =>
            `${route.method} ${route.path}（${route.summary}）：OpenAPI 无法表达，不列入 paths，见 x-yichuang-catch-all。${route.description}`,
        ),
      ].join('\n\n'),
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    paths,
    'x-yichuang-catch-all': catchAll.map((route) => ({
      method: route.method,
      path: route.path,
      ...operation(route),
    })),
    components: {
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito 用户池令牌（本地运行时：npx yichuang token <用户>）。',
        },
      },
    },
  };
}
