/**
 * 一件事 at the general window, end to end in Chromium on the real local runtime: the general
 * window's clerk takes in the newborn bundle, first meeting the error summary (linked to the
 * field), with the shared 户口簿 line missing; the bundle page lists each part in its department's
 * window and links its case; the one receipt carries the bundle number, the query code and the QR
 * code to the progress page; the one correction notice lists the missing line once; the applicant
 * follows the bundle publicly, masked. Every page is axe-clean and keeps the site's CSP.
 */
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

describe('the general window desk', () => {
  it('takes in a bundle, prints its receipt and correction notice, and the applicant follows it', {
    timeout: 180_000,
  }, async () => {
    const desk = await signInToDesk(browser, runtime.baseUrl, 'clerk-zh', '/desk/bundles/intake/');
    await desk.locator('#f-bundleCode').selectOption('YC-YJS-0001');
    expect(await desk.locator('#bundle-parts').textContent()).toContain('卫生健康');
    // The shared 户口簿 is one line for two items.
    const hukou = desk.locator('fieldset.material', { hasText: '新生儿户口簿' });
    expect(await hukou.count()).toBe(1);
    expect(await hukou.locator('legend').textContent()).toContain('2 个事项共用');
    await hukou.locator('input[value="missing"]').check();
    await expectAxeClean(desk, 'bundle intake form');

    await desk.locator('#f-applicant-name').fill('欧阳娜娜');
    await desk.locator('#f-applicant-idNumber').fill('110105194912310021');
    await desk.locator('#f-applicant-phone').fill('13812345678');
    await desk.locator('#bundle-intake-submit').click();
    const summary = desk.locator('.error-summary');
    await summary.waitFor();
    const link = summary.locator('a[href="#f-applicant-idNumber"]');
    await link.focus();
    await desk.keyboard.press('Enter');
    expect(await desk.evaluate(() => document.activeElement?.id)).toBe('f-applicant-idNumber');
    expect(await desk.locator('#f-applicant-idNumber').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(desk, 'bundle intake with errors');

    await desk.locator('#f-applicant-idNumber').fill('11010519491231002X');
    await desk.locator('#bundle-intake-submit').click();
    await desk.waitForURL(/\/desk\/bundles\/\?no=/);
    const bundleNo = new URL(desk.url()).searchParams.get('no') ?? '';
    expect(bundleNo).toMatch(/^YJYC0001-\d{8}-\d{4}$/);
    await desk.locator('#bundle-view:not([hidden])').waitFor();
    expect(await desk.locator('#bundle-status').textContent()).toBe('办理中');
    const parts = desk.locator('#bundle-parts tr');
    expect(await parts.count()).toBe(4);
    expect(await desk.locator('#bundle-parts').textContent()).toContain('rs-01');
    expect(await desk.locator('body').textContent()).not.toContain('11010519491231002X');
    await expectAxeClean(desk, 'bundle page');

    // The one receipt: bundle number, query code, QR code to the progress page.
    await desk.locator('#bundle-notices a', { hasText: '受理通知书' }).click();
    await desk.locator('#notice:not([hidden])').waitFor();
    expect(await desk.locator('#receipt-bundle-no').textContent()).toBe(bundleNo);
    const queryCode = (await desk.locator('#receipt-query-code').textContent()) ?? '';
    expect(queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(await desk.locator('#notice-parts li').count()).toBe(4);
    const qr = desk.locator('.notice__qr svg[role="img"]');
    expect(await qr.getAttribute('aria-label')).toContain(`/progress/?no=${bundleNo}`);
    await expectAxeClean(desk, 'bundle receipt');

    // The one correction notice: the shared line, once.
    await desk.locator('#notice-back').click();
    await desk.locator('#bundle-notices a', { hasText: '一次性告知书' }).click();
    await desk.locator('#notice:not([hidden])').waitFor();
    const items = await desk.locator('#notice-items li').allTextContents();
    expect(items).toHaveLength(1);
    expect(items[0]).toContain('新生儿户口簿');
    await expectAxeClean(desk, 'bundle correction notice');

    // The general window's list shows it and leads back to it; a part's case opens from there.
    await desk.locator('#notice-back').click();
    await desk.locator('#bundle-view:not([hidden])').waitFor();
    await desk.goto(`${runtime.baseUrl}/desk/bundles/`);
    await desk.locator('#bundle-list:not([hidden])').waitFor();
    await expectAxeClean(desk, 'bundle list');
    await desk.locator('#bundle-list-body a', { hasText: bundleNo }).click();
    await desk.locator('#bundle-view:not([hidden])').waitFor();
    await desk.locator('#bundle-parts a').first().click();
    await desk.locator('#case-view:not([hidden])').waitFor();
    expect(await desk.locator('#case-summary').textContent()).toContain('已收件');

    // The applicant follows the bundle with the receipt's number and code.
    const visitor = await browser.newPage();
    await visitor.goto(`${runtime.baseUrl}/progress/?no=${encodeURIComponent(bundleNo)}`);
    await visitor.locator('#p-queryCode').fill(queryCode.toLowerCase());
    await visitor.locator('#p-queryCode').press('Enter');
    await visitor.locator('#progress-bundle:not([hidden])').waitFor();
    expect(await visitor.locator('#progress-bundle-state').textContent()).toBe('办理中');
    expect(await visitor.locator('#progress-bundle-parts tr').count()).toBe(4);
    const text = (await visitor.locator('main, body').first().textContent()) ?? '';
    for (const personal of ['欧阳', '娜娜', '1101', '13812345678']) expect(text).not.toContain(personal);
    await expectAxeClean(visitor, 'public bundle progress');
    expect(csp.violations).toEqual([]);
  });

  it('hands over one rating link once every part is delivered, and the applicant rates the whole once', {
    timeout: 180_000,
  }, async () => {
    const api = async (user: string, method: string, path: string, body?: object, headers = {}) => {
      const response = await fetch(`${runtime.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await runtime.identity.issue(user)}`,
          'content-type': 'application/json',
          ...headers,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return (await response.json()) as Record<string, unknown>;
    };
    const step = async (user: string, caseNo: string, slug: string, body: object) => {
      const { version } = await api('supervisor', 'GET', `/api/cases/${caseNo}`);
      await api(user, 'POST', `/api/cases/${caseNo}/${slug}`, { version, ...body });
    };
    const taken = await api(
      'clerk-zh',
      'POST',
      '/api/bundles/YC-YJS-0003/intake',
      {
        applicant: {
          kind: 'individual',
          name: '上官清',
          idNumber: '11010519491231002X',
          phone: '13812345678',
        },
        materials: ['b1', 'b2', 'b3', 'b6'].map((id) => ({ id, state: 'submitted' })),
      },
      { 'idempotency-key': `e2e-rating-${Date.now()}` },
    );
    const bundleNo = taken.bundleNo as string;
    const cases = taken.cases as { caseNo: string; department: string }[];
    const rsPart = cases.find((part) => part.department === 'rs')?.caseNo as string;
    const mzPart = cases.find((part) => part.department === 'mz')?.caseNo as string;
    await step('clerk-rs', rsPart, 'acceptance', { told: '受理' });
    await step('clerk-rs', rsPart, 'approval', { told: '准予' });
    await step('clerk-rs', rsPart, 'delivery', { method: 'window' });

    // A part's delivery receipt has no rating of its own: it points to the whole.
    const back = await signInToDesk(browser, runtime.baseUrl, 'clerk-rs', `/desk/receipt/?caseNo=${rsPart}`);
    await back.locator('#receipt:not([hidden])').waitFor();
    expect(await back.locator('#receipt-bundle').textContent()).toContain(bundleNo);
    expect(await back.locator('#receipt-qr svg').count()).toBe(0);
    await expectAxeClean(back, 'delivery receipt of a bundle part');

    const desk = await signInToDesk(browser, runtime.baseUrl, 'clerk-zh', `/desk/bundles/?no=${bundleNo}`);
    await desk.locator('#bundle-view:not([hidden])').waitFor();
    expect(await desk.locator('#bundle-rating').isHidden()).toBe(true);
    await step('clerk', mzPart, 'instant-settlement', { told: '当场办结' });
    await desk.reload();
    await desk.locator('#bundle-rating:not([hidden])').waitFor();
    expect(await desk.locator('#bundle-status').textContent()).toBe('已全部办结');
    const url = (await desk.locator('#bundle-rating-link').textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${runtime.baseUrl}/rate/#c=${bundleNo}&t=[A-Za-z0-9_-]{22}$`));
    await expect(desk.locator('#bundle-rating-qr svg').getAttribute('aria-label')).resolves.toContain(url);
    await expectAxeClean(desk, 'bundle page with its rating link');

    const rater = await browser.newPage();
    await rater.goto(url);
    await rater.locator('#rate-form:not([hidden])').waitFor();
    expect(await rater.locator('main').textContent()).toContain('退休“一件事”');
    await rater.locator('#r-overall-5').check();
    await rater.locator('#rate-submit').click();
    await rater.locator('#rate-status', { hasText: '感谢您的评价' }).waitFor();
    await expectAxeClean(rater, 'rating page of a bundle, rated');
    await rater.reload();
    await rater.locator('#rate-result:not([hidden])').waitFor();
    expect(await rater.locator('#rate-form').isHidden()).toBe(true);
    expect(csp.violations).toEqual([]);
  });
});
