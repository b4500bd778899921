/**
 * One visit end to end in Chromium on the real local runtime: a visitor takes a ticket on the phone
 * page and leaves a number for the "your number is near" SMS; the clerk calls the visitor ahead,
 * opens 受理办件 from the called ticket, takes the case in, and the case page shows the visit and
 * its wait (then its service, once ended); the messages job runs as its schedule would, and the
 * SMS outbox lists the message with the phone masked; the counter figures page counts the day.
 * Every page axe-clean, no CSP violation, no phone in clear on any page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFunction } from '../../infra/functions.ts';
import { scheduledEvent } from '../../infra/local/scheduler.ts';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let hall: BrowserSession;
let desk: BrowserSession;
const recorders: CspRecorder[] = [];
const visitorPhone = '13912345678';

beforeAll(async () => {
  runtime = await startTestRuntime();
  hall = await launchBrowser();
  desk = await launchBrowser();
  for (const session of [hall, desk])
    recorders.push(await enforceCsp(session.context, contentSecurityPolicy));
}, 120_000);
afterAll(async () => {
  for (const session of [hall, desk]) await session?.close();
  await runtime?.stop();
});

describe('a visit from ticket to case, with its message', () => {
  let phoneTicket = '';

  it('takes a ticket on the phone page with a number for the SMS, shown back masked', async () => {
    // Someone ahead, taken at the kiosk.
    const ahead = await fetch(`${runtime.baseUrl}/api/public/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'civil-affairs' }),
    });
    expect(ahead.status).toBe(201);
    const phone = await hall.newPage({ width: 390, height: 844 });
    await phone.goto(`${runtime.baseUrl}/counter/take/`);
    await phone.getByLabel('到号短信提醒（选填）').fill('010-1234');
    await phone.getByLabel('到号短信提醒（选填）').press('Enter');
    // Enter in the phone field takes no ticket.
    expect(await phone.locator('#ticket').isHidden()).toBe(true);
    await phone.getByRole('button', { name: /民政业务/ }).click();
    await phone.locator('#take-status', { hasText: '11 位手机号码' }).waitFor();
    await phone.getByLabel('到号短信提醒（选填）').fill('139 1234 5678');
    await phone.getByRole('button', { name: /民政业务/ }).click();
    await phone.locator('#ticket:not([hidden])').waitFor();
    phoneTicket = (await phone.locator('#ticket-number').textContent()) ?? '';
    expect(phoneTicket).toBe('A002');
    expect(await phone.locator('#ticket-phone').textContent()).toBe('将发送到 139****5678');
    expect(await phone.content()).not.toContain(visitorPhone);
    await expectAxeClean(phone, 'phone ticket page with the SMS number');
  });

  it('calls at the desk, takes the case in from the called ticket, and the case page shows the wait', {
    timeout: 120_000,
  }, async () => {
    const panel = await signInToDesk(desk, runtime.baseUrl, 'clerk', '/desk/counter/');
    await panel.getByRole('button', { name: '叫号', exact: true }).click();
    await panel.locator('#counter-number', { hasText: 'A001' }).waitFor();
    await expectAxeClean(panel, 'calling panel with 受理办件');
    await panel.getByRole('link', { name: '受理办件' }).click();
    await panel.waitForURL(/\/desk\/intake\/\?ticket=A001&date=/);
    expect(await panel.locator('#intake-ticket').textContent()).toContain('A001 号');
    expect(await panel.locator('#f-ticket').isChecked()).toBe(true);
    await expectAxeClean(panel, 'intake from a ticket');
    await panel.locator('#f-itemCode').selectOption('YC-MZ-0102');
    await panel.locator('#f-applicant-name').fill('张三丰');
    await panel.locator('#f-applicant-idNumber').fill('11010519491231002X');
    await panel.locator('#f-applicant-phone').fill('13812345678');
    await panel.locator('#intake-submit').click();
    await panel.waitForURL(/\/desk\/case\/\?no=/);
    const caseNo = new URL(panel.url()).searchParams.get('no') ?? '';
    await panel.locator('#case-visit-section:not([hidden])').waitFor();
    await panel.locator('#case-visit', { hasText: '等候时长' }).waitFor();
    const visit = (await panel.locator('#case-visit').textContent()) ?? '';
    expect(visit).toContain('A001（民政业务）');
    expect(visit).toMatch(/等候时长\d+ (秒|分钟|分 \d+ 秒)/);
    expect(visit).toContain('服务中');
    await expectAxeClean(panel, 'case page with its visit');

    // Back at the counter: the ticket lists its case; ending the service gives the case page its service time.
    await panel.goto(`${runtime.baseUrl}/desk/counter/`);
    await panel.locator('#counter-cases a', { hasText: caseNo }).waitFor();
    await panel.getByRole('button', { name: '结束' }).click();
    await panel.locator('#counter-none:not([hidden])').waitFor();
    await panel.goto(`${runtime.baseUrl}/desk/case/?no=${caseNo}`);
    await panel.locator('#case-visit', { hasText: '结束）' }).waitFor();
  });

  it('sends the "number is near" message through the local outbox, listed masked on the desk', async () => {
    const summary = (await runtime.host.invoke(
      messagesFunction,
      scheduledEvent(new Date(), 'yichuang-messages'),
    )) as {
      sent: number;
    };
    expect(summary.sent).toBe(1);
    const outbox = await signInToDesk(desk, runtime.baseUrl, 'supervisor', '/desk/messages/');
    await outbox.locator('#messages:not([hidden])').waitFor();
    const row = outbox.locator('#messages-body tr', { hasText: '即将到号' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(`号票 ${phoneTicket}`);
    expect(text).toContain('139****5678');
    expect(text).toContain(`您取的${phoneTicket}号（民政业务）前面还有0人`);
    expect(text).toContain('已发送');
    expect(await outbox.locator('#messages-adapter').textContent()).toContain('本地发件箱');
    expect(await outbox.content()).not.toContain(visitorPhone);
    await expectAxeClean(outbox, 'SMS outbox');
  });

  it('counts the day on the counter figures page', async () => {
    const figures = await signInToDesk(desk, runtime.baseUrl, 'chief', '/desk/counter/figures/');
    await figures.locator('#counter-figures-result:not([hidden])').waitFor();
    const total = (await figures.locator('#counter-figures-total').textContent()) ?? '';
    // Two tickets taken, one called and served.
    expect(total).toContain('部门 mz');
    expect(await figures.locator('#counter-figures-total tbody td').first().textContent()).toBe('2');
    expect(await figures.locator('#counter-figures-window').textContent()).toContain('mz-01');
    await expectAxeClean(figures, 'counter figures page');
  });

  it('broke no content security policy rule', () => {
    expect(recorders.flatMap((recorder) => recorder.violations)).toEqual([]);
  });
});
