// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText() (rendered text), not the DOM property
/**
 * Search (/search/) in Chromium: the UI path 老年人 → 老年人优待证, the recall set (every query
 * finds its item in the top three), keyboard use, and no content-security-policy violation while
 * pagefind loads its WebAssembly and worker under the site's policy.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import { contentSecurityPolicy } from '../../site/csp.ts';
import { type BrowserSession, type CspRecorder, enforceCsp, launchBrowser } from '../support/browser.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

type Kind = 'full name' | 'short name' | 'synonym' | 'material' | 'department';
type Expectation = { code: string } | { department: string };

/** The recall set: what people type, and the item (or department) that must come up in the top 3. */
const recallSet: [Kind, string, Expectation][] = [
  ['full name', '社会团体成立登记', { code: 'YC-MZ-0101' }],
  ['full name', '民办非企业单位注销登记', { code: 'YC-MZ-0203' }],
  ['full name', '老年人优待证办理', { code: 'YC-MZ-0401' }],
  ['full name', '增值税一般纳税人登记', { code: 'YC-SW-0101' }],
  ['full name', '车辆购置税申报', { code: 'YC-SW-0401' }],
  ['full name', '不动产抵押权首次登记', { code: 'YC-BDC-0201' }],
  ['full name', '公共场所卫生许可', { code: 'YC-WJW-0201' }],
  ['full name', '医师执业注册', { code: 'YC-WJW-0301' }],
  ['full name', '个体工商户设立登记', { code: 'YC-SJ-0101' }],
  ['full name', '食品经营许可', { code: 'YC-SJ-0201' }],
  ['full name', '地名命名', { code: 'YC-MZ-0301' }],
  ['full name', '失业登记', { code: 'YC-RS-0201' }],
  ['short name', '老年人', { code: 'YC-MZ-0401' }],
  ['short name', '老年证', { code: 'YC-MZ-0401' }],
  ['short name', '社团变更', { code: 'YC-MZ-0102' }],
  ['short name', '民非登记', { code: 'YC-MZ-0201' }],
  ['short name', '专票限额', { code: 'YC-SW-0202' }],
  ['short name', '购置税', { code: 'YC-SW-0401' }],
  ['short name', '社保卡', { code: 'YC-RS-0301' }],
  ['short name', '卫生许可证', { code: 'YC-WJW-0201' }],
  ['short name', '预告登记', { code: 'YC-BDC-0401' }],
  ['synonym', '敬老卡', { code: 'YC-MZ-0401' }],
  ['synonym', '小区命名', { code: 'YC-MZ-0301' }],
  ['synonym', '一般纳税人认定', { code: 'YC-SW-0101' }],
  ['synonym', '领发票', { code: 'YC-SW-0201' }],
  ['synonym', '退税', { code: 'YC-SW-0301' }],
  ['synonym', '新能源车免购置税', { code: 'YC-SW-0402' }],
  ['synonym', '完税证明丢了', { code: 'YC-SW-0403' }],
  ['synonym', '过户', { code: 'YC-BDC-0101' }],
  ['synonym', '二手房过户', { code: 'YC-BDC-0101' }],
  ['synonym', '房贷抵押', { code: 'YC-BDC-0201' }],
  ['synonym', '无房证明', { code: 'YC-BDC-0301' }],
  ['synonym', '准生证', { code: 'YC-WJW-0101' }],
  ['synonym', '领失业金', { code: 'YC-RS-0201' }],
  ['synonym', '就业证', { code: 'YC-RS-0101' }],
  ['synonym', '开公司', { code: 'YC-SJ-0301' }],
  ['synonym', '注册公司', { code: 'YC-SJ-0301' }],
  ['synonym', '餐饮许可证', { code: 'YC-SJ-0201' }],
  ['synonym', '营业执照', { code: 'YC-SJ-0101' }],
  ['material', '契税完税凭证', { code: 'YC-BDC-0101' }],
  ['material', '婚姻状况证明', { code: 'YC-BDC-0101' }],
  ['material', '结婚证', { code: 'YC-WJW-0101' }],
  ['material', '章程草案', { code: 'YC-MZ-0101' }],
  ['material', '清算报告书', { code: 'YC-MZ-0103' }],
  ['material', '医师资格证书', { code: 'YC-WJW-0301' }],
  ['material', '商品房预售合同', { code: 'YC-BDC-0401' }],
  ['material', '卫生检测或评价报告', { code: 'YC-WJW-0201' }],
  ['material', '机动车行驶证', { code: 'YC-SW-0403' }],
  ['material', '最高开票限额申请单', { code: 'YC-SW-0202' }],
  ['department', '民政局', { department: 'mz' }],
  ['department', '税务局', { department: 'sw' }],
  ['department', '不动产登记中心', { department: 'zrzy' }],
  ['department', '卫生健康委员会', { department: 'wjw' }],
  ['department', '人力资源和社会保障局', { department: 'rs' }],
  ['department', '市场监督管理局', { department: 'sj' }],
];

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

