/**
 * The README's API section stays true to the route table: every route is named there, by its path
 * or — for the routes a README line lists as one template with its steps (`POST
 * /api/cases/{caseNo}/{transition}`: `acceptance`, `approval`…) — by its last path segment in code
 * and its area's path prefix. A route added without a word in the README fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/http/routes.ts';
import { projectRoot } from '../../../infra/functions.ts';

const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
/** Every word of every code span (`…`) of the README. */
const codeWords = new Set(
  [...readme.matchAll(/`([^`\n]+)`/g)].flatMap((match) => (match[1] as string).split(/[^A-Za-z0-9-]+/)),
);

/** The path with any names for its variables: `/api/complaints/{no}` names `/api/complaints/{complaintNo}`. */
function pathPattern(routePath: string): RegExp {
  const escaped = routePath
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{[A-Za-z0-9+]+\\?\}/g, '\\{[A-Za-z0-9+]+\\}');
  return new RegExp(`${escaped}(?![A-Za-z/-])`);
}

function namedInReadme(routePath: string): boolean {
  if (pathPattern(routePath).test(readme)) return true;
  const segments = routePath.split('/').filter(Boolean);
  const last = segments.at(-1) as string;
  if (last.startsWith('{')) return false;
  const prefix = `/${segments.slice(0, 2).join('/')}`;
  return codeWords.has(last) && readme.includes(prefix);
}

describe('the README’s API section', () => {
  it('names every route of the route table', () => {
    const unnamed = routes.filter((route) => !namedInReadme(route.path)).map((r) => `${r.method} ${r.path}`);
    expect(unnamed).toEqual([]);
  });

  it('lists every case transition in the table’s transition row', () => {
    const row = readme.split('\n').find((line) => line.includes('`POST /api/cases/{caseNo}/{transition}`'));
    const slugs = routes
      .filter((route) => route.method === 'POST' && /^\/api\/cases\/\{caseNo\}\/[a-z-]+$/.test(route.path))
      .map((route) => route.path.split('/').at(-1) as string);
    expect(slugs.length).toBeGreaterThan(15);
    for (const slug of slugs) expect(row, slug).toContain(`\`${slug}\``);
  });
});
