/**
 * The clerk desk and the public progress page, end to end in Chromium on the real local runtime:
 * a clerk signs in through the local OAuth issuer (code + PKCE), takes in a case with a missing
 * material (first meeting the error summary), prints the one-time correction notice, records the
 * correction, accepts and prints the receipt; the applicant looks the case up with the receipt's
 * code; a special procedure and the chief's extension appear on the public page; decision and
 * delivery move it from the queue to 待归档, and closing it there finishes it. A stale version is
 * answered by reloading and saying so; a refusal notice is printed for a second case. Every page
 * is axe-clean and no page violates the site's content security policy.
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

/** Signs in with the keyboard: the sign-in button is reached and pressed without the mouse. */
const signIn = (username: string, path = '/desk/', checkAxe = false) =>
  signInToDesk(browser, runtime.baseUrl, username, path, { keyboard: true, checkAxe });

/** Opens the action's panel with the keyboard, fills fields, submits, waits for the result. */
async function act(
  page: Page,
  type: string,
  label: string,
  fill: Record<string, string> = {},
): Promise<void> {
  const details = page.locator(`details:has(#action-${type})`);
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.locator('> summary').focus();
    await page.keyboard.press('Enter');
  }
  for (const [name, value] of Object.entries(fill)) {
    const field = page.locator(`#a-${type}-${name}`);
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.locator(`#action-${type} button[type="submit"]`).click();
  await page.locator('#desk-status', { hasText: `已办理：${label}` }).waitFor();
}

async function lookUp(page: Page, caseNo: string, queryCode: string): Promise<void> {
  await page.goto(`${runtime.baseUrl}/progress/?no=${encodeURIComponent(caseNo)}`);
  expect(await page.locator('#p-caseNo').inputValue()).toBe(caseNo);
  await page.locator('#p-queryCode').fill(queryCode.toLowerCase());
  await page.locator('#p-queryCode').press('Enter');
  await page.locator('#progress-result:not([hidden])').waitFor();
}