/** Codes of the top results for a query, through pagefind's own API in the page. */
async function topCodes(page: Page, query: string, n = 3): Promise<string[]> {
  const urls = await page.evaluate(`(async () => {
    window.__pf ??= await import('/pagefind/pagefind.js');
    const search = await window.__pf.search(${JSON.stringify(query)});
    const data = await Promise.all(search.results.slice(0, ${n}).map((r) => r.data()));
    return data.map((d) => d.url);
  })()`);
  return (urls as string[]).map((url) => /\/services\/([^/]+)\//.exec(url)?.[1] ?? url);
}

describe('search', () => {
  it('search 老年人 and reach 老年人优待证', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/`);
    await page.getByLabel('搜索办事指南').fill('老年人');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search/?q=*');
    const first = page.locator('#search-results li a').first();
    await first.waitFor();
    await expect(first.innerText()).resolves.toContain('老年人优待证');
    // The summary under the result comes from the index's metadata, not from the page.
    await expect(page.locator('#search-results li').first().innerText()).resolves.toContain(
      '公共服务｜即办件｜承诺时限：当场办结｜不收费',
    );
    await expect(page.locator('#search-status').innerText()).resolves.toMatch(
      /找到 \d+ 个与“老年人”相关的事项/,
    );
    await first.click();
    await page.waitForURL('**/services/YC-MZ-0401/');
    await expect(page.locator('h1').innerText()).resolves.toBe('老年人优待证办理');
    await page.close();
  });

  it('is usable from the keyboard: type, Enter, Tab to the first result, Enter', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/search/`);
    await page.locator('#search-q').focus();
    await page.keyboard.type('社保卡');
    await page.keyboard.press('Enter');
    await page.locator('#search-results li a').first().waitFor();
    await page.keyboard.press('Tab'); // the search button
    await page.keyboard.press('Tab'); // the first result
    // Typing searched too (debounced, 250 ms): its answer must not rebuild the list under the focus.
    await page.waitForTimeout(600);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe(
      '/services/YC-RS-0301/',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL('**/services/YC-RS-0301/');
    await page.close();
  });

  it('says so when nothing matches', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/search/?q=${encodeURIComponent('火星移民')}`);
    await expect
      .poll(() => page.locator('#search-status').innerText(), { timeout: 10_000 })
      .toContain('没有找到');
    await expect(page.locator('#search-results li').count()).resolves.toBe(0);
    await page.close();
  });

  it(`the recall set (${recallSet.length} queries) finds the right item in the top three`, async () => {
    expect(recallSet.length).toBeGreaterThanOrEqual(40);
    const catalogue = getCatalogue();
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/search/`);
    const misses: string[] = [];
    let firsts = 0;
    for (const [kind, query, expected] of recallSet) {
      const top = await topCodes(page, query);
      if ('code' in expected) {
        expect(catalogue.get(expected.code), expected.code).toBeDefined();
        if (top[0] === expected.code) firsts++;
        if (!top.includes(expected.code))
          misses.push(`${kind} “${query}” → ${top.join(', ')} (want ${expected.code})`);
      } else {
        const departments = top.map((code) => catalogue.get(code)?.department);
        if (departments[0] === expected.department) firsts++;
        if (departments.length < 3 || departments.some((d) => d !== expected.department)) {
          misses.push(`${kind} “${query}” → ${top.join(', ')} (want all of ${expected.department})`);
        }
      }
    }
    console.log(`recall: ${recallSet.length - misses.length}/${recallSet.length} in top 3, ${firsts} first`);
    expect(misses).toEqual([]);
    await page.close();
  });

  it('raised no content security policy violation', () => {
    expect(csp.violations).toEqual([]);
  });
});
