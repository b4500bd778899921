/**
 * 容缺受理 and 告知承诺制 at the desk, end to end in Chromium on the real local runtime: the clerk marks a
 * secondary material owed and ticks the signed commitment at intake, accepts, prints the
 * 容缺受理通知书 (the owed material, its form, the deadline, the consequence), meets the refusal of
 * approval naming the owed material, records it supplied, and approves. 告知承诺制: a case decided
 * on the applicant's commitment, a false verification, the 撤销决定书, and the bar on that
 * applicant's next intake on a path (until when, nothing more). Every page is axe-clean and none
 * violates the content security policy.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
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

async function openAction(page: Page, type: string): Promise<void> {
  const details = page.locator(`details:has(#action-${type})`);
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.locator('> summary').focus();
    await page.keyboard.press('Enter');
  }
}

async function act(
  page: Page,
  type: string,
  label: string,
  fill: Record<string, string> = {},
): Promise<void> {
  await openAction(page, type);
  for (const [name, value] of Object.entries(fill)) {
    const field = page.locator(`#a-${type}-${name}`);
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.locator(`#action-${type} button[type="submit"]`).click();
  await page.locator('#desk-status', { hasText: `已办理：${label}` }).waitFor();
}

describe('the acceptance paths at the desk', () => {
  it('takes a case in with an owed material, prints the notice, refuses approval until it is supplied', {
    timeout: 180_000,
  }, async () => {
    const desk = await signInToDesk(browser, runtime.baseUrl, 'clerk', '/desk/intake/');
    await desk.locator('#f-itemCode').selectOption('YC-MZ-0102');
    await desk.locator('#f-commitments:not([hidden])').waitFor();
    expect(await desk.locator('#deferred-commitment-text').textContent()).toContain('承诺');
    await desk.locator('#f-applicant-name').fill('孙八');
    await desk.locator('#f-applicant-idNumber').fill('320106198503150014');
    await desk.locator('#f-applicant-phone').fill('13700001111');
    await desk.locator('input[name="material-m6"][value="owed"]').check();
    // Owed without the signed commitment: refused, the summary points at the commitment.
    await desk.locator('#intake-submit').click();
    await desk.locator('.error-summary a[href="#f-commitments-deferredAcceptance"]').waitFor();
    await expectAxeClean(desk, 'intake with an owed material');
    await desk.locator('input[name="signedDeferred"]').check();
    await desk.locator('#intake-submit').click();
    await desk.waitForURL(/\/desk\/case\/\?no=/);
    await desk.locator('#case-view:not([hidden])').waitFor();
    expect(await desk.locator('#case-summary').textContent()).toContain('容缺受理承诺');
    await act(desk, 'accept', '受理');
    expect(await desk.locator('#case-owed').textContent()).toContain('社会团体法人登记证书');
    const due = (await desk.locator('#case-owed-due').textContent()) ?? '';
    expect(due).toMatch(/\d{4}-\d{2}-\d{2}|\d{4}年/);
    expect(await desk.locator('#case-clocks').textContent()).toContain('容缺材料补齐');
    await expectAxeClean(desk, 'case page with owed materials');

    await openAction(desk, 'approve');
    await desk.locator('#action-approve button[type="submit"]').click();
    const summary = desk.locator('details:has(#action-approve) .error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('社会团体法人登记证书');

    await desk.locator('#case-notices a', { hasText: '容缺受理通知书' }).click();
    await desk.locator('#notice:not([hidden])').waitFor();
    expect(await desk.locator('#notice-title').textContent()).toBe('容缺受理通知书');
    const table = (await desk.locator('#owed-materials').textContent()) ?? '';
    expect(table).toContain('社会团体法人登记证书');
    expect(table).toContain('纸质');
    expect(table).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await desk.locator('#owed-consequence').textContent()).toContain('暂停办理');
    await expectAxeClean(desk, 'deferred acceptance notice');

    await desk.locator('#notice-back').click();
    await desk.locator('#case-view:not([hidden])').waitFor();
    await act(desk, 'supplyOwed', '补齐容缺材料');
    expect(await desk.locator('#case-summary').textContent()).toContain('已补齐');
    await act(desk, 'approve', '准予许可');
    expect(await desk.locator('#case-summary').textContent()).toContain('已办结');
    expect(csp.violations).toEqual([]);
  });

  it('decides on a commitment, revokes it on a false verification, and bars the applicant’s next intake on a path', {
    timeout: 180_000,
  }, async () => {
    const fillApplicant = async (page: Page) => {
      await page.locator('#f-itemCode').selectOption('YC-SJ-0201');
      await page.locator('#f-applicant-name').fill('周九');
      await page.locator('#f-applicant-idNumber').fill('440304199001010011');
      await page.locator('#f-applicant-phone').fill('13600002222');
    };
    const desk = await signInToDesk(browser, runtime.baseUrl, 'clerk-sj', '/desk/intake/');
    await fillApplicant(desk);
    await desk.locator('#f-commitments-commitmentDecision:not([hidden])').waitFor();
    expect(await desk.locator('#decision-liability-text').textContent()).toContain('撤销');
    await desk.locator('input[name="signedDecision"]').check();
    await desk.locator('#intake-submit').click();
    await desk.waitForURL(/\/desk\/case\/\?no=/);
    await desk.locator('#case-view:not([hidden])').waitFor();
    expect(await desk.locator('#case-summary').textContent()).toContain('告知承诺');
    await act(desk, 'accept', '受理');
    await act(desk, 'approve', '准予许可');
    expect(await desk.locator('#case-clocks').textContent()).toContain('事后核查');
    await expectAxeClean(desk, 'case page with a verification clock');

    await act(desk, 'recordVerification', '登记核查结果', {
      result: 'false',
      evidence: '现场核查：经营场所与承诺不符',
    });
    expect(await desk.locator('#case-summary').textContent()).toContain('已撤销');
    await desk.locator('#case-notices a', { hasText: '撤销决定书' }).click();
    await desk.locator('#notice:not([hidden])').waitFor();
    expect(await desk.locator('#notice-title').textContent()).toBe('撤销决定书');
    const bar = (await desk.locator('#revocation-bar').textContent()) ?? '';
    expect(bar).toMatch(/至 \d{4}年\d{1,2}月\d{1,2}日/);
    expect(await desk.locator('#revocation-remedies').textContent()).toContain('行政复议');
    await expectAxeClean(desk, 'revocation notice');

    // The same ID number, on the path again: refused, the summary says until when.
    await desk.goto(`${runtime.baseUrl}/desk/intake/`);
    await fillApplicant(desk);
    await desk.locator('input[name="signedDecision"]').check();
    await desk.locator('#intake-submit').click();
    const refusal = desk.locator('.error-summary a[href="#f-commitments"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/\d{4}-\d{2}-\d{2}（含）前不适用容缺受理和告知承诺制/);
    await expectAxeClean(desk, 'intake refused for a broken commitment');
    expect(csp.violations).toEqual([]);
  });
});
