/**
 * The figures page in Chromium on the real local runtime: a case taken in and finished over the
 * API today and a case left past its statutory limit in November (written with its November
 * history). The chief opens /desk/figures/ for the month, sees the counts with numerator and
 * denominator, "—" where nothing divides, and downloads the ledger as CSV with its BOM; the
 * November overdue count opens the list of overdue cases linking to the case page; a clerk asking for the centre is refused. Axe-clean, no CSP
 * violation.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centreClocks } from '../../functions/config/centre.ts';
import { figureSettings } from '../../functions/config/figures.ts';
import { civilDateAt } from '../../functions/domain/calendar/instant.ts';
import { decide, openCase } from '../../functions/domain/cases/index.ts';
import { intakeSnapshot } from '../../functions/domain/catalogue/catalogue.ts';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import { caseKey, insertCaseCommand } from '../../functions/store/cases/cases.ts';
import { caseMonthUpdate } from '../../functions/store/figures/case-months.ts';
import { projectSource } from '../../functions/store/figures/projector.ts';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let browser: BrowserSession;
let csp: CspRecorder;
let overdueCaseNo: string;
const month = civilDateAt(new Date()).slice(0, 7);

async function api(path: string, body: unknown, headers: Record<string, string> = {}) {
  const token = await runtime.identity.issue('clerk');
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Today: taken in, accepted, approved and delivered over the API. */
async function finishedCase(): Promise<void> {
  const intake = await api(
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
    expect((await api(`/api/cases/${caseNo}/${slug}`, { version: index + 1, ...body })).status).toBe(200);
  }
}

/** Received and accepted on 2 November 2026 and never decided: its statutory limit ran out on 30 November. */
async function overdueCase(): Promise<string> {
  const item = getCatalogue().items.find((candidate) => candidate.code === 'YC-MZ-0102');
  if (!item) throw new Error('no YC-MZ-0102');
  const clerk = { username: 'clerk', roles: ['clerk' as const], department: 'mz', window: 'mz-01' };
  const caseNo = 'YC0001-20261102-9001';
  const received = openCase(
    {
      caseNo,
      centre: 'YC0001',
      item: intakeSnapshot(item),
      applicant: { kind: 'individual', name: '李*', idNumber: '44**************11', phone: '139****5432' },
      materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' as const })),
    },
    clerk,
    '2026-11-02T09:00:00+08:00',
  );
  const accepted = decide(received, { type: 'accept', told: '受理' }, clerk, '2026-11-02T10:00:00+08:00', {
    clocks: centreClocks(),
    handlerAway: false,
  }).state;
  const client = DynamoDBDocumentClient.from(runtime.store.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  for (const state of [received, accepted])
    await client.send(new UpdateCommand(caseMonthUpdate('yichuang', state)));
  await client.send(
    new PutCommand(
      insertCaseCommand(
        'yichuang',
        {
          state: accepted,
          applicantSealed: 'not-used',
          queryCodeSalt: 'not-used',
          queryCodeHash: 'not-used',
        },
        '2026-11-02T10:00:00+08:00',
        centreClocks(),
      ),
    ),
  );
  // Written as the case store writes it, pending for the kept figures: counted as the figures job would.
  await projectSource(
    { client, tableName: 'yichuang', centre: 'YC0001', ctx: centreClocks(), settings: figureSettings() },
    caseKey(caseNo),
  );
  return caseNo;
}

beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchBrowser();
  csp = await enforceCsp(browser.context, contentSecurityPolicy);
  await finishedCase();
  overdueCaseNo = await overdueCase();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('the figures page', () => {
  it('shows the month’s figures with numerator and denominator, and the definitions', async () => {
    const page = await signInToDesk(browser, runtime.baseUrl, 'chief', `/desk/figures/?period=${month}`);
    await page.locator('#figures-result:not([hidden])').waitFor();
    await expect(page.locator('#figures-period').inputValue()).resolves.toBe(month);
    const counts = page.locator('#figures-counts');
    await expect(
      counts
        .getByRole('row', { name: /^收件量/ })
        .locator('td')
        .first()
        .textContent(),
    ).resolves.toBe('1');
    const onTime = page.locator('#figures-rates').getByRole('row', { name: /^按时办结率/ });
    await expect(onTime.locator('td').first().textContent()).resolves.toBe('100.0%（1/1）');
    // Nothing was decided a year before: no denominator, no rate.
    await expect(onTime.locator('td').nth(2).textContent()).resolves.toBe('—（0/0）');
    // Cards, complaints and ratings beside the cases: nothing rated yet, so no satisfaction rate.
    const service = page.locator('#figures-service');
    await expect(
      service.getByRole('row', { name: /^红牌/ }).locator('td').first().textContent(),
    ).resolves.toBe('0');
    await expect(
      service
        .getByRole('row', { name: /^投诉量/ })
        .locator('td')
        .first()
        .textContent(),
    ).resolves.toBe('0');
    await expect(
      service
        .getByRole('row', { name: /^满意率/ })
        .locator('td')
        .first()
        .textContent(),
    ).resolves.toBe('—（0/0）');
    await expect(
      page
        .locator('#figures-definitions')
        .getByRole('row', { name: /^差评按时整改率/ })
        .textContent(),
    ).resolves.toContain('回访和整改时限均未超期');
    await expect(
      page
        .locator('#figures-definitions')
        .getByRole('row', { name: /^现场办结率/ })
        .textContent(),
    ).resolves.toContain('受理当天');
    await expectAxeClean(page, 'figures page (month)');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载办件台账（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ledger-department-mz-${month}.csv`);
    const file = await readFile((await download.path()) as string);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(2);
    await page.close();
  });

  it('opens the list of overdue cases from the overdue count', async () => {
    const page = await signInToDesk(
      browser,
      runtime.baseUrl,
      'chief',
      '/desk/figures/?period=2026-11&scope=department:mz',
    );
    await page.locator('#figures-result:not([hidden])').waitFor();
    await page.getByRole('link', { name: /1 件超法定时限办件/ }).click();
    await page.locator('#figures-overdue-list:not([hidden])').waitFor();
    expect(new URL(page.url()).searchParams.get('show')).toBe('overdue');
    const link = page.locator('#figures-overdue-list').getByRole('link', { name: overdueCaseNo });
    await expect(link.getAttribute('href')).resolves.toBe(`/desk/case/?no=${overdueCaseNo}`);
    await expectAxeClean(page, 'figures page (overdue list)');
    await page.close();
  });

  it('tells a clerk who asks for the centre that the scope is above their role', async () => {
    const page = await signInToDesk(
      browser,
      runtime.baseUrl,
      'clerk',
      `/desk/figures/?period=${month}&scope=centre`,
    );
    await page.locator('#desk-status').filter({ hasText: '无权' }).waitFor();
    await expect(page.locator('#figures-result').isHidden()).resolves.toBe(true);
    await expectAxeClean(page, 'figures page (refused)');
    expect(csp.violations).toEqual([]);
    await page.close();
  });
});
