/**
 * Complaints end to end in Chromium on the real local runtime: the public files a real-name
 * complaint about window mz-01 on /complaints/new/ (meeting the error summary first, then a script
 * named .jpg refused by its content), with a phone photo carrying GPS attached; the supervision
 * office sees it masked, reads the identity behind 查看投诉人, opens the photo — cleaned of its
 * location — and assigns it on the desk; the clerk of mz-01 finds it in the queue without the
 * complainant's name or phone anywhere on the page, opens the photo too, and answers it; the
 * public looks it up on /complaints/ with number and code, sees the reply and says satisfied. The
 * public pages are axe-clean; no page violates the CSP.
 */
import exifr from 'exifr';
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { jpegWithGps, scriptAsJpeg } from '../support/attachment-files.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let browser: BrowserSession;
let csp: CspRecorder;

beforeAll(async () => {
  runtime = await startTestRuntime({ logLevel: 'INFO' });
  browser = await launchBrowser();
  // An opened attachment is the attachment store's document, not a site page: in the cloud S3
  // serves it, locally the runtime's file endpoint with a policy of its own (no script at all).
  csp = await enforceCsp(browser.context, contentSecurityPolicy, {
    ownPolicy: (url) => url.pathname.startsWith('/local-attachments/files/'),
  });
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const signIn = (username: string, path: string) => signInToDesk(browser, runtime.baseUrl, username, path);

const photo = jpegWithGps(48, 36, 1);

/**
 * Clicks 查看附件1 on a desk complaint page: answers what the new tab was served and the width of
 * the image the browser decoded from it.
 */
async function openFirstAttachment(page: Page) {
  const served = page
    .context()
    .waitForEvent('response', (candidate) => candidate.url().includes('/local-attachments/files/'));
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.locator('#attachment-open-a1').click(),
  ]);
  const response = await served;
  await popup.waitForLoadState();
  const opened = {
    url: popup.url(),
    type: response.headers()['content-type'] ?? null,
    bytes: await response.body(),
    decodedWidth: await popup.evaluate(() => document.images[0]?.naturalWidth ?? 0),
  };
  await popup.close();
  return opened;
}

const name = '司马光华';
const phone = '13612348765';
const reply = '经核实，当事工作人员解释不到位，已批评教育并向您致歉；材料要求已书面列明。';

