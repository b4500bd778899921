/**
 * The appraisal desk page and the public scorecard in Chromium on the real local runtime, over
 * November 2026 as test/support/appraisal-month.ts writes it. The leader reads the ranking and a
 * score's explanation, overrides one award (the error summary first asks for the reason, linked to
 * its field) and confirms the others; then the public scorecard of the month shows the departments'
 * rates and the confirmed awards, while an unpublished month says so. A clerk sees only their own
 * score. Axe-clean, no CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type PlantedMonth, plantNovember } from '../support/appraisal-month.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let browser: BrowserSession;
let csp: CspRecorder;
let month: PlantedMonth;

beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchBrowser();
  csp = await enforceCsp(browser.context, contentSecurityPolicy);
  month = await plantNovember(runtime);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('the appraisal page', () => {
  it('ranks the windows and clerks and explains each score line by line', async () => {
    const page = await signInToDesk(browser, runtime.baseUrl, 'leader', '/desk/appraisal/?period=2026-11');
    await page.locator('#appraisal-result:not([hidden])').waitFor();
    const clerkB = page.locator('#appraisal-clerks').getByRole('row', { name: /李备岗（clerk-b）/ });
    await expect(clerkB.locator('td').nth(2).textContent()).resolves.toBe('92');
    await clerkB.getByText('2 项加减分明细').click();
    const lines = clerkB.locator('.score-lines li');
    await expect(lines.nth(0).textContent()).resolves.toContain('超法定时限办件 -5 分');
    await expect(lines.nth(0).getByRole('link', { name: month.overdue }).getAttribute('href')).resolves.toBe(
      `/desk/case/?no=${month.overdue}`,
    );
    await expect(lines.nth(1).textContent()).resolves.toContain('红牌督办 -3 分');
    await expect(
      page
        .locator('#appraisal-rule')
        .getByRole('row', { name: /^有效投诉/ })
        .textContent(),
    ).resolves.toContain('5 分');
    await expectAxeClean(page, 'appraisal page (ranking, an explanation open)');
    await page.close();
  });

  it('asks for the reason of an override in an error summary, then records it and the confirmations', async () => {
    const page = await signInToDesk(browser, runtime.baseUrl, 'leader', '/desk/appraisal/?period=2026-11');
    await page.locator('#appraisal-result:not([hidden])').waitFor();
    const approval = page.locator('#award-approval-form');
    await approval.getByRole('checkbox', { name: /王窗口（clerk，mz-01）/ }).uncheck();
    await approval.getByRole('checkbox', { name: /冯人社（clerk-rs，rs-01）/ }).check();
    await approval.getByRole('button', { name: '确认服务之星（审批）' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('未按提名确认时，须填写理由。');
    await expectAxeClean(page, 'appraisal page (error summary)');
    await summary.getByRole('link', { name: '未按提名确认时，须填写理由。' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('award-approval-reason');
    await page.keyboard.type('冯人社本月承担了全部延时服务。');
    await approval.getByRole('button', { name: '确认服务之星（审批）' }).click();
    await page.locator('#desk-status').filter({ hasText: '已确认服务之星（审批）。' }).waitFor();
    const record = page.locator('section.award', {
      has: page.getByRole('heading', { name: /服务之星（审批）/ }),
    });
    await expect(record.textContent()).resolves.toContain('冯人社本月承担了全部延时服务。');
    await expect(record.textContent()).resolves.toContain('未按提名确认');

    for (const [form, button] of [
      ['#award-tax-form', '确认服务之星（税务）'],
      ['#award-vehicleTax-form', '确认服务之星（车购税）'],
      ['#award-redFlag-form', '确认红旗窗口'],
    ] as const) {
      await page.locator(form).getByRole('button', { name: button }).click();
      await page
        .locator('#desk-status')
        .filter({ hasText: `已${button}。` })
        .waitFor();
    }
    await page.locator('#appraisal-summary').filter({ hasText: '考核结果已公布' }).waitFor();
    await expectAxeClean(page, 'appraisal page (all confirmed)');
    await page.close();
  });

  it('shows a clerk their own score only, with no form', async () => {
    const page = await signInToDesk(browser, runtime.baseUrl, 'clerk-sw', '/desk/appraisal/?period=2026-11');
    await page.locator('#appraisal-result:not([hidden])').waitFor();
    await expect(page.locator('#appraisal-clerks tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('#appraisal-clerks tbody').textContent()).resolves.toContain(
      '吴税务（clerk-sw）',
    );
    await expect(page.locator('#appraisal-awards form').count()).resolves.toBe(0);
    await expectAxeClean(page, 'appraisal page (a clerk)');
    await page.close();
  });
});

describe('the public scorecard', () => {
  it('shows a published month: each department’s rates and the confirmed awards', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/`);
    await page.getByRole('link', { name: '查看月度考核结果' }).click();
    await page.waitForURL(/\/scorecard\/$/);
    await page.goto(`${runtime.baseUrl}/scorecard/?period=2026-11`);
    await page.locator('#scorecard-result:not([hidden])').waitFor();
    const mz = page.locator('#scorecard-departments').getByRole('row', { name: /^云川市民政局/ });
    await expect(mz.locator('td').allTextContents()).resolves.toEqual([
      '2',
      '1',
      '100.0%（1/1）',
      '100.0%（1/1）',
      '—（0/0）',
    ]);
    const awards = page.locator('#scorecard-awards');
    await expect(awards.textContent()).resolves.toContain(
      '服务之星（审批）：冯人社（云川市人力资源和社会保障局 rs-01 窗口）',
    );
    await expect(awards.textContent()).resolves.toContain('服务之星（税务）：吴税务');
    await expect(awards.textContent()).resolves.toContain('国家税务总局云川市税务局 sw-01 窗口');
    await expectAxeClean(page, 'scorecard (published)');
    await page.close();
  });

  it('says a month is not published yet', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/scorecard/?period=2026-10`);
    await page.locator('#scorecard-status').filter({ hasText: '尚未公布' }).waitFor();
    await expect(page.locator('#scorecard-result').isHidden()).resolves.toBe(true);
    await expectAxeClean(page, 'scorecard (not published)');
    expect(csp.violations).toEqual([]);
    await page.close();
  });
});
