/**
 * Chromium for the browser tests: playwright-core driving the Debian chromium (fonts-noto-cjk
 * installed so Chinese renders), a fresh profile per launch, plus helpers for axe and for serving
 * pages under a content security policy.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'yichuang-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async newPage(options = {}) {
      const page = await context.newPage();
      if (options.width) await page.setViewportSize({ width: options.width, height: options.height ?? 800 });
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** WCAG 2.0, 2.1 and 2.2 level A and AA rules. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export async function axeCheck(page: Page): Promise<AxeResults['violations']> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations;
}

/** One line per violation and node, for a readable assertion message. */
export function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${v.help}`))
    .join('\n');
}

export interface CspRecorder {
  /** Violations reported by the browser (report-uri, securitypolicyviolation events, console). */
  violations: string[];
}

const reportPath = '/__csp-report';

/**
 * Serves every response of the context with the given content security policy (as the CDN
 * would) and records violations: the policy gets a report-uri that the route answers itself,
 * pages get a listener for securitypolicyviolation, and console errors about the policy count too.
 */
export async function enforceCsp(
  context: BrowserContext,
  csp: string,
  options: {
    /** Responses that keep the policy they were sent with (reported too), e.g. a storage stand-in's files. */
    ownPolicy?: (url: URL) => boolean;
  } = {},
): Promise<CspRecorder> {
  const recorder: CspRecorder = { violations: [] };
  const policy = `${csp}; report-uri ${reportPath}`;
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (new URL(request.url()).pathname === reportPath) {
      recorder.violations.push(`report: ${request.postData() ?? ''}`);
      await route.fulfill({ status: 204 });
      return;
    }
    // Redirects go to the browser as they are, so it shows each target under its own URL.
    const response = await route.fetch({ maxRedirects: 0 });
    const own = response.headers()['content-security-policy'];
    const sent =
      own && options.ownPolicy?.(new URL(request.url())) ? `${own}; report-uri ${reportPath}` : policy;
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': sent } });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|CSP violation/i.test(text)) recorder.violations.push(`console: ${text}`);
    });
    page.on('worker', (worker) => {
      worker.on('console', (message) => {
        const text = message.text();
        if (/Content Security Policy|CSP violation/i.test(text)) recorder.violations.push(`worker: ${text}`);
      });
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return recorder;
}