describe('complaints', () => {
  it('filed by the public, assigned by the office, answered by the window, read by the public', {
    timeout: 240_000,
  }, async () => {
    // The public form: first without a category and facts — the error summary links to the fields.
    const pub = await browser.newPage();
    await pub.goto(`${runtime.baseUrl}/complaints/new/`);
    await expectAxeClean(pub, 'complaint form');
    await pub.locator('#complaint-submit').click();
    const summary = pub.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    await summary.locator('a[href="#c-category"]').waitFor();
    expect(await pub.locator('#c-facts').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(pub, 'complaint form with errors');

    await pub.locator('#c-target').selectOption('window:mz:mz-01');
    await pub.locator('#c-clerk').fill('5 号工作人员');
    await pub.locator('#c-category').selectOption('attitude');
    await pub
      .locator('#c-facts')
      .fill('11 月 27 日上午在 mz-01 窗口咨询社会团体变更登记，工作人员不解释材料要求。');
    await pub.locator('#c-name').fill(name);
    await pub.locator('#c-phone').fill(phone);
    // A script named .jpg: uploaded, then refused by its content on the file field; nothing filed.
    await pub.locator('#c-files').setInputFiles({
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(scriptAsJpeg),
    });
    await pub.locator('#complaint-submit').click();
    await pub.locator('.error-summary', { hasText: '文本或脚本' }).waitFor();
    expect(await pub.locator('#c-files').getAttribute('aria-invalid')).toBe('true');
    expect(await pub.locator('#complaint-receipt').isHidden()).toBe(true);
    await expectAxeClean(pub, 'complaint form with a refused attachment');
    // The real photo, with GPS in it.
    await pub.locator('#c-files').setInputFiles({
      name: `${name}-窗口.jpg`,
      mimeType: 'image/jpeg',
      buffer: Buffer.from(photo),
    });
    await pub.locator('#c-files-list li', { hasText: '窗口.jpg' }).waitFor();
    await pub.locator('#complaint-submit').click();
    await pub.locator('#complaint-receipt:not([hidden])').waitFor();
    expect(await pub.locator('#receipt-files').textContent()).toContain('1 个');
    const complaintNo = (await pub.locator('#receipt-no').textContent()) ?? '';
    const queryCode = (await pub.locator('#receipt-code').textContent()) ?? '';
    expect(complaintNo).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(await pub.evaluate(() => document.activeElement?.id)).toBe('receipt-heading');
    await expectAxeClean(pub, 'complaint receipt');

    // The supervision office: the triage queue, the masked complainant, the logged identity read, the assignment.
    const office = await signIn('supervisor', '/desk/complaints/');
    await office.locator(`#complaint-body a`, { hasText: complaintNo }).click();
    await office.waitForURL(/\/desk\/complaints\/item\/\?no=/);
    await office.locator('#complaint-detail:not([hidden])').waitFor();
    const masked = (await office.locator('#complainant-summary').textContent()) ?? '';
    expect(masked).toContain('司***');
    expect(masked).toContain('136****8765');
    expect(await office.locator('main').textContent()).not.toContain(name);
    await office.locator('#complainant-reveal').click();
    await office.locator('#complainant-full:not([hidden])').waitFor();
    expect(await office.locator('#complainant-full').textContent()).toContain(name);
    // The photo is listed, said to be cleaned, and opens in a new tab without its location.
    const listed = (await office.locator('#complaint-attachments').textContent()) ?? '';
    expect(listed).toContain('附件1 · JPEG 图片');
    expect(listed).toContain('GPS 位置');
    expect(listed).not.toContain('窗口.jpg');
    const opened = await openFirstAttachment(office);
    expect(opened.url).toContain('/local-attachments/files/');
    expect(opened.type).toBe('image/jpeg');
    expect(opened.decodedWidth).toBe(48);
    expect(jpeg.decode(opened.bytes).width).toBe(48);
    expect(await exifr.gps(opened.bytes)).toBeUndefined();
    expect(await exifr.gps(Buffer.from(photo))).toBeDefined();
    await office.locator('#attachment-link-a1:not([hidden])').waitFor();
    await expectAxeClean(office, 'complaint detail (office)');
    await office.locator('#step-assign-target').selectOption('mz:mz-01');
    await office.locator('#step-assign-complexity').selectOption('simple');
    await office.locator('#step-assign-told').fill('已转民政窗口，1 个工作日内答复。');
    await office.locator('#step-assign button[type="submit"]').click();
    await office.locator('#desk-status', { hasText: '已办理：分办' }).waitFor();
    expect(await office.locator('#complaint-state').textContent()).toBe('已分办，待答复');

    // The clerk of mz-01: the complaint is in the window's queue; nothing on the pages says who complained.
    const clerk = await signIn('clerk', '/desk/complaints/');
    const row = clerk.locator('#complaint-body a', { hasText: complaintNo });
    await row.waitFor();
    await expectAxeClean(clerk, 'complaint queue (window)');
    const queueText = (await clerk.content()) + ((await clerk.locator('body').textContent()) ?? '');
    for (const secret of [name, '司***', phone, '136****8765', '8765'])
      expect(queueText).not.toContain(secret);
    await row.click();
    await clerk.locator('#complaint-detail:not([hidden])').waitFor();
    const detailText = (await clerk.content()) + ((await clerk.locator('body').textContent()) ?? '');
    for (const secret of [name, '司***', phone, '136****8765', '8765'])
      expect(detailText).not.toContain(secret);
    expect(await clerk.locator('#complainant-summary').textContent()).toContain('实名投诉');
    expect(await clerk.locator('#complainant-reveal-row').isHidden()).toBe(true);
    expect(await clerk.locator('#step-assign').isHidden()).toBe(true);
    expect((await openFirstAttachment(clerk)).type).toBe('image/jpeg');
    await expectAxeClean(clerk, 'complaint detail (window)');
    await clerk.locator('#step-answer-text').fill(reply);
    await clerk.locator('#step-answer button[type="submit"]').click();
    await clerk.locator('#desk-status', { hasText: '已办理：答复' }).waitFor();
    expect(await clerk.locator('#complaint-state').textContent()).toBe('已答复');
    const answeredText = await clerk.content();
    for (const secret of [name, phone, '8765']) expect(answeredText).not.toContain(secret);

    // The public looks it up with number and code, sees the reply and says satisfied.
    await pub.goto(`${runtime.baseUrl}/complaints/?no=${encodeURIComponent(complaintNo)}`);
    expect(await pub.locator('#l-no').inputValue()).toBe(complaintNo);
    await pub.locator('#l-code').fill(queryCode.toLowerCase());
    await pub.locator('#l-code').press('Enter');
    await pub.locator('#lookup-result:not([hidden])').waitFor();
    expect(await pub.locator('#lookup-state').textContent()).toBe('已答复');
    expect(await pub.locator('#lookup-answers').textContent()).toContain(reply);
    expect(await pub.locator('#lookup-result').textContent()).not.toContain('clerk');
    await expectAxeClean(pub, 'complaint lookup');
    await pub.locator('#feedback-yes').click();
    await pub.locator('#lookup-status', { hasText: '已记录：满意' }).waitFor();
    expect(await pub.locator('#lookup-feedback').isHidden()).toBe(true);
    await expectAxeClean(pub, 'complaint lookup after feedback');

    // A wrong code: the error summary, no result.
    await pub.locator('#l-code').fill('AAAAAAAA');
    await pub.locator('#lookup-submit').click();
    await pub.locator('.error-summary', { hasText: '未找到投诉' }).waitFor();

    // The office follows up and closes the loop on the desk.
    await office.reload();
    await office.locator('#complaint-detail:not([hidden])').waitFor();
    await office.locator('#step-followup-note').fill('电话回访，投诉人满意。');
    await office.locator('#step-followup button[type="submit"]').click();
    await office.locator('#desk-status', { hasText: '已办理：回访' }).waitFor();
    await office.locator('#step-close button[type="submit"]').click();
    await office.locator('#desk-status', { hasText: '已办理：办结' }).waitFor();
    expect(await office.locator('#complaint-state').textContent()).toBe('已办结');

    // Each opening was logged, by whom, without the complainant.
    const opens = runtime.functionLog.filter((line) => line.includes('attachment-open'));
    expect(opens.map((line) => (JSON.parse(line) as { username: string }).username)).toEqual([
      'supervisor',
      'clerk',
    ]);
    for (const line of opens) for (const secret of [name, phone]) expect(line).not.toContain(secret);

    expect(csp.violations).toEqual([]);
  });

  it('registered at the desk from a phone call: a server error lands on its field, then the receipt', {
    timeout: 120_000,
  }, async () => {
    const office = await signIn('supervisor', '/desk/complaints/new/');
    await office.locator('#d-channel').selectOption('phone');
    await office.locator('#d-category').selectOption('attitude');
    await office.locator('#d-target').selectOption('window:mz:mz-01');
    // The identity is shown for a real-name complaint and hidden for an anonymous one.
    await expect(office.locator('#d-identity').isVisible()).resolves.toBe(true);
    await office.locator('input[name="realName"][value="no"]').check();
    await expect(office.locator('#d-identity').isVisible()).resolves.toBe(false);
    // Markup in the facts is refused by the server, naming the field.
    await office.locator('#d-facts').fill('窗口人员态度 <b>生硬</b>');
    await office.locator('#desk-complaint-form button[type="submit"]').click();
    await office.locator('#d-facts[aria-invalid="true"]').waitFor();
    await office.locator('#d-facts').fill('来电反映 mz-01 窗口工作人员态度生硬。');
    await office.locator('#desk-complaint-form button[type="submit"]').click();
    await office.locator('#desk-receipt:not([hidden])').waitFor();
    await expect(office.locator('#desk-receipt-no').textContent()).resolves.toMatch(/^TS-/);
    await expectAxeClean(office, 'desk complaint registered');
    await office.close();
  });
});
