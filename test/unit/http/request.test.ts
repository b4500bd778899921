import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { authorize } from '../../../functions/http/handler.ts';
import { HttpProblem } from '../../../functions/http/problems.ts';
import { parseListClaim, parseRequest, principalOf } from '../../../functions/http/request.ts';
import type { RouteDefinition } from '../../../functions/http/routes.ts';
import { optionalPlainText, plainText } from '../../../functions/http/schemas.ts';

const staffRoute: RouteDefinition = {
  id: 'example',
  method: 'POST',
  path: '/api/examples/{exampleId}',
  handler: 'example',
  access: ['chief'],
  summary: 'example',
  tag: 'test',
  request: {
    params: z.object({ exampleId: z.string().check(z.regex(/^E\d+$/)) }),
    body: z.object({ reason: z.string().check(z.minLength(2)), days: z.number() }),
  },
  responses: { 200: { description: 'ok' } },
};

function event(overrides: Partial<APIGatewayProxyEventV2> & { claims?: Record<string, string> } = {}) {
  const { claims, ...rest } = overrides;
  return {
    version: '2.0',
    routeKey: 'POST /api/examples/{exampleId}',
    rawPath: '/api/examples/E1',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}) },
    ...rest,
  } as unknown as APIGatewayProxyEventV2;
}

function problemOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error.problem;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('claims as API Gateway passes them', () => {
  it('reads bracketed, JSON and single-value list claims', () => {
    expect(parseListClaim('[clerk chief]')).toEqual(['clerk', 'chief']);
    expect(parseListClaim('["clerk","chief"]')).toEqual(['clerk', 'chief']);
    expect(parseListClaim('clerk')).toEqual(['clerk']);
    expect(parseListClaim(undefined)).toEqual([]);
  });

  it('makes a principal with known roles only', () => {
    const principal = principalOf(
      event({ claims: { sub: 'u1', 'cognito:username': 'chief', 'cognito:groups': '[chief mayor]' } }),
    );
    expect(principal).toMatchObject({ subject: 'u1', username: 'chief', roles: ['chief'] });
    expect(principalOf(event())).toBeUndefined();
  });
});

describe('the role check', () => {
  it('refuses a request without a principal with the authorizer document (401)', () => {
    expect(problemOf(() => authorize(staffRoute, undefined)).status).toBe(401);
  });

  it('refuses a principal without one of the route roles (403) and names them', () => {
    const clerk = principalOf(event({ claims: { sub: 'u', 'cognito:groups': '[clerk]' } }));
    const problem = problemOf(() => authorize(staffRoute, clerk));
    expect(problem.status).toBe(403);
    expect(problem.detail).toContain('chief');
  });

  it('lets a principal with a route role through', () => {
    const chief = principalOf(event({ claims: { sub: 'u', 'cognito:groups': '[chief]' } }));
    expect(() => authorize(staffRoute, chief)).not.toThrow();
  });
});

describe('request validation', () => {
  it('returns every field error at once, each with its path and rule, in Chinese', () => {
    const problem = problemOf(() =>
      parseRequest(
        staffRoute,
        event({ pathParameters: { exampleId: 'X' }, body: JSON.stringify({ reason: 'a' }) }),
        undefined,
      ),
    );
    expect(problem.status).toBe(400);
    const fields = problem.errors?.map((error) => `${error.field}:${error.rule}`);
    expect(fields).toEqual([
      'path.exampleId:invalid_format',
      'body.reason:too_small',
      'body.days:invalid_type',
    ]);
    expect(problem.errors?.every((error) => /[\u4e00-\u9fff]/.test(error.message))).toBe(true);
  });

  it('names a body that is not JSON', () => {
    const problem = problemOf(() =>
      parseRequest(staffRoute, event({ pathParameters: { exampleId: 'E1' }, body: '{oops' }), undefined),
    );
    expect(problem.errors).toEqual([{ field: 'body', rule: 'json', message: '请求体不是合法的 JSON。' }]);
  });

  it('passes parsed values through', () => {
    const request = parseRequest(
      staffRoute,
      event({ pathParameters: { exampleId: 'E7' }, body: JSON.stringify({ reason: '理由', days: 3 }) }),
      undefined,
    );
    expect(request.params).toEqual({ exampleId: 'E7' });
    expect(request.body).toEqual({ reason: '理由', days: 3 });
  });

  it('refuses a body larger than the route allows (413) before parsing it, counting bytes not characters', () => {
    const limited: RouteDefinition = {
      ...staffRoute,
      request: { ...staffRoute.request, maxBodyBytes: 64 },
    };
    // 21 Chinese characters are 63 bytes of UTF-8: with the JSON around them, over the limit.
    const body = JSON.stringify({ reason: '理'.repeat(21), days: 1 });
    const problem = problemOf(() =>
      parseRequest(limited, event({ pathParameters: { exampleId: 'E1' }, body }), undefined),
    );
    expect(problem.status).toBe(413);
    expect(problem.errors).toEqual([{ field: 'body', rule: 'max_bytes', message: '不得超过 64 字节。' }]);
    const small = JSON.stringify({ reason: '理由', days: 1 });
    expect(
      parseRequest(limited, event({ pathParameters: { exampleId: 'E1' }, body: small }), undefined).body,
    ).toEqual({ reason: '理由', days: 1 });
  });
});

describe('plain text from the public', () => {
  const schema = z.object({ facts: plainText(10), note: optionalPlainText(5) });
  const issues = (value: unknown) =>
    z.safeParse(schema, value).error?.issues.map((issue) => `${issue.path.join('.')}:${issue.code}`) ?? [];

  it('takes ordinary Chinese text, with punctuation a complaint needs', () => {
    expect(issues({ facts: '窗口人员态度差！（上午）', note: '' })).toEqual(['facts:too_big']);
    expect(issues({ facts: '态度差，未一次告知。' })).toEqual([]);
  });

  it('refuses markup, blanks and oversized text, each by its rule', () => {
    expect(issues({ facts: '<i>x</i>' })).toEqual(['facts:invalid_format']);
    expect(issues({ facts: 'a > b' })).toEqual(['facts:invalid_format']);
    expect(issues({ facts: '好', note: '<b>' })).toEqual(['note:invalid_format']);
    expect(issues({ facts: '   ' })).toEqual(['facts:invalid_format']);
    expect(issues({ facts: '' })).toEqual(['facts:too_small', 'facts:invalid_format']);
    expect(issues({})).toEqual(['facts:invalid_type']);
  });
});
