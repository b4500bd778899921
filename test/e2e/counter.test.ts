/**
 * The front counter end to end in Chromium on the real local runtime: a visitor takes a priority
 * ticket at the kiosk (a portrait tablet) and a second one on a phone; the hall display shows
 * the waiting; the clerk calls from the desk's calling panel and the display announces the call
 * within two seconds — a chime, then the Mandarin sentence through speechSynthesis (stubbed to
 * record what it is asked to say); the display survives a network drop and announces the next
 * call once it is back. The kiosk, the phone page, the display and the desk panel are axe-clean;
 * the receipt prints at 80 mm with the ticket only; no CSP violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let hall: BrowserSession;
let desk: BrowserSession;
const recorders: CspRecorder[] = [];

/** Records every utterance instead of speaking it, and ends each at once. */
const speechStub = `
  window.__spoken = [];
  const synth = {
    speak(utterance) {
      window.__spoken.push({ text: utterance.text, lang: utterance.lang });
      setTimeout(() => utterance.onend && utterance.onend(new Event('end')), 20);
    },
    getVoices() { return []; },
    cancel() {},
    pause() {},
    resume() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
`;

beforeAll(async () => {
  runtime = await startTestRuntime();
  hall = await launchBrowser();
  desk = await launchBrowser();
  for (const session of [hall, desk])
    recorders.push(await enforceCsp(session.context, contentSecurityPolicy));
  await hall.context.addInitScript(speechStub);
}, 120_000);
afterAll(async () => {
  for (const session of [hall, desk]) await session?.close();
  await runtime?.stop();
});

const spoken = async (page: Page) =>
  (await page.evaluate('window.__spoken')) as { text: string; lang: string }[];
const texts = (utterances: { text: string }[]) => utterances.map((utterance) => utterance.text);

describe('the front counter in the browser', () => {
  let display: Page;

  it('takes a priority ticket at the kiosk, with finger-sized targets, and prints it at 80 mm', async () => {
    const kiosk = await hall.newPage({ width: 810, height: 1080 });
    await kiosk.goto(`${runtime.baseUrl}/counter/kiosk/`);
    await expectAxeClean(kiosk, 'kiosk');
    const buttons = kiosk.locator('.take-category');
    expect(await buttons.count()).toBe(6);
    for (const box of await Promise.all((await buttons.all()).map((button) => button.boundingBox()))) {
      expect(box?.height).toBeGreaterThanOrEqual(72);
    }
    await kiosk.getByLabel('60 周岁以上老年人').check();
    await kiosk.getByRole('button', { name: /民政业务/ }).click();
    await kiosk.locator('#ticket:not([hidden])').waitFor();
    expect(await kiosk.locator('#ticket-number').textContent()).toBe('A001');
    expect(await kiosk.locator('#ticket-ahead').textContent()).toBe('0 人');
    expect(await kiosk.locator('#ticket-priority').textContent()).toBe('60 周岁以上老年人');
    await expectAxeClean(kiosk, 'kiosk with a ticket');

    await kiosk.emulateMedia({ media: 'print' });
    expect(await kiosk.locator('#take-form').isVisible()).toBe(false);
    expect(await kiosk.locator('#ticket-print').isVisible()).toBe(false);
    const ticket = await kiosk.locator('#ticket').boundingBox();
    // 72 mm of printable width at 96 px per inch.
    expect(ticket?.width).toBeLessThanOrEqual(Math.ceil((72 / 25.4) * 96));
    await kiosk.emulateMedia({ media: 'screen' });
    await kiosk.getByRole('button', { name: '返回' }).click();
    expect(await kiosk.locator('#take-form').isVisible()).toBe(true);
  });

  it('takes a ticket on a phone and keeps it on the phone for the day', async () => {
    const phone = await hall.newPage({ width: 390, height: 844 });
    await phone.goto(`${runtime.baseUrl}/counter/take/`);
    await expectAxeClean(phone, 'phone ticket page');
    await phone.getByRole('button', { name: /民政业务/ }).click();
    await phone.locator('#ticket:not([hidden])').waitFor();
    expect(await phone.locator('#ticket-number').textContent()).toBe('A002');
    expect(await phone.locator('#ticket-ahead').textContent()).toBe('1 人');
    await phone.reload();
    await phone.locator('#ticket:not([hidden])').waitFor();
    expect(await phone.locator('#ticket-number').textContent()).toBe('A002');
  });

  it('shows the waiting on the hall display', async () => {
    display = await hall.newPage({ width: 1920, height: 1080 });
    await display.goto(`${runtime.baseUrl}/counter/display/`);
    await display.getByRole('button', { name: '开启语音播报并全屏显示' }).click();
    await display
      .locator('#display-categories li', { hasText: '民政业务' })
      .filter({ hasText: '2 人' })
      .waitFor();
    expect(await display.locator('#display-now').textContent()).toBe('暂无叫号');
    await expectAxeClean(display, 'hall display');
  });

  it('calls from the desk and the display announces it in Mandarin within two seconds', async () => {
    const panel = await signInToDesk(desk, runtime.baseUrl, 'clerk', '/desk/counter/');
    await panel.locator('#counter-waiting li', { hasText: '2 人等候' }).waitFor();
    await expectAxeClean(panel, 'desk calling panel');
    const pressed = Date.now();
    await panel.getByRole('button', { name: '叫号', exact: true }).click();
    await panel.locator('#counter-number', { hasText: 'A001' }).waitFor();

    await display.locator('#display-calls td', { hasText: 'A001' }).waitFor({ timeout: 2000 });
    await expect
      .poll(async () => texts(await spoken(display)), { timeout: 3000, interval: 100 })
      .toContain('请 A001 号到 B区 01 号窗口办理');
    expect(Date.now() - pressed).toBeLessThan(3500);
    expect((await spoken(display)).filter((u) => u.text !== '')).toEqual([
      { text: '请 A001 号到 B区 01 号窗口办理', lang: 'zh-CN' },
    ]);

    await panel.getByRole('button', { name: '重呼' }).click();
    await panel.locator('#desk-status', { hasText: '已重呼 A001 号' }).waitFor();
    await expect
      .poll(
        async () =>
          texts(await spoken(display)).filter((text) => text === '请 A001 号到 B区 01 号窗口办理').length,
        {
          timeout: 3000,
          interval: 100,
        },
      )
      .toBe(2);
    await panel.getByRole('button', { name: '结束' }).click();
    await panel.locator('#counter-none:not([hidden])').waitFor();
  });

  it('recovers by itself after the network drops and announces the call made meanwhile', async () => {
    await display.route('**/api/public/hall', (route) => route.abort('internetdisconnected'));
    await display.locator('#display-status', { hasText: '网络连接中断' }).waitFor({ timeout: 5000 });
    const token = await runtime.identity.issue('clerk-b');
    const called = await fetch(`${runtime.baseUrl}/api/windows/mz-01/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await called.json()) as { ticketNo: string }).ticketNo).toBe('A002');
    await display.unroute('**/api/public/hall');
    await expect
      .poll(async () => texts(await spoken(display)), { timeout: 8000, interval: 100 })
      .toContain('请 A002 号到 B区 01 号窗口办理');
    expect(await display.locator('#display-status').textContent()).toBe('');
    expect(await display.locator('#display-categories li', { hasText: '民政业务' }).textContent()).toContain(
      '0 人',
    );
  });

  it('broke no content security policy rule', () => {
    expect(recorders.flatMap((recorder) => recorder.violations)).toEqual([]);
  });
});
