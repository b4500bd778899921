import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roles } from '../../../functions/domain/roles.ts';
import { allowedMethods, matchRoute } from '../../../functions/http/route-match.ts';
import { isPublic, publicMetaPaths, routeKey, routes } from '../../../functions/http/routes.ts';
import { functionDefinitions, httpFunctionEntry } from '../../../infra/functions.ts';

describe('the route table', () => {
  it('has unique ids and unique route keys', () => {
    expect(new Set(routes.map((route) => route.id)).size).toBe(routes.length);
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
  });

  it('puts every public route under /api/public/, except the read-only meta routes', () => {
    const offenders = routes
      .filter(isPublic)
      .filter((route) => !route.path.startsWith('/api/public/') && !publicMetaPaths.includes(route.path));
    expect(offenders.map(routeKey)).toEqual([]);
  });

  it('keeps every staff route out of /api/public/ and names only known roles', () => {
    for (const route of routes.filter((candidate) => !isPublic(candidate))) {
      expect(route.path.startsWith('/api/public/')).toBe(false);
      expect(route.access.length).toBeGreaterThan(0);
      for (const role of route.access) expect(roles).toContain(role);
    }
  });

  it('points every route at a handler module that exists', () => {
    for (const route of routes)
      expect(existsSync(httpFunctionEntry(route.handler)), route.handler).toBe(true);
  });

  it('makes one function per handler module plus the sweep, the messages job and the figures job', () => {
    const handlers = new Set(routes.map((route) => route.handler));
    const definitions = functionDefinitions();
    expect(definitions.filter((fn) => fn.kind === 'http').map((fn) => fn.entry)).toEqual(
      [...handlers].map(httpFunctionEntry),
    );
    expect(definitions.filter((fn) => fn.kind === 'job').map((fn) => fn.name)).toEqual([
      'SupervisionSweep',
      'MessagesDelivery',
      'FiguresJob',
    ]);
  });
});

describe('route matching, as API Gateway does it', () => {
  it('matches exact paths before the greedy catch-all', () => {
    expect(matchRoute(routes, 'GET', '/api/health')?.route.id).toBe('getHealth');
    expect(matchRoute(routes, 'GET', '/api/nothing/here')?.route.id).toBe('notFound');
    expect(matchRoute(routes, 'POST', '/api/health')?.route.id).toBe('notFound');
  });

  it('binds path variables and the greedy proxy', () => {
    const table = [
      { ...routes[0], id: 'one', path: '/api/cases/{caseNo}' },
      { ...routes[0], id: 'many', path: '/api/cases' },
      { ...routes[0], id: 'any', method: 'ANY', path: '/api/{proxy+}' },
    ] as typeof routes;
    expect(matchRoute(table, 'GET', '/api/cases/YC%2D1')).toMatchObject({
      route: { id: 'one' },
      pathParameters: { caseNo: 'YC-1' },
    });
    expect(matchRoute(table, 'GET', '/api/cases')?.route.id).toBe('many');
    expect(matchRoute(table, 'GET', '/api/cases/1/notes')).toMatchObject({
      route: { id: 'any' },
      pathParameters: { proxy: 'cases/1/notes' },
    });
    expect(matchRoute(table, 'GET', '/other')).toBeUndefined();
  });

  it('lists the methods a path accepts, for the Allow header of a 405', () => {
    expect(allowedMethods(routes, '/api/health')).toEqual(['GET']);
    expect(allowedMethods(routes, '/api/unknown')).toEqual([]);
  });
});
