import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/http/openapi.ts';
import { isPublic, routes } from '../../../functions/http/routes.ts';

type Operation = { operationId: string; security: unknown[]; responses: Record<string, unknown> };

describe('the OpenAPI document', () => {
  const document = openApiDocument('9.9.9') as {
    openapi: string;
    info: { version: string };
    paths: Record<string, Record<string, Operation>>;
  };

  it('is OpenAPI 3.1 with the given version', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('9.9.9');
  });

  it('has exactly one operation per route of the route table', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`,
      ),
    );
    expect(operations.sort()).toEqual(
      routes.map((route) => `${route.method} ${route.path} ${route.id}`).sort(),
    );
  });

  it('marks staff routes as needing a bearer token and documents 401 and 403', () => {
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()] as Operation;
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
    const intake = document.paths['/api/cases']?.post as unknown as {
      parameters: { name: string; in: string; required: boolean }[];
    };
    expect(intake.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
  });
});
