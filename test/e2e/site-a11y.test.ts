/**
 * Accessibility of the public site: axe (WCAG 2.0–2.2, A and AA) on home, guide pages, search
 * with results, 404 and the listing pages, at desktop width and at 360 px, every page served
 * under the site's content security policy without a violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../site/csp.ts';
import {
  axeCheck,
  type BrowserSession,
  type CspRecorder,
  describeViolations,
  enforceCsp,
  launchBrowser,
} from '../support/browser.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let browser: BrowserSession;
let csp: CspRecorder;

beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchBrowser();
  csp = await enforceCsp(browser.context, contentSecurityPolicy);
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const pages: [string, string][] = [
  ['home', '/'],
  ['guide (promised, special steps, fees)', '/services/YC-BDC-0101/'],
  ['guide (instant)', '/services/YC-MZ-0401/'],
  ['guide (joint)', '/services/YC-SJ-0301/'],
  ['search with results', '/search/?q=老年人'],
  ['404', '/no-such-page/'],
  ['catalogue', '/services/'],
  ['department', '/departments/sw/'],
  ['open data', '/data/'],
  ['bundles', '/bundles/'],
  ['bundle guide', '/bundles/YC-YJS-0004/'],
  ['blank form', '/forms/budongchan-dengji-shenqingshu/'],
];

/** At 360 px, the four pages the site is judged by. */
const narrowPages = pages.filter(([, url]) =>
  ['/', '/services/YC-BDC-0101/', '/search/?q=老年人', '/no-such-page/'].includes(url),
);

describe.each([
  [1280, pages],
  [360, narrowPages],
] as const)('axe at %i px', (width, list) => {
  it.each(list)('%s (%s) has no WCAG A/AA violation', async (_name, url) => {
    const page = await browser.newPage({ width, height: 900 });
    await page.goto(`${runtime.baseUrl}${url}`);
    if (url.startsWith('/search/')) await page.locator('#search-results li').first().waitFor();
    const violations = await axeCheck(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.close();
  });
});

describe('content security policy', () => {
  it('no page above violated it', () => {
    expect(csp.violations).toEqual([]);
  });
});
