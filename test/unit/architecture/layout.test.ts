/**
 * One shape per area (architecture.md): an area's rules, storage and HTTP slice are found by its
 * name in every layer, and the modules of functions/ import each other without circles.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appraisalRoutes } from '../../../functions/http/appraisal/routes.ts';
import { bundleRoutes } from '../../../functions/http/bundles/routes.ts';
import { caseRoutes } from '../../../functions/http/cases/routes.ts';
import { complaintRoutes } from '../../../functions/http/complaints/routes.ts';
import { counterRoutes } from '../../../functions/http/counter/routes.ts';
import { figureRoutes } from '../../../functions/http/figures/routes.ts';
import { messageRoutes } from '../../../functions/http/messages/routes.ts';
import { catchAllRoute, metaRoutes } from '../../../functions/http/meta/routes.ts';
import { ratingRoutes } from '../../../functions/http/ratings/routes.ts';
import type { RouteDefinition } from '../../../functions/http/route-definition.ts';
import { routes } from '../../../functions/http/routes.ts';
import { supervisionRoutes } from '../../../functions/http/supervision/routes.ts';
import { projectRoot } from '../../../infra/functions.ts';

const functionsDir = path.join(projectRoot, 'functions');
const areaRoutes: Record<string, readonly RouteDefinition[]> = {
  bundles: bundleRoutes,
  cases: caseRoutes,
  complaints: complaintRoutes,
  ratings: ratingRoutes,
  supervision: supervisionRoutes,
  counter: counterRoutes,
  messages: messageRoutes,
  figures: figureRoutes,
  appraisal: appraisalRoutes,
  meta: [...metaRoutes, catchAllRoute],
};
/** Areas with rules and data of their own; `meta` is HTTP only. */
const domainAreas = [
  'bundles',
  'cases',
  'complaints',
  'ratings',
  'supervision',
  'counter',
  'messages',
  'figures',
  'appraisal',
];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourcesUnder(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports of a module, static, type-only, re-exports and dynamic alike. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+\.ts)'/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) => path.resolve(path.dirname(file), specifier));
}

describe('one shape per area', () => {
  it.each(domainAreas)('%s has its folder in the domain, the store and http', (area) => {
    for (const layer of ['domain', 'store', 'http']) {
      expect(existsSync(path.join(functionsDir, layer, area)), `${layer}/${area}`).toBe(true);
    }
    for (const part of ['routes.ts', 'schemas.ts', 'handlers']) {
      expect(existsSync(path.join(functionsDir, 'http', area, part)), `http/${area}/${part}`).toBe(true);
    }
  });

  it.each(Object.keys(areaRoutes))('the routes %s declares are handled inside its own folder', (area) => {
    for (const route of areaRoutes[area] ?? []) expect(route.handler.split('/')[0], route.id).toBe(area);
  });

  it('assembles the route table from the areas’ lists and nothing else', () => {
    const fromAreas = Object.values(areaRoutes).flat();
    expect(new Set(routes)).toEqual(new Set(fromAreas));
    expect(routes).toHaveLength(fromAreas.length);
  });

  it('keeps no handler or area module loose in functions/http', () => {
    const loose = readdirSync(path.join(functionsDir, 'http')).filter((name) =>
      /^(handlers|schemas)$|^(case|complaint|rating|supervision)s?[-.]/.test(name),
    );
    expect(loose).toEqual([]);
  });
});

describe('the modules of functions/', () => {
  it('import each other without circles', () => {
    const files = sourcesUnder(functionsDir);
    const graph = new Map(
      files.map((file) => [file, importsOf(file).filter((target) => files.includes(target))]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const trail: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      trail.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') {
          const loop = trail.slice(trail.indexOf(next)).concat(next);
          cycles.push(loop.map((step) => path.relative(functionsDir, step)).join(' → '));
        } else if (!state.has(next)) visit(next);
      }
      trail.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
