/**
 * Ratings end to end in Chromium on the real local runtime: a case delivered over the API; the
 * clerk's desk prints the delivery receipt with the rating link and its QR code; two raters open
 * the link in two browsers and submit at once — one rating is recorded, the other browser is told
 * the visit was rated; the bad rating appears in the handler's rectification queue; the handler
 * calls back, fixes at once, tells the rater and closes on the desk; the rater reopens the link and
 * sees what was done. Both raters also ask for the bad rating to be filed as a complaint: one
 * complaint, its number and query code on the winner's page; the rating page links to it (still
 * open after the rectification closed) and it links back; the rater follows it with the code. The
 * rating page is axe-clean with nothing pre-selected; no CSP violation.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let desk: BrowserSession;
const raters: BrowserSession[] = [];
const recorders: CspRecorder[] = [];

beforeAll(async () => {
  runtime = await startTestRuntime();
  desk = await launchBrowser();
  recorders.push(await enforceCsp(desk.context, contentSecurityPolicy));
  for (let i = 0; i < 2; i += 1) {
    const rater = await launchBrowser();
    recorders.push(await enforceCsp(rater.context, contentSecurityPolicy));
    raters.push(rater);
  }
}, 120_000);
afterAll(async () => {
  for (const session of [desk, ...raters]) await session?.close();
  await runtime?.stop();
});

async function api(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const token = await runtime.identity.issue('clerk');
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A case of mz-01 taken in, accepted, approved and delivered by clerk, over the API. */
async function deliveredCase(): Promise<string> {
  const intake = await api(
    'POST',
    '/api/cases',
    {
      itemCode: 'YC-MZ-0102',
      applicant: { kind: 'individual', name: '张三丰', idNumber: '11010519491231002X', phone: '13812345678' },
      materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
    },
    { 'idempotency-key': randomUUID() },
  );
  expect(intake.status).toBe(201);
  const caseNo = intake.body.caseNo as string;
  const steps: [string, Record<string, unknown>][] = [
    ['acceptance', { told: '受理' }],
    ['approval', { told: '准予变更登记' }],
    ['delivery', { method: 'window' }],
  ];
  for (const [index, [slug, body]] of steps.entries()) {
    expect((await api('POST', `/api/cases/${caseNo}/${slug}`, { version: index + 1, ...body })).status).toBe(
      200,
    );
  }
  return caseNo;
}

const signIn = (username: string, path: string) => signInToDesk(desk, runtime.baseUrl, username, path);

async function takeStep(
  page: Page,
  step: string,
  label: string,
  fill: Record<string, string>,
): Promise<void> {
  const details = page.locator(`details:has(#step-${step})`);
  await details.locator('> summary').click();
  for (const [name, value] of Object.entries(fill)) await page.locator(`#r-${step}-${name}`).fill(value);
  await page.locator(`#step-${step} button[type="submit"]`).click();
  await page.locator('#desk-status', { hasText: `已办理：${label}` }).waitFor();
}

