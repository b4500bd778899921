/**
 * A function bundles its area's whole route list but validates its own routes' requests only, and
 * the response schemas serve the OpenAPI document alone. So every schema the route table names is
 * built on first use (`z.lazy`, functions/http/schemas.ts): a schema built when its module loads
 * costs every cold start of every function of its area.
 */
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { routes } from '../../../functions/http/routes.ts';

function schemasOf(route: (typeof routes)[number]): [string, z.ZodMiniType][] {
  const { params, query, body } = route.request ?? {};
  return [
    ...Object.entries({ params, query, body }).flatMap(([part, schema]) =>
      schema ? [[part, schema] as [string, z.ZodMiniType]] : [],
    ),
    ...Object.entries(route.responses).flatMap(([status, response]) =>
      response.schema ? [[status, response.schema] as [string, z.ZodMiniType]] : [],
    ),
  ];
}

describe('the schemas of the route table', () => {
  it('are each built on first use, not when their module loads', () => {
    const eager = routes.flatMap((route) =>
      schemasOf(route)
        .filter(([, schema]) => schema._zod.def.type !== 'lazy')
        .map(([part]) => `${route.id} ${part}`),
    );
    expect(eager).toEqual([]);
    expect(routes.flatMap(schemasOf).length).toBeGreaterThan(routes.length);
  });
});
