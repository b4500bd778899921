// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText() (rendered text), not the DOM property
/**
 * The public guide site in Chromium: home → department → item, the disclosure block with the
 * catalogue's values, the printable materials checklist, keyboard use, 360 px, no client script on
 * guide pages, the 404 page and the page weight budget.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitTexts } from '../../functions/domain/catalogue/catalogue.ts';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import type { ServiceItem } from '../../functions/domain/catalogue/schema.ts';
import { type BrowserSession, launchBrowser } from '../support/browser.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

const dist = path.resolve(import.meta.dirname, '../../site/dist');
let runtime: TestRuntime;
let browser: BrowserSession;

beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

function item(code: string): ServiceItem {
  const found = getCatalogue().get(code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
}

async function sectionTexts(page: Page, key: string, selector: string): Promise<string[]> {
  return page.locator(`#s-${key}`).locator('xpath=..').locator(selector).allInnerTexts();
}

describe('home page', () => {
  it('shows the centre address, hours and phones from centre.json', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/`);
    const visit = page.locator('section[aria-labelledby="visit"]');
    await expect(visit.innerText()).resolves.toContain('云川市新城区政务大道 1 号');
    await expect(visit.innerText()).resolves.toContain('0000-12345678');
    await expect(visit.innerText()).resolves.toContain('13:30–17:30');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.locator('footer').innerText()).resolves.toContain('示例数据');
    await page.close();
  });

  it('leads to an item by department, by life event and by type', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/`);
    await page
      .locator('section[aria-labelledby="by-department"]')
      .getByRole('link', { name: /云川市民政局/ })
      .click();
    await page.waitForURL('**/departments/mz/');
    await page.getByRole('link', { name: '老年人优待证办理' }).click();
    await page.waitForURL('**/services/YC-MZ-0401/');
    await expect(page.locator('h1').innerText()).resolves.toBe('老年人优待证办理');

    await page.goto(`${runtime.baseUrl}/`);
    await page
      .locator('section[aria-labelledby="by-event"]')
      .getByRole('link', { name: /房产登记/ })
      .click();
    await page.waitForURL('**/topics/housing/');
    await expect(page.getByRole('link', { name: '不动产抵押权首次登记' }).count()).resolves.toBe(1);

    await page.goto(`${runtime.baseUrl}/`);
    await page
      .locator('section[aria-labelledby="by-type"]')
      .getByRole('link', { name: /公共服务/ })
      .click();
    await page.waitForURL('**/types/publicService/');
    await expect(page.getByRole('link', { name: '生育登记' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('links in the navigation only to pages that exist', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/`);
    const hrefs = await page
      .locator('nav[aria-label="主导航"] a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(3);
    for (const href of hrefs) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
    }
    await page.close();
  });
});

describe('guide page', () => {
  const sixLabels = ['政策依据', '申请条件', '申请材料', '办理程序', '办理时限', '收费标准'];

  it.each(['YC-MZ-0101', 'YC-MZ-0401', 'YC-BDC-0101', 'YC-SJ-0301'])(
    '%s shows the six disclosures first, with the catalogue values',
    async (code) => {
      const expected = item(code);
      const page = await browser.newPage();
      await page.goto(`${runtime.baseUrl}/services/${code}/`);
      await expect(page.locator('h1').innerText()).resolves.toBe(expected.name);

      // The disclosure block comes first and holds exactly the six, in order.
      await expect(page.locator('.disclosures > h2').innerText()).resolves.toBe('六公开');
      await expect(page.locator('.disclosures h3').allInnerTexts()).resolves.toEqual(sixLabels);
      const firstH2 = await page.locator('article h2:not(.visually-hidden)').first().innerText();
      expect(firstH2).toBe('六公开');

      const legal = (await sectionTexts(page, 'legalBasis', 'li')).join('\n');
      for (const law of expected.legalBasis) {
        expect(legal).toContain(`《${law.title}》`);
        if (law.article) expect(legal).toContain(law.article);
      }
      await expect(sectionTexts(page, 'conditions', 'ol > li')).resolves.toEqual(expected.conditions);
      await expect(sectionTexts(page, 'materials', '.checklist > li strong')).resolves.toEqual(
        expected.materials.map((m) => m.name),
      );
      await expect(sectionTexts(page, 'procedure', '.steps > li strong')).resolves.toEqual(
        expected.procedure.map((s) => s.name),
      );
      const limits = limitTexts(expected);
      const limitText = (await sectionTexts(page, 'timeLimit', 'dl')).join('\n');
      expect(limitText).toMatch(new RegExp(`法定时限\\s*${limits.statutory}`));
      expect(limitText).toMatch(new RegExp(`承诺时限\\s*${limits.promised}`));
      if (expected.class === 'instant') expect(limits.promised).toBe('当场办结');
      else expect(limits.promised).toMatch(/^\d+ 个工作日$/);
      const fees = (await sectionTexts(page, 'fees', 'p, li')).join('\n');
      expect(fees).toContain(expected.fees.statement);
      for (const fee of expected.fees.items ?? []) expect(fees).toContain(fee.standard);

      // Then every other field.
      for (const key of ['codes', 'result', 'visits', 'online', 'place', 'phones']) {
        await expect(page.locator(`#s-${key}`).count(), key).resolves.toBe(1);
      }
      await expect(page.locator('#s-codes').locator('xpath=..').innerText()).resolves.toContain(
        expected.basicCode,
      );
      await page.close();
    },
  );

  it.each([
    ['YC-SJ-0201', true, true],
    ['YC-BDC-0101', false, true],
    ['YC-MZ-0102', true, false],
    ['YC-MZ-0101', false, false],
  ] as const)(
    '%s shows its acceptance paths (容缺受理 %s, 告知承诺 %s) in their own blocks',
    async (code, owed, commitment) => {
      const expected = item(code);
      const page = await browser.newPage();
      await page.goto(`${runtime.baseUrl}/services/${code}/`);
      await expect(page.locator('#s-deferredAcceptance').count()).resolves.toBe(owed ? 1 : 0);
      await expect(page.locator('#s-commitmentDecision').count()).resolves.toBe(commitment ? 1 : 0);
      if (owed) {
        await expect(page.locator('#s-deferredAcceptance').innerText()).resolves.toBe('可容缺受理的材料');
        await expect(sectionTexts(page, 'deferredAcceptance', 'li strong')).resolves.toEqual(
          expected.materials.filter((m) => m.mayBeOwed).map((m) => m.name),
        );
        const block = await page.locator('#s-deferredAcceptance').locator('xpath=..').innerText();
        expect(block).toContain(`受理之日起 ${expected.deferredAcceptance?.maxOwedWorkdays} 个工作日内`);
      }
      if (commitment) {
        await expect(page.locator('#s-commitmentDecision').innerText()).resolves.toBe('可告知承诺的证明事项');
        const block = await page.locator('#s-commitmentDecision').locator('xpath=..').innerText();
        expect(block).toContain(expected.commitmentDecision?.liability ?? '(none)');
        expect(block).toContain(
          `决定之日起 ${expected.commitmentDecision?.verification.workdays} 个工作日内`,
        );
      }
      await page.close();
    },
  );

  it('a 一件事 bundle page lists its items by step and the merged materials, each shared one once', async () => {
    const bundle = getCatalogue().bundle('YC-YJS-0004');
    if (!bundle) throw new Error('no sample bundle YC-YJS-0004');
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/bundles/`);
    await page.getByRole('link', { name: bundle.name }).click();
    await page.waitForURL(`**/bundles/${bundle.code}/`);
    await expect(page.locator('h1').innerText()).resolves.toBe(bundle.name);
    const itemLinks = await page.locator('#b-steps').locator('xpath=..').locator('li li a').allInnerTexts();
    expect(itemLinks).toEqual(bundle.steps.flatMap((step) => step.items).map((code) => item(code).name));
    const materials = await page.locator('.checklist > li strong').allInnerTexts();
    for (const shared of bundle.sharedMaterials ?? []) {
      expect(materials.filter((name) => name === shared.name)).toHaveLength(1);
    }
    // The items' own names for a shared material do not appear beside it.
    const sharedParts = (bundle.sharedMaterials ?? []).flatMap((shared) =>
      shared.covers.map((cover) => item(cover.item).materials[cover.material - 1]?.name),
    );
    for (const name of sharedParts) {
      if (!bundle.sharedMaterials?.some((shared) => shared.name === name))
        expect(materials).not.toContain(name);
    }
    await expect(page.locator('.checklist').innerText()).resolves.toContain('3 个事项共用');
    await page.close();
  });

  it('has a guide page for every bundle of the catalogue, linked from the bundle list', async () => {
    const bundles = getCatalogue().bundles;
    expect(bundles.length).toBeGreaterThanOrEqual(4);
    const list = await (await fetch(`${runtime.baseUrl}/bundles/`)).text();
    for (const bundle of bundles) {
      expect(list).toContain(`href="/bundles/${bundle.code}/"`);
      const response = await fetch(`${runtime.baseUrl}/bundles/${bundle.code}/`);
      expect(response.status, bundle.code).toBe(200);
      const html = await response.text();
      expect(html, bundle.code).toContain(`<h1>${bundle.name}</h1>`);
    }
  });

  it('ships no client JavaScript', async () => {
    const files = (await readdir(path.join(dist, 'services'), { recursive: true })).filter((f) =>
      f.endsWith('index.html'),
    );
    expect(files.length).toBe(getCatalogue().items.length + 1);
    for (const file of files) {
      const html = await readFile(path.join(dist, 'services', file), 'utf8');
      expect(html, file).not.toMatch(/<script/i);
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
      expect(html, file).not.toMatch(/<style/i);
    }
  });

  it('prints on A4 with the materials as a checklist and no navigation', async () => {
    const page = await browser.newPage({ width: 1280 });
    await page.goto(`${runtime.baseUrl}/services/YC-MZ-0101/`);
    await page.check('#m1');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('.skip-link').isVisible()).resolves.toBe(false);
    await expect(page.locator('.checklist input[type="checkbox"]').count()).resolves.toBe(
      item('YC-MZ-0101').materials.length,
    );
    await expect(page.locator('.checklist').isVisible()).resolves.toBe(true);
    // A4 minus the page margins (210 mm − 2 × 14 mm) is about 688 CSS pixels: nothing may be wider.
    await page.setViewportSize({ width: 688, height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(688);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(6);
    await page.close();
  });
});

describe('keyboard and small screens', () => {
  it('the first Tab reaches the skip link, which moves focus to the main content', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.baseUrl}/services/YC-SW-0101/`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('跳到主要内容');
    await expect(page.locator('.skip-link').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await page.close();
  });

  it('every focusable element on the home page and a guide page gets a visible focus outline', async () => {
    const page = await browser.newPage();
    for (const url of ['/', '/services/YC-BDC-0101/']) {
      await page.goto(`${runtime.baseUrl}${url}`);
      const count = await page
        .locator('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')
        .count();
      let reached = 0;
      for (let i = 0; i < count; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const fresh = !el.hasAttribute('data-focus-seen');
          el.setAttribute('data-focus-seen', '');
          return {
            fresh,
            id: `${el.tagName}:${el.getAttribute('href') ?? el.id}:${el.textContent?.trim().slice(0, 20)}`,
            outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
          };
        });
        if (!focus) continue;
        expect(focus.outline, `${url} ${focus.id}`).toBe(true);
        if (focus.fresh) reached++;
      }
      // Every focusable element is reached in one pass (the skip link's target, main, is tabindex -1).
      expect(reached, url).toBe(count);
    }
    await page.close();
  });

  it.each(['/', '/services/', '/services/YC-BDC-0101/', '/search/?q=老年人', '/no-such-page/', '/data/'])(
    '%s fits 360 px without horizontal scrolling',
    async (url) => {
      const page = await browser.newPage({ width: 360, height: 740 });
      await page.goto(`${runtime.baseUrl}${url}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
      const fontSize = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
      expect(fontSize).toBeGreaterThanOrEqual(16);
      await page.close();
    },
  );
});

describe('404 and page weight', () => {
  it('answers an unknown address with the 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${runtime.baseUrl}/services/NO-SUCH-ITEM/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('页面不存在');
    await expect(page.getByRole('link', { name: '返回首页' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('a guide page is at most 12 KB gzip, HTML and CSS together', async () => {
    let largest = { code: '', bytes: 0 };
    for (const code of getCatalogue().items.map((i) => i.code)) {
      const html = await readFile(path.join(dist, 'services', code, 'index.html'));
      const css = [...html.toString('utf8').matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(
        (m) => m[1],
      );
      let bytes = gzipSync(html, { level: 9 }).length;
      for (const href of css)
        bytes += gzipSync(await readFile(path.join(dist, href ?? '')), { level: 9 }).length;
      if (bytes > largest.bytes) largest = { code, bytes };
    }
    console.log(`largest guide page: ${largest.code}, HTML + CSS ${largest.bytes} bytes gzip`);
    expect(largest.bytes).toBeLessThanOrEqual(12 * 1024);
  });
});
