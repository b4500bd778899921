/**
 * Appointments end to end in Chromium on the real local runtime: a visitor books the next slot of
 * an item on a phone (the error summary first, then the code with what to bring), checks in with
 * the code on the kiosk's keys (finger-sized) and gets a priority ticket that carries the booking's
 * phone, masked, for 即将到号; the desk's day of appointments shows the booking checked in, the
 * holder masked; the SMS outbox lists its 预约成功 with the code masked; a second booking is
 * cancelled on the booking page. The booking page, the kiosk's code entry and ticket, and the desk
 * pages are axe-clean; no CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let visitor: BrowserSession;
let desk: BrowserSession;
const recorders: CspRecorder[] = [];
let code = '';
/** The booked slot's day: tomorrow when the next half-hour is past midnight. */
let bookedDate = '';

beforeAll(async () => {
  runtime = await startTestRuntime();
  visitor = await launchBrowser();
  desk = await launchBrowser();
  for (const session of [visitor, desk])
    recorders.push(await enforceCsp(session.context, contentSecurityPolicy));
}, 120_000);
afterAll(async () => {
  for (const session of [visitor, desk]) await session?.close();
  await runtime?.stop();
});

describe('appointments in the browser', () => {
  it('books the next slot of an item on a phone and shows the code with what to bring', async () => {
    const page = await visitor.newPage({ width: 390, height: 844 });
    await page.goto(`${runtime.baseUrl}/counter/book/`);
    await expectAxeClean(page, 'booking page');

    await page.getByRole('button', { name: '提交预约' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary li').allTextContents()).toEqual([
      '请选择要办理的业务或事项',
      '请填写姓名',
      '请填写 11 位手机号码',
    ]);
    await expectAxeClean(page, 'booking page with errors');

    await page.getByLabel('办理的业务或事项').selectOption({ label: '社会团体变更登记' });
    await page.locator('#b-slots input[name="time"]').first().waitFor();
    // The first open day is chosen; its first slot is the next half-hour (the sample hall books round the clock).
    expect(await page.locator('#b-days input:checked').count()).toBe(1);
    await page.locator('#b-slots input[name="time"]:not([disabled])').first().check();
    await expectAxeClean(page, 'booking page with days and slots');
    await page.getByLabel('姓名').fill('欧阳签到');
    await page.getByLabel('手机号码').fill('13911112222');
    await page.getByRole('button', { name: '提交预约' }).click();
    await page.locator('#book-receipt:not([hidden])').waitFor();
    const shown = (await page.locator('#receipt-code').textContent()) ?? '';
    expect(shown).toMatch(/^[2-9A-HJKMNP-Z]{4} [2-9A-HJKMNP-Z]{4}$/);
    code = shown.replace(' ', '');
    bookedDate = ((await page.locator('#receipt-slot').textContent()) ?? '').slice(0, 10);
    expect(await page.locator('#receipt-what').textContent()).toBe('社会团体变更登记（民政业务）');
    expect(await page.locator('#receipt-holder').textContent()).toBe('欧***，139****2222');
    expect(await page.locator('#receipt-bring li').allTextContents()).toContain(
      '社会团体变更登记申请表（原件 1 份）',
    );
    expect(await page.content()).not.toContain('13911112222');
    await expectAxeClean(page, 'booking receipt');
  });

  it('checks in with the code on the kiosk’s keys and gives a priority ticket', async () => {
    const kiosk = await visitor.newPage({ width: 810, height: 1080 });
    await kiosk.goto(`${runtime.baseUrl}/counter/kiosk/`);
    expect(await kiosk.locator('.take-category').count()).toBe(6);
    const open = kiosk.getByRole('button', { name: /预约签到/ });
    expect((await open.boundingBox())?.height).toBeGreaterThanOrEqual(72);
    await open.click();
    await kiosk.getByLabel('请输入 8 位预约码').waitFor();
    expect(await kiosk.locator('#take-form').isVisible()).toBe(false);
    expect(await open.isVisible()).toBe(false);
    for (const box of await Promise.all(
      (await kiosk.locator('.check-in-key').all()).map((key) => key.boundingBox()),
    )) {
      expect(box?.height).toBeGreaterThanOrEqual(48);
      expect(box?.width).toBeGreaterThanOrEqual(48);
    }
    await expectAxeClean(kiosk, 'kiosk check-in');
    // A wrong code first: the kiosk says so and keeps the entry open.
    for (const key of 'ZZZZZZZZ') await kiosk.getByRole('button', { name: `输入 ${key}` }).click();
    await kiosk.getByRole('button', { name: '签到取号' }).click();
    await kiosk.locator('#take-status', { hasText: '预约码不正确' }).waitFor();
    for (let i = 0; i < 8; i += 1) await kiosk.getByRole('button', { name: '删除' }).click();
    expect(await kiosk.getByLabel('请输入 8 位预约码').inputValue()).toBe('');
    for (const key of code) await kiosk.getByRole('button', { name: `输入 ${key}` }).click();
    await kiosk.getByRole('button', { name: '签到取号' }).click();
    await kiosk.locator('#ticket:not([hidden])').waitFor();
    expect(await kiosk.locator('#ticket-number').textContent()).toMatch(/^A\d{3}$/);
    expect(await kiosk.locator('#ticket-priority').textContent()).toBe('预约办事');
    // The booking's phone, masked: "your number is near" reaches the holder as it would a phone page visitor.
    expect(await kiosk.locator('#ticket-phone').textContent()).toBe('将发送到 139****2222');
    expect(await kiosk.locator('#check-in').isVisible()).toBe(false);
    await expectAxeClean(kiosk, 'kiosk with the checked-in ticket');
    await kiosk.getByRole('button', { name: '返回' }).click();
    expect(await kiosk.locator('#take-form').isVisible()).toBe(true);
    expect(await kiosk.getByRole('button', { name: /预约签到/ }).isVisible()).toBe(true);
  });

  it('lists the booking at the desk, checked in, with its ticket and the holder masked', async () => {
    const page = await signInToDesk(desk, runtime.baseUrl, 'clerk', '/desk/counter/appointments/');
    await page.getByLabel('日期').fill(bookedDate);
    await page.getByRole('button', { name: '查看' }).click();
    const row = page.locator('#appointments-body tr', { hasText: '已签到' });
    await row.waitFor();
    expect(await row.textContent()).toContain('欧***');
    expect(await row.textContent()).toContain('139****2222');
    expect(await row.textContent()).toMatch(/A\d{3}/);
    expect(await page.locator('#appointments-counts').textContent()).toContain('已签到 1');
    await expectAxeClean(page, 'desk appointments');
  });

  it('lists the booking’s 预约成功 in the SMS outbox, the phone masked and the code not shown', async () => {
    const outbox = await signInToDesk(desk, runtime.baseUrl, 'supervisor', '/desk/messages/');
    const row = outbox.locator('#messages-body tr', { hasText: '预约成功' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('139****2222');
    expect(text).toContain('预约码********');
    expect(text).toContain('不向工作人员显示');
    expect(await outbox.content()).not.toContain(code);
    expect(await outbox.content()).not.toContain('13911112222');
    await expectAxeClean(outbox, 'SMS outbox with a booking');
  });

  it('cancels a booking on the booking page with the code and the phone’s last four digits', async () => {
    const slots = (await (
      await fetch(`${runtime.baseUrl}/api/public/appointment-slots?category=tax&days=2`)
    ).json()) as { days: { date: string; slots: { time: string }[] }[] };
    const day = slots.days.find((candidate) => candidate.slots.length > 3) as (typeof slots.days)[number];
    const booked = (await (
      await fetch(`${runtime.baseUrl}/api/public/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          category: 'tax',
          date: day.date,
          time: day.slots[3]?.time,
          name: '取消测试',
          phone: '13955556666',
        }),
      })
    ).json()) as { code: string };
    const page = await visitor.newPage({ width: 1280, height: 900 });
    await page.goto(`${runtime.baseUrl}/counter/book/`);
    await page.getByLabel('预约码').fill(booked.code.toLowerCase());
    await page.getByLabel('预约手机号后 4 位').fill('6666');
    await page.getByRole('button', { name: '取消预约' }).click();
    await page.locator('#cancel-status', { hasText: '已取消' }).waitFor();
    await expectAxeClean(page, 'booking page after a cancellation');
  });

  it('broke no content security policy rule', () => {
    expect(recorders.flatMap((recorder) => recorder.violations)).toEqual([]);
  });
});