describe('the clerk desk', () => {
  it('runs a case from intake to closed, with notices, the public page and a stale-version warning', {
    timeout: 240_000,
  }, async () => {
    const desk = await signIn('clerk', '/desk/', true);
    await expect(desk.locator('#desk-user').textContent()).resolves.toContain('王窗口');
    await desk.locator('#queue:not([hidden]), #queue-empty:not([hidden])').first().waitFor();
    await expectAxeClean(desk, 'work queue');

    // Intake, first with a wrong ID number: the error summary links to the field.
    await desk.goto(`${runtime.baseUrl}/desk/intake/`);
    await desk.locator('#f-itemCode').selectOption('YC-MZ-0102');
    await desk.locator('#f-applicant-name').fill('张三丰');
    await desk.locator('#f-applicant-idNumber').fill('110105194912310021');
    await desk.locator('#f-applicant-phone').fill('13812345678');
    await desk.locator('input[name="material-m2"][value="missing"]').check();
    await desk.locator('#intake-submit').click();
    const summary = desk.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    const link = summary.locator('a[href="#f-applicant-idNumber"]');
    await link.waitFor();
    await link.focus();
    await desk.keyboard.press('Enter');
    expect(await desk.evaluate(() => document.activeElement?.id)).toBe('f-applicant-idNumber');
    expect(await desk.locator('#f-applicant-idNumber').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(desk, 'intake with errors');

    await desk.locator('#f-applicant-idNumber').fill('11010519491231002X');
    await desk.locator('#f-applicant-idNumber').press('Enter');
    await desk.waitForURL(/\/desk\/case\/\?no=/);
    const caseNo = new URL(desk.url()).searchParams.get('no') ?? '';
    expect(caseNo).toMatch(/^YC0001-\d{8}-\d{4}$/);
    await desk.locator('#case-view:not([hidden])').waitFor();
    expect(await desk.locator('#case-summary').textContent()).toContain('已收件');
    expect(await desk.locator('#case-summary').textContent()).not.toContain('11010519491231002X');
    await expectAxeClean(desk, 'case page');

    // One-time correction notice, printed. Right after intake with a material missing, its panel is open.
    expect(await desk.locator('details:has(#action-requestCorrection)').getAttribute('open')).toBe('');
    await act(desk, 'requestCorrection', '一次性告知补正');
    await desk.locator('#case-notices a', { hasText: '一次性告知书' }).click();
    await desk.locator('#notice:not([hidden])').waitFor();
    expect(await desk.locator('#notice-title').textContent()).toBe('一次性告知书');
    expect(await desk.locator('#notice-items').textContent()).toContain('业务主管单位审查同意的文件');
    await expectAxeClean(desk, 'correction notice');
    await desk.emulateMedia({ media: 'print' });
    expect(await desk.locator('.desk-bar').isVisible()).toBe(false);
    expect(await desk.locator('#notice-print').isVisible()).toBe(false);
    expect(await desk.locator('#notice-items').isVisible()).toBe(true);
    await desk.emulateMedia({ media: 'screen' });

    // Correction recorded, case accepted, receipt printed with the query code and a QR code.
    await desk.locator('#notice-back').click();
    await desk.locator('#case-view:not([hidden])').waitFor();
    await act(desk, 'correct', '补正材料');
    await act(desk, 'accept', '受理');
    await desk.locator('#case-notices a', { hasText: '受理通知书' }).click();
    await desk.locator('#notice:not([hidden])').waitFor();
    expect(await desk.locator('#receipt-case-no').textContent()).toBe(caseNo);
    const queryCode = (await desk.locator('#receipt-query-code').textContent()) ?? '';
    expect(queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(await desk.locator('#receipt-due').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    const qr = desk.locator('.notice__qr svg[role="img"]');
    expect(await qr.getAttribute('aria-label')).toContain(`/progress/?no=${caseNo}`);
    await expectAxeClean(desk, 'acceptance receipt');

    // The work queue lists it with its light (named, not only coloured) and working days left.
    await desk.goto(`${runtime.baseUrl}/desk/`);
    const row = desk.locator('#queue-body tr', { has: desk.locator(`a:text-is("${caseNo}")`) });
    await row.waitFor();
    expect(await row.locator('.light').textContent()).toMatch(/^(正常|提醒|黄灯|红灯)$/);
    expect(await row.locator('td.num').textContent()).toMatch(/^\d+$/);
    await expectAxeClean(desk, 'work queue with cases');

    // The applicant looks the case up with the receipt's code.
    const applicant = await browser.newPage();
    await lookUp(applicant, caseNo, queryCode);
    expect(await applicant.locator('#progress-state').textContent()).toBe('已受理');
    await expectAxeClean(applicant, 'progress page');
    const nav = applicant.locator('nav[aria-label="主导航"] a', { hasText: '办件查询' });
    expect(await nav.getAttribute('href')).toBe('/progress/');

    // In review, a special procedure, the chief's extension.
    await desk.goto(`${runtime.baseUrl}/desk/case/?no=${caseNo}`);
    await desk.locator('#case-view:not([hidden])').waitFor();
    // The transfer offers the item's procedure steps and departments from the catalogue.
    const steps = await desk.locator('#a-transfer-step option').allTextContents();
    expect(steps).toEqual(['受理', '审查', '决定', '换发证书']);
    expect(await desk.locator('#a-transfer-toDepartment option').allTextContents()).toEqual([
      '云川市民政局（本部门）',
    ]);
    await act(desk, 'transfer', '内部流转', { step: '审查', reason: '转审查' });
    await act(desk, 'suspend', '进入特别程序', { reason: 'expertReview', note: '约 5 个工作日' });
    await lookUp(applicant, caseNo, queryCode);
    expect(await applicant.locator('#progress-state').textContent()).toBe('特别程序中');
    const suspensionRow = await applicant.locator('#progress-suspension-table tbody tr').textContent();
    expect(suspensionRow).toContain('专家评审');
    expect(suspensionRow).toContain('进行中');
    expect(suspensionRow).toContain('约 5 个工作日');
    await act(desk, 'resume', '特别程序结束');

    const chief = await signIn('chief', `/desk/case/?no=${caseNo}`);
    await chief.locator('#case-view:not([hidden])').waitFor();
    expect(await chief.locator('#action-accept').count()).toBe(0);
    await act(chief, 'extend', '延期', { days: '5', reason: '情况复杂，需进一步核实' });
    await expectAxeClean(chief, 'case page as chief');

    await lookUp(applicant, caseNo, queryCode);
    expect(await applicant.locator('#progress-summary').textContent()).toContain('延长 5 个工作日');
    expect(await applicant.locator('#progress-suspension-table tbody tr').textContent()).not.toContain(
      '进行中',
    );
    await expectAxeClean(applicant, 'progress page with a suspension and an extension');

    // The clerk's page is now stale: the action is refused with 409, the page reloads and says so.
    await act(chief, 'flagPriority', '绿色通道', { reason: '老年申请人' });
    await desk.locator('details:has(#action-approve) > summary').click();
    await desk.locator('#action-approve button[type="submit"]').click();
    await desk.locator('#desk-status', { hasText: '已重新载入' }).waitFor();
    expect(await desk.locator('#case-summary').textContent()).toContain('老年申请人');

    // Decision, delivery, closing.
    await act(desk, 'approve', '准予许可');
    await act(desk, 'deliver', '出件', { method: 'window' });
    await lookUp(applicant, caseNo, queryCode);
    expect(await applicant.locator('#progress-state').textContent()).toBe('已出件');
    expect(await applicant.locator('#progress-summary').textContent()).toContain('准予许可');
    expect(await applicant.locator('#progress-collect').textContent()).toContain('窗口领取');

    // Delivered, the case leaves the cases in progress for 待归档 until the clerk closes it.
    await desk.goto(`${runtime.baseUrl}/desk/`);
    const toClose = desk.locator('#to-close-body tr', { has: desk.locator(`a:text-is("${caseNo}")`) });
    await toClose.waitFor();
    expect(await toClose.textContent()).toContain('clerk');
    await desk.locator('#queue:not([hidden]), #queue-empty:not([hidden])').first().waitFor();
    expect(await desk.locator('#queue-body').textContent()).not.toContain(caseNo);
    await expectAxeClean(desk, 'work queue with cases awaiting closure');
    await toClose.getByRole('link', { name: caseNo }).click();
    await desk.locator('#case-view:not([hidden])').waitFor();
    await act(desk, 'close', '归档');
    expect(await desk.locator('#case-summary').textContent()).toContain('已归档');
    expect(await desk.locator('#case-timeline li').count()).toBe(12);
    await desk.goto(`${runtime.baseUrl}/desk/?status=closed`);
    await desk.locator('#queue-body tr', { has: desk.locator(`a:text-is("${caseNo}")`) }).waitFor();

    // A wrong code and an unknown number get the same message.
    await applicant.goto(`${runtime.baseUrl}/progress/`);
    await applicant.locator('#p-caseNo').fill(caseNo);
    await applicant.locator('#p-queryCode').fill('AAAAAAAA');
    await applicant.locator('#progress-submit').click();
    const wrong = await applicant.locator('.error-summary').textContent();
    await applicant.locator('#p-caseNo').fill(caseNo.replace(/-\d{4}$/, '-9999'));
    await applicant.locator('#progress-submit').click();
    await applicant.locator('.error-summary').waitFor();
    expect(await applicant.locator('.error-summary').textContent()).toBe(wrong);
    await expectAxeClean(applicant, 'progress page with an error');

    // Sign-out clears the tab's token.
    await desk.locator('#desk-signout').click();
    await desk.waitForURL(/\/desk\/signed-out\/$/);
    expect(await desk.evaluate(() => sessionStorage.length)).toBe(0);

    await Promise.all([desk.close(), chief.close(), applicant.close()]);
  });

  it('takes a case in on the priority lane and prints its refusal notice with reasons and remedies', async () => {
    const desk = await signIn('clerk', '/desk/intake/');
    await desk.locator('#f-itemCode').selectOption('YC-MZ-0102');
    await desk.locator('#f-applicant-name').fill('李四');
    await desk.locator('#f-applicant-idNumber').fill('440304199001010011');
    await desk.locator('#f-applicant-phone').fill('13998765432');
    // Taken in on the priority lane (绿色通道) from the start.
    await desk.getByLabel('绿色通道理由（选填；填写即优先办理）').fill('残疾人申请人');
    await desk.locator('#intake-submit').click();
    await desk.waitForURL(/\/desk\/case\/\?no=/);
    await desk.locator('#case-view:not([hidden])').waitFor();
    expect(await desk.locator('#case-view').textContent()).toContain('残疾人申请人');
    await act(desk, 'notAccept', '不予受理', {
      reason: '申请事项不属于本机关职权范围',
      referTo: '云川市市场监督管理局',
    });
    await desk.locator('#case-notices a', { hasText: '不予受理通知书' }).click();
    await desk.locator('#notice:not([hidden])').waitFor();
    expect(await desk.locator('#refusal-reason').textContent()).toBe('申请事项不属于本机关职权范围');
    expect(await desk.locator('#refusal-remedies').textContent()).toContain('行政复议');
    await expectAxeClean(desk, 'refusal notice');
    await desk.close();
  });

  it('is axe-clean at 360 px (intake, queue, progress lookup)', async () => {
    const desk = await signIn('clerk-b', '/desk/intake/');
    await desk.setViewportSize({ width: 360, height: 800 });
    await desk.locator('#f-itemCode').selectOption('YC-MZ-0102');
    await expectAxeClean(desk, 'intake at 360 px');
    await desk.goto(`${runtime.baseUrl}/desk/`);
    await desk.locator('#queue:not([hidden]), #queue-empty:not([hidden])').first().waitFor();
    await expectAxeClean(desk, 'queue at 360 px');
    await desk.goto(`${runtime.baseUrl}/progress/`);
    await expectAxeClean(desk, 'progress at 360 px');
    await desk.close();
  });

  it('shows supervision warnings in the inbox of the people they are addressed to', async () => {
    const token = (user: string) => runtime.identity.issue(user);
    const post = async (path: string, user: string, body: unknown) =>
      fetch(`${runtime.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await token(user)}`,
          'content-type': 'application/json',
          'idempotency-key': `inbox-${Date.now()}`,
        },
        body: JSON.stringify(body),
      });
    const intake = await post('/api/cases', 'clerk', {
      itemCode: 'YC-MZ-0102',
      applicant: { kind: 'individual', name: '王五', idNumber: '11010519491231002X', phone: '13912345678' },
      materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
    });
    expect(intake.status).toBe(201);
    const { caseNo } = (await intake.json()) as { caseNo: string };
    // Two months on, the correction-notice clock (5 working days) is long overdue: a red card.
    const at = new Date(Date.now() + 60 * 86_400_000).toISOString();
    expect((await post('/api/supervision/sweeps', 'supervisor', { now: at })).status).toBe(200);

    const desk = await signIn('chief', '/desk/inbox/');
    const row = desk.locator('#inbox-body tr', { hasText: caseNo }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('红灯');
    await row.getByRole('link', { name: caseNo }).waitFor();
    await expectAxeClean(desk, 'inbox');

    // The red card waits for the department's answer on the cards page; the chief answers it.
    await desk.goto(`${runtime.baseUrl}/desk/cards/`);
    const card = desk.locator('.card-item', { hasText: caseNo }).first();
    await card.waitFor();
    expect(await card.textContent()).toContain('红灯');
    await expectAxeClean(desk, 'cards');
    await card.getByRole('button', { name: '提交回复' }).click();
    await desk.locator('#desk-status', { hasText: '请填写督办回复' }).waitFor();
    await card
      .getByLabel('督办回复（核查情况与整改措施）')
      .fill('已核查：受理后未及时一次性告知，已约谈经办人并补发告知书。');
    await card.getByRole('button', { name: '提交回复' }).click();
    await desk.locator('#desk-status', { hasText: '已提交督办回复' }).waitFor();
    await desk.locator('#cards-list .card-item', { hasText: caseNo }).waitFor({ state: 'detached' });
    await desk.getByLabel('只看待回复的').uncheck();
    await desk.locator('.card-item', { hasText: '约谈经办人' }).first().waitFor();
    await desk.close();

    const other = await signIn('clerk-sw', '/desk/inbox/');
    await other.locator('#inbox:not([hidden]), #inbox-empty:not([hidden])').first().waitFor();
    expect(await other.locator('#inbox-body').textContent()).not.toContain(caseNo);
    await other.close();
  });

  it('filters the queue by status and light, and marks the clerk away and back (A/B post)', async () => {
    const post = async (path: string, body: unknown, idempotencyKey?: string) =>
      fetch(`${runtime.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await runtime.identity.issue('clerk')}`,
          'content-type': 'application/json',
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify(body),
      });
    const intake = await post(
      '/api/cases',
      {
        itemCode: 'YC-MZ-0102',
        applicant: { kind: 'individual', name: '赵六', idNumber: '11010519491231002X', phone: '13912340000' },
        materials: [
          { id: 'm1', state: 'submitted' },
          { id: 'm2', state: 'missing' },
          { id: 'm3', state: 'submitted' },
          { id: 'm6', state: 'submitted' },
        ],
      },
      `filters-${Date.now()}`,
    );
    const { caseNo } = (await intake.json()) as { caseNo: string };
    expect(
      (await post(`/api/cases/${caseNo}/correction-notice`, { version: 1, told: '一次性告知' })).status,
    ).toBe(200);

    const desk = await signIn('clerk', '/desk/');
    await desk.getByLabel('状态').selectOption({ label: '待补正' });
    await desk.getByRole('button', { name: '筛选' }).click();
    await desk.waitForURL(/status=correctionRequested/);
    await desk.locator('#queue-body tr', { hasText: caseNo }).waitFor();
    const statuses = await desk.locator('#queue-body tr td:nth-child(4)').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['待补正']));
    expect(await desk.getByLabel('状态').inputValue()).toBe('correctionRequested');

    await desk.getByLabel('时限灯').selectOption({ label: '红灯' });
    await desk.getByRole('button', { name: '筛选' }).click();
    await desk.waitForURL(/level=red/);
    // Taken in today, the case is nowhere near red: the filtered queue does not list it.
    await desk.locator('#queue:not([hidden]), #queue-empty:not([hidden])').first().waitFor();
    expect(await desk.locator('#queue-body').textContent()).not.toContain(caseNo);
    await expectAxeClean(desk, 'filtered queue');

    await desk.getByRole('button', { name: '登记我离岗' }).click();
    await desk.locator('#desk-status', { hasText: '已登记离岗' }).waitFor();
    expect(await desk.locator('#post-rota-state').textContent()).toContain('clerk（');
    const rota = await fetch(`${runtime.baseUrl}/api/windows/mz-01/post`, {
      headers: { authorization: `Bearer ${await runtime.identity.issue('clerk-b')}` },
    });
    expect(((await rota.json()) as { away: { username: string }[] }).away.map((a) => a.username)).toContain(
      'clerk',
    );
    await desk.getByRole('button', { name: '我已返岗' }).click();
    await desk.locator('#desk-status', { hasText: '已登记返岗' }).waitFor();
    expect(await desk.locator('#post-rota-state').textContent()).toContain('全员在岗');
    await desk.close();
  });

  it('lists a joint case in the co-department’s queue until it gives its opinion', async () => {
    const send = async (path: string, user: string, body: unknown) =>
      fetch(`${runtime.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await runtime.identity.issue(user)}`,
          'content-type': 'application/json',
          'idempotency-key': `joint-${Date.now()}`,
        },
        body: JSON.stringify(body),
      });
    const intake = await send('/api/cases', 'clerk-sj', {
      itemCode: 'YC-SJ-0301',
      applicant: {
        kind: 'organisation',
        name: '钱七',
        idNumber: '11010519491231002X',
        phone: '13912340001',
        organisation: { name: '云川示例贸易有限公司', creditCode: '91350100M000100Y43' },
      },
      materials: ['m1', 'm2', 'm3', 'm4'].map((id) => ({ id, state: 'submitted' })),
    });
    const { caseNo } = (await intake.json()) as { caseNo: string };
    expect(
      (await send(`/api/cases/${caseNo}/acceptance`, 'clerk-sj', { version: 1, told: '受理' })).status,
    ).toBe(200);

    const desk = await signIn('clerk-sw', '/desk/');
    const row = desk.locator('#joint-body tr', { hasText: caseNo });
    await row.waitFor();
    await expectAxeClean(desk, 'queue with joint cases');
    await row.getByRole('link', { name: caseNo }).click();
    await desk.locator('#case-view:not([hidden])').waitFor();
    await act(desk, 'coOpinion', '联办意见', { opinion: '税务信息确认完毕' });
    await desk.goto(`${runtime.baseUrl}/desk/`);
    await desk.locator('#queue:not([hidden]), #queue-empty:not([hidden])').first().waitFor();
    expect(await desk.locator('#joint-body').textContent()).not.toContain(caseNo);
    await desk.close();
  });

  it('had no content security policy violation', () => {
    expect(csp.violations).toEqual([]);
  });
});
