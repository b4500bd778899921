/**
 * The figures page in Chromium on the real local runtime: a case taken in and finished over the
 * API today and a case left past its statutory limit in November (written with its November
 * history). The chief opens /desk/figures/ for the month, sees the counts with numerator and
 * denominator, "—" where nothing divides, and downloads the ledger as CSV with its BOM and as
 * Excel; the November overdue count opens the list of overdue cases linking to the case page, and
 * this month's count of cases received opens the list behind it; the trend and the comparison of
 * windows are drawn by ECharts (an SVG in each chart) beside tables holding their numbers, charts
 * left off paper; the monthly report draft opens on its own page, prints on A4 and downloads as
 * Word; a clerk asking for the centre is refused. Axe-clean, no CSP violation, and ECharts in the
 * built site belongs to the figures page alone.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateAt } from '../../functions/domain/calendar/instant.ts';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { expectAxeClean, signInToDesk } from '../support/desk.ts';
import { seedOverdueNovemberCase } from '../support/figures.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let browser: BrowserSession;
let csp: CspRecorder;
let overdueCaseNo: string;
let finishedCaseNo: string;
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
async function finishedCase(): Promise<string> {
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
  return caseNo;
}

beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchBrowser();
  csp = await enforceCsp(browser.context, contentSecurityPolicy);
  finishedCaseNo = await finishedCase();
  overdueCaseNo = 'YC0001-20261102-9001';
  await seedOverdueNovemberCase(runtime, overdueCaseNo);
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

describe('charts, the cases behind a number, the report draft and the Excel ledger', () => {
  it('draws the trend and the comparison of windows beside tables with their numbers', async () => {
    const page = await signInToDesk(browser, runtime.baseUrl, 'chief', `/desk/figures/?period=${month}`);
    await page.locator('#figures-trend-chart svg').waitFor();
    await page.locator('#figures-comparison-chart svg').waitFor();
    // ECharts drew something: bars in the SVG, not an empty canvas.
    expect(await page.locator('#figures-trend-chart svg path').count()).toBeGreaterThan(5);
    const trendRows = page.locator('#figures-trend-table tbody tr');
    await expect(trendRows.count()).resolves.toBe(12);
    const thisMonth = page
      .locator('#figures-trend-table')
      .getByRole('row', { name: new RegExp(`^${month}`) });
    await expect(thisMonth.locator('td').first().textContent()).resolves.toBe('1');
    await expect(thisMonth.locator('td').nth(2).textContent()).resolves.toBe('100.0%（1/1）');
    await expect(page.locator('#figures-comparison-heading').textContent()).resolves.toBe('窗口对比');
    const mz01 = page.locator('#figures-comparison-table').getByRole('row', { name: /^mz-01 窗口/ });
    await expect(mz01.locator('td').first().textContent()).resolves.toBe('1');
    await expect(page.locator('#figures-comparison-table tbody tr').count()).resolves.toBe(3);
    // The charts are pictures of the tables: hidden from screen readers and from paper.
    await expect(page.locator('#figures-trend-chart').getAttribute('aria-hidden')).resolves.toBe('true');
    await expectAxeClean(page, 'figures page with charts');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#figures-trend-chart').isVisible()).resolves.toBe(false);
    await expect(page.locator('#figures-trend-table').isVisible()).resolves.toBe(true);
    await expect(page.locator('#figures-comparison-table').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(csp.violations).toEqual([]);
    await page.close();
  });

  it('opens the list of cases behind a number, each linking to its case', async () => {
    const page = await signInToDesk(browser, runtime.baseUrl, 'chief', `/desk/figures/?period=${month}`);
    await page.locator('#figures-result:not([hidden])').waitFor();
    await page
      .locator('#figures-counts')
      .getByRole('row', { name: /^收件量/ })
      .getByRole('link', { name: /收件量 1 件，查看办件清单/ })
      .click();
    await page.locator('#figures-cases:not([hidden])').waitFor();
    expect(new URL(page.url()).searchParams.get('show')).toBe('received');
    await expect(page.locator('#figures-cases-heading').textContent()).resolves.toBe('办件清单：收件量');
    const link = page.locator('#figures-cases-list').getByRole('link', { name: finishedCaseNo });
    await expect(link.getAttribute('href')).resolves.toBe(`/desk/case/?no=${finishedCaseNo}`);
    await expect(page.locator('#figures-cases-summary').textContent()).resolves.toBe('已列出 1 件。');
    await expectAxeClean(page, 'figures page (cases behind a number)');
    expect(csp.violations).toEqual([]);
    await page.close();
  });

  it('downloads the ledger as an Excel workbook', async () => {
    const page = await signInToDesk(browser, runtime.baseUrl, 'chief', `/desk/figures/?period=${month}`);
    await page.locator('#figures-result:not([hidden])').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载办件台账（Excel）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ledger-department-mz-${month}.xlsx`);
    const zip = await JSZip.loadAsync(await readFile((await download.path()) as string));
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    expect(sheet).toContain(finishedCaseNo);
    expect(sheet).toContain('张**');
    expect(sheet).not.toContain('张三丰');
    await page.close();
  });

  it('opens the monthly report draft on an A4 page, and gives it as Word', async () => {
    const page = await signInToDesk(browser, runtime.baseUrl, 'chief', '/desk/figures/?period=2026-11');
    await page.locator('#figures-result:not([hidden])').waitFor();
    await page.getByRole('link', { name: '2026年11月工作汇报（草稿）' }).click();
    await page.waitForURL(/\/desk\/figures\/report\/\?/);
    await page.locator('#report-draft article.report').waitFor();
    await expect(page.locator('.report__title').textContent()).resolves.toBe(
      '云川市民政局窗口2026年11月工作汇报',
    );
    await expect(page.locator('#report-draft h2').allTextContents()).resolves.toEqual([
      '一、基本情况',
      '二、主要做法',
      '三、存在问题',
      '四、下步打算',
    ]);
    await expect(page.locator('#report-draft').textContent()).resolves.toContain(overdueCaseNo);
    // The official-document look comes from the stylesheet served as a file.
    const font = await page
      .locator('#report-draft article.report section p')
      .first()
      .evaluate((p) => getComputedStyle(p).fontFamily);
    expect(font).toContain('仿宋_GB2312');
    await expectAxeClean(page, 'monthly report draft');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.desk-bar').isVisible()).resolves.toBe(false);
    await expect(page.locator('#report-print').isVisible()).resolves.toBe(false);
    await expect(page.locator('#report-draft article.report').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 Word 文档' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('report-department-mz-2026-11.docx');
    const zip = await JSZip.loadAsync(await readFile((await download.path()) as string));
    expect((await zip.file('word/document.xml')?.async('string')) ?? '').toContain(overdueCaseNo);
    expect(csp.violations).toEqual([]);
    await page.close();
  });

  it('puts ECharts in the figures page alone', async () => {
    const dist = path.resolve('site/dist');
    const assets = await readdir(path.join(dist, '_astro'));
    const charts = assets
      .filter((name) => name.endsWith('.js'))
      .filter((name) => name.startsWith('desk-charts'));
    expect(charts).toHaveLength(1);
    // Which scripts load the chart chunk, and which pages load those scripts.
    const loaders: string[] = [];
    for (const name of assets.filter((asset) => asset.endsWith('.js'))) {
      if ((await readFile(path.join(dist, '_astro', name), 'utf8')).includes(charts[0] as string))
        loaders.push(name);
    }
    expect(loaders).toHaveLength(1);
    const pages: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith('.html')) {
          const html = await readFile(full, 'utf8');
          if (html.includes(loaders[0] as string) || html.includes(charts[0] as string)) {
            pages.push(path.relative(dist, full));
          }
        }
      }
    };
    await walk(dist);
    expect(pages).toEqual(['desk/figures/index.html']);
  });
});
