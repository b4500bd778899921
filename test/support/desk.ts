/**
 * What the desk's browser flows share: signing in through the local issuer and the axe check with
 * what was checked in the message. (browser.ts stays free of vitest: the bench uses it too.)
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeCheck, type BrowserSession, describeViolations } from './browser.ts';

/** No axe WCAG 2.2 A/AA finding on the page; the failure names `what` and lists the findings. */
export async function expectAxeClean(page: Page, what: string): Promise<void> {
  const violations = await axeCheck(page);
  expect(violations, `${what}\n${describeViolations(violations)}`).toEqual([]);
}

export interface SignIn {
  /** Press the sign-in button with Enter instead of clicking it. */
  keyboard?: boolean;
  /** Check the local sign-in page with axe first. */
  checkAxe?: boolean;
}

/**
 * Opens the desk at `path` in a fresh tab of `browser` (its own sessionStorage) and signs in as
 * `username` through the local issuer (code + PKCE); resolves on `path`, signed in.
 */
export async function signInToDesk(
  browser: BrowserSession,
  baseUrl: string,
  username: string,
  path = '/desk/',
  { keyboard = false, checkAxe = false }: SignIn = {},
): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/local-idp\/authorize\?/);
  if (checkAxe) await expectAxeClean(page, 'local sign-in page');
  await page.getByRole('radio', { name: new RegExp(`— ${username} \\(`) }).check();
  const submit = page.locator('button[type="submit"]');
  if (keyboard) {
    await submit.focus();
    await page.keyboard.press('Enter');
  } else {
    await submit.click();
  }
  await page.waitForURL((url) => url.pathname === new URL(path, 'http://x').pathname);
  await page.locator('#desk-signout:not([hidden])').waitFor();
  return page;
}
