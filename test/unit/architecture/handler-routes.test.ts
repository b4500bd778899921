/**
 * Each HTTP function bundles its own area's routes, not the whole route table: a handler module
 * takes its wrapper from its area's `http-handler.ts`, which registers that area's route list. The
 * local runtime loads every area at once, so a handler bound to another area's list would still
 * answer there and fail only in the cloud; this test loads each handler module on its own, as its
 * Lambda function does, and checks that its wrapper serves every route the table gives it.
 */
import { describe, expect, it, vi } from 'vitest';
import { routeKey, routes } from '../../../functions/http/routes.ts';
import { httpFunctionEntry } from '../../../infra/functions.ts';

const handlerModules = [...new Set(routes.map((route) => route.handler))];

describe('the HTTP wrapper of each handler module', () => {
  it.each(handlerModules)('%s, loaded alone, serves its routes and no other area’s', async (handler) => {
    vi.resetModules();
    await import(httpFunctionEntry(handler));
    const { registeredRouteKeys } = await import('../../../functions/http/handler.ts');
    const served = new Set(registeredRouteKeys());
    const area = handler.split('/')[0] as string;
    for (const route of routes.filter((r) => r.handler === handler))
      expect(served).toContain(routeKey(route));
    const others = routes.filter((route) => route.handler.split('/')[0] !== area).map(routeKey);
    expect(others.filter((key) => served.has(key))).toEqual([]);
  });
});
