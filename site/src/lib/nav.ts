/**
 * The site's main navigation. An entry is shown only when a page for it exists: pages owned by
 * other parts of the project (progress lookup, complaints, ratings) appear in the menu as soon as
 * their page file is added under src/pages at one of the listed paths.
 */
export interface NavEntry {
  label: string;
  href: string;
}

interface NavCandidate {
  label: string;
  /** Acceptable routes, in order of preference; the first one that has a page is linked. */
  hrefs: string[];
}

const candidates: NavCandidate[] = [
  { label: '首页', hrefs: ['/'] },
  { label: '办事指南', hrefs: ['/services/'] },
  { label: '一件事', hrefs: ['/bundles/'] },
  { label: '搜索', hrefs: ['/search/'] },
  { label: '预约办事', hrefs: ['/counter/book/'] },
  { label: '办件查询', hrefs: ['/lookup/', '/cases/', '/track/', '/progress/'] },
  { label: '投诉', hrefs: ['/complaints/', '/complaint/'] },
  { label: '评价', hrefs: ['/ratings/', '/rating/', '/rate/'] },
  { label: '考核公开', hrefs: ['/scorecard/'] },
];

/** Route of a page module path such as `../pages/lookup/index.astro` → `/lookup/`. */
export function routeOfPage(modulePath: string): string | undefined {
  const match = /\/pages\/(.*)\.(astro|md|mdx|html)$/.exec(modulePath);
  if (!match?.[1] || match[1].includes('[')) return undefined;
  const route = match[1].replace(/(^|\/)index$/, '');
  return route === '' ? '/' : `/${route}/`;
}

const existingRoutes = new Set(
  Object.keys(import.meta.glob('../pages/**/*.{astro,md,mdx,html}'))
    .map(routeOfPage)
    .filter((route): route is string => route !== undefined),
);

export const nav: NavEntry[] = candidates.flatMap((candidate) => {
  const href = candidate.hrefs.find((route) => existingRoutes.has(route));
  return href ? [{ label: candidate.label, href }] : [];
});
