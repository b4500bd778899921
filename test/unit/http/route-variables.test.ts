/**
 * API Gateway refuses two routes whose paths have variables of different names at the same
 * level under the same parent (`/bundles/{bundleCode}/intake` beside `/bundles/{bundleNo}`): the
 * deployment would fail although synth passes. The route table keeps one name per level.
 */
import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/http/routes.ts';

describe('the route table', () => {
  it('uses one variable name per path level under the same parent', () => {
    const names = new Map<string, Set<string>>();
    for (const route of routes) {
      const parts = route.path.split('/');
      parts.forEach((part, index) => {
        if (!part.startsWith('{') || part.endsWith('+}')) return;
        const parent = parts.slice(0, index).join('/');
        const seen = names.get(parent) ?? new Set<string>();
        seen.add(part);
        names.set(parent, seen);
      });
    }
    const conflicts = [...names]
      .filter(([, seen]) => seen.size > 1)
      .map(([parent, seen]) => `${parent}: ${[...seen]}`);
    expect(conflicts).toEqual([]);
  });
});