describe('ratings', () => {
  it('from the delivery receipt to a closed rectification the rater can see', {
    timeout: 240_000,
  }, async () => {
    const caseNo = await deliveredCase();

    // The case page links to the receipt; the receipt shows the QR code and the link.
    const clerk = await signIn('clerk', `/desk/case/?no=${encodeURIComponent(caseNo)}`);
    const receiptLink = clerk.locator(`a[href="/desk/receipt/?caseNo=${caseNo}"]`);
    await receiptLink.waitFor();
    await receiptLink.click();
    await clerk.locator('#receipt:not([hidden])').waitFor();
    const url = (await clerk.locator('#receipt-link').textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${runtime.baseUrl}/rate/#c=${caseNo}&t=[A-Za-z0-9_-]{22}$`));
    await expect(clerk.locator('#receipt-qr svg[role="img"] path').getAttribute('d')).resolves.toMatch(
      /^M\d/,
    );
    await expect(clerk.locator('#receipt-qr svg').getAttribute('aria-label')).resolves.toContain(url);
    await expectAxeClean(clerk, 'delivery receipt');

    // Two raters open the link; nothing is pre-selected; both submit at once.
    const pages = await Promise.all(raters.map((rater) => rater.newPage()));
    for (const page of pages) {
      await page.goto(url);
      await page.locator('#rate-form:not([hidden])').waitFor();
      expect(await page.locator('input[type="radio"]:checked').count()).toBe(0);
    }
    await expectAxeClean(pages[0] as Page, 'rating page');
    // 同时作为投诉提交 is offered for a bad rating only.
    const first = pages[0] as Page;
    await first.locator('#r-overall-4').check();
    expect(await first.locator('#r-complaint').isHidden()).toBe(true);
    for (const page of pages) {
      await page.locator('#r-overall-1').check();
      await page.locator('#r-attitude-1').check();
      await page.locator('#r-comment').fill('等候时间太长');
      await page.getByLabel('同时作为投诉提交').check();
      await page.getByLabel('投诉内容（可选）').fill('叫号后窗口无人');
    }
    await expectAxeClean(first, 'rating page with the complaint option');
    await Promise.all(pages.map((page) => page.locator('#rate-submit').click()));
    const outcomes = await Promise.all(
      pages.map(async (page) => {
        const status = page.locator('#rate-status', { hasText: /感谢您的评价|已评价/ });
        await status.waitFor();
        await page.locator('#rate-result:not([hidden])').waitFor();
        return (await status.textContent()) ?? '';
      }),
    );
    expect(outcomes.filter((text) => text.includes('感谢您的评价'))).toHaveLength(1);
    expect(outcomes.filter((text) => text.includes('此次办事已评价'))).toHaveLength(1);
    for (const page of pages)
      await expect(page.locator('#rate-given').textContent()).resolves.toContain('非常不满意');
    // One complaint: its number and query code on the winner's page, once; its number on the other's.
    const winner = pages[outcomes.findIndex((text) => text.includes('感谢您的评价'))] as Page;
    const loser = pages[outcomes.findIndex((text) => text.includes('此次办事已评价'))] as Page;
    const complaintNo = (await winner.locator('#rate-complaint-no').textContent()) ?? '';
    const complaintCode = (await winner.locator('#rate-complaint-code').textContent()) ?? '';
    expect(complaintNo).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(complaintCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    await loser.locator('#rate-complaint-link', { hasText: complaintNo }).waitFor();
    expect(await loser.locator('#rate-complaint-code').count()).toBe(0);
    await expectAxeClean(winner, 'rating page, rated, with the complaint receipt');

    // The bad rating is in the handler's rectification queue.
    await clerk.goto(`${runtime.baseUrl}/desk/ratings/`);
    const row = clerk.locator(`#rectifications-body tr[data-case="${caseNo}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('待回访');
    await clerk.locator('#figures:not([hidden])').waitFor();
    await expectAxeClean(clerk, 'ratings page');

    // The handler closes the loop on the desk.
    await row.locator('a').click();
    await clerk.locator('#rating-view:not([hidden])').waitFor();
    await expectAxeClean(clerk, 'rating item page');
    await takeStep(clerk, 'callBack', '回访核实', { verified: '电话回访：等候约 40 分钟，情况属实' });
    await takeStep(clerk, 'fixAtOnce', '立即整改', { done: '高峰时段增开 2 号窗口' });
    await takeStep(clerk, 'tellRater', '告知评价人', {
      how: '电话',
      what: '已在高峰时段增开窗口，感谢您的监督',
    });
    await takeStep(clerk, 'close', '办结', {});
    await expect(clerk.locator('#rating-summary').textContent()).resolves.toContain('已办结');
    await expect(clerk.locator('#rating-complaint').textContent()).resolves.toContain(complaintNo);
    await clerk.goto(`${runtime.baseUrl}/desk/ratings/`);
    await clerk.locator('#rectifications-empty:not([hidden])').waitFor();

    // The rater reopens the link and sees what was done.
    const again = await (raters[0] as BrowserSession).newPage();
    await again.goto(url);
    const told = again.locator('#rate-outcome-told');
    await told.waitFor();
    await expect(told.textContent()).resolves.toContain('已在高峰时段增开窗口，感谢您的监督');
    expect(await again.locator('#rate-form').isHidden()).toBe(true);
    await expectAxeClean(again, 'rating page with the outcome');

    // The supervision office follows the link to the complaint, still open, and back to the rating.
    const office = await signIn('supervisor', `/desk/ratings/item/?caseNo=${encodeURIComponent(caseNo)}`);
    await office.locator('#rating-complaint a').click();
    await office.locator('#complaint-detail:not([hidden])').waitFor();
    expect(await office.locator('#complaint-state').textContent()).toBe('已登记，待分办');
    expect(await office.locator('#complaint-summary').textContent()).toContain('差评转投诉');
    expect(await office.locator('#complaint-facts').textContent()).toContain('叫号后窗口无人');
    await expectAxeClean(office, 'complaint page of a bad rating');
    await office.locator('#complaint-from-rating a').click();
    await office.locator('#rating-view:not([hidden])').waitFor();
    expect(new URL(office.url()).searchParams.get('caseNo')).toBe(caseNo);

    // The rater follows the complaint with its number and query code.
    await again.goto(`${runtime.baseUrl}/complaints/?no=${encodeURIComponent(complaintNo)}`);
    await again.locator('#l-code').fill(complaintCode);
    await again.locator('#lookup-submit').click();
    await again.locator('#lookup-result:not([hidden])').waitFor();
    expect(await again.locator('#lookup-summary').textContent()).toContain(caseNo);
    expect(await again.locator('#lookup-summary').textContent()).toContain('差评转投诉');

    expect(recorders.flatMap((recorder) => recorder.violations)).toEqual([]);
  });
});
