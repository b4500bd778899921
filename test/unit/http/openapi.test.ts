import SwaggerParser from '@apidevtools/swagger-parser';
import { validate as readmeValidate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { isCatchAll, openApiDocument } from '../../../functions/http/openapi.ts';
import { isPublic, type RouteDefinition, routes } from '../../../functions/http/routes.ts';

type Operation = {
  operationId: string;
  security: unknown[];
  parameters?: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};
type CatchAllOperation = Operation & { method: string; path: string };
type Document = {
  openapi: string;
  info: { version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
  'x-yichuang-catch-all': CatchAllOperation[];
};

/** The validators resolve `$ref`s in place, so each gets its own copy. */
const freshDocument = () => openApiDocument('9.9.9') as Document;
const document = freshDocument();

function operationOf(route: RouteDefinition): Operation | undefined {
  return isCatchAll(route)
    ? document['x-yichuang-catch-all'].find((operation) => operation.operationId === route.id)
    : document.paths[route.path]?.[route.method.toLowerCase()];
}

async function swaggerParserVerdict(candidate: object): Promise<string> {
  try {
    await SwaggerParser.validate(candidate as never);
    return 'valid';
  } catch (error) {
    return (error as Error).message;
  }
}

async function readmeParserVerdict(candidate: object): Promise<string> {
  const result = await readmeValidate(candidate as never);
  return result.valid ? 'valid' : result.errors.map((error) => error.message).join('\n');
}

/**
 * Neither parser looks inside a Schema Object (the OpenAPI 3.1 meta-schema lets any object
 * through), so each one is compiled as JSON Schema 2020-12 — the 3.1 dialect — with Ajv in
 * strict mode, which also refuses keywords it does not know. Most schemas repeat (every case
 * transition answers the same case view), so each distinct one is compiled once.
 */
const ajv = new Ajv2020({ strict: true, validateFormats: false });
const compileFaults = new Map<string, string | undefined>();

function compileFault(schema: object): string | undefined {
  const key = JSON.stringify(schema);
  if (!compileFaults.has(key)) {
    try {
      ajv.compile(schema);
      compileFaults.set(key, undefined);
    } catch (error) {
      compileFaults.set(key, (error as Error).message);
    }
  }
  return compileFaults.get(key);
}

async function schemaObjectFaults(candidate: object): Promise<{ checked: number; faults: string[] }> {
  const resolved = (await SwaggerParser.dereference(candidate as never)) as unknown as Document;
  const found: [string, object][] = Object.entries(resolved.components.schemas).map(([name, schema]) => [
    `components/schemas/${name}`,
    schema,
  ]);
  for (const [path, item] of Object.entries(resolved.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const parameter of operation.parameters ?? [])
        found.push([`${at} ${parameter.name}`, parameter.schema]);
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {}))
        found.push([`${at} body ${type}`, media.schema]);
      for (const [status, response] of Object.entries(operation.responses))
        for (const [type, media] of Object.entries(response.content ?? {}))
          found.push([`${at} ${status} ${type}`, media.schema]);
    }
  }
  const faults = found.flatMap(([where, schema]) => {
    const fault = compileFault(schema);
    return fault ? [`${where}: ${fault}`] : [];
  });
  return { checked: found.length, faults };
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the given version', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('9.9.9');
  });

  it('has exactly one operation per route of the route table', () => {
    const operations = [
      ...Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(
          ([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`,
        ),
      ),
      ...document['x-yichuang-catch-all'].map(
        (operation) => `${operation.method} ${operation.path} ${operation.operationId}`,
      ),
    ];
    expect(operations.sort()).toEqual(
      routes.map((route) => `${route.method} ${route.path} ${route.id}`).sort(),
    );
  });

  it('keeps the catch-all out of paths (OpenAPI has no ANY method and no greedy {proxy+}) and describes it at the root', () => {
    const catchAll = routes.filter(isCatchAll);
    expect(catchAll.map((route) => `${route.method} ${route.path}`)).toEqual(['ANY /api/{proxy+}']);
    expect(document.paths).not.toHaveProperty(['/api/{proxy+}']);
    for (const [path, methods] of Object.entries(document.paths)) {
      expect(path).not.toMatch(/\+\}/);
      for (const method of Object.keys(methods))
        expect(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']).toContain(method);
    }
    expect(document['x-yichuang-catch-all']).toEqual([
      expect.objectContaining({
        method: 'ANY',
        path: '/api/{proxy+}',
        operationId: 'notFound',
        responses: expect.objectContaining({ 404: expect.anything(), 405: expect.anything() }),
      }),
    ]);
    expect(document.info.description).toContain('ANY /api/{proxy+}');
  });

  it('marks staff routes as needing a bearer token and documents 401 and 403', () => {
    for (const route of routes) {
      const operation = operationOf(route) as Operation;
      if (isPublic(route)) {
        expect(operation.security).toEqual([]);
      } else {
        expect(operation.security).toEqual([{ bearer: [] }]);
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
  });

  it('carries the response schemas of the route table', () => {
    const health = document.paths['/api/health']?.get as unknown as {
      responses: { 200: { content: { 'application/json': { schema: { properties: object } } } } };
    };
    expect(Object.keys(health.responses[200].content['application/json'].schema.properties)).toEqual([
      'status',
      'version',
      'time',
    ]);
  });

  it('documents the request headers a route reads itself', () => {
    const intake = document.paths['/api/cases']?.post as Operation;
    expect(intake.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
  });
});

describe('the OpenAPI document, checked by independent validators', () => {
  it('passes @apidevtools/swagger-parser (the OpenAPI 3.1 schema)', async () => {
    expect(await swaggerParserVerdict(freshDocument())).toBe('valid');
  });

  it('passes @readme/openapi-parser (the 3.1 schema plus the rules it cannot express: path parameters, unique operation ids)', async () => {
    const result = await readmeValidate(freshDocument() as never);
    expect(result).toMatchObject({ valid: true, warnings: [], specification: 'OpenAPI' });
  });

  it('has only Schema Objects that are valid JSON Schema 2020-12', async () => {
    const { checked, faults } = await schemaObjectFaults(freshDocument());
    expect(faults).toEqual([]);
    expect(checked).toBeGreaterThan(routes.length);
  });

  // Controls: the same checks on broken copies, so a validator that saw nothing cannot pass.
  it('would refuse the catch-all under a method key `any` (the old shape)', async () => {
    const broken = freshDocument();
    const {
      method: _method,
      path: _path,
      ...notFound
    } = broken['x-yichuang-catch-all'][0] as CatchAllOperation;
    (broken.paths as Record<string, unknown>)['/api/{proxy+}'] = { any: notFound };
    expect(await swaggerParserVerdict(structuredClone(broken))).toContain(
      '#/paths/~1api~1{proxy+} must NOT have unevaluated properties',
    );
    expect(await readmeParserVerdict(structuredClone(broken))).toContain('any is not expected to be here');
  });

  it('would refuse a path template without its path parameter and a duplicated operation id', async () => {
    const broken = freshDocument();
    const getCase = broken.paths['/api/cases/{caseNo}']?.get as Operation;
    getCase.parameters = [];
    (broken.paths['/api/health']?.get as Operation).operationId = 'getMe';
    const verdict = await readmeParserVerdict(broken);
    expect(verdict).toContain('missing path parameter(s) for `{caseNo}`');
    expect(verdict).toContain('The operationId `getMe` is duplicated');
  });

  it('would refuse a Schema Object with an unknown type', async () => {
    const broken = freshDocument();
    const health = broken.paths['/api/health']?.get as Operation;
    (health.responses['200']?.content?.['application/json']?.schema as { type: string }).type = 'strin';
    expect((await schemaObjectFaults(broken)).faults).toEqual([
      expect.stringMatching(/^GET \/api\/health 200 application\/json: schema is invalid/),
    ]);
  });
});
