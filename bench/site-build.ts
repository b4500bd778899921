import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ServiceItem } from '../functions/domain/catalogue/schema.ts';
import { defaultContentDir, readCatalogueFiles } from '../functions/store/catalogue-source.ts';
import { contentTypeOf } from '../infra/local/static-site.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { buildSiteFrom } from '../test/support/site-build.ts';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const places = ['东城', '西城', '南岸', '北湖', '新城', '高新', '临港', '山前', '江北', '河西'];

async function generate(contentDir: string, count: number): Promise<ServiceItem[]> {
  const files = await readCatalogueFiles(defaultContentDir);
  const samples = files.items.map((source) => source.data as ServiceItem);
  await mkdir(path.join(contentDir, 'services'), { recursive: true });
  await writeFile(path.join(contentDir, 'departments.json'), JSON.stringify(files.departments?.data));
  const items: ServiceItem[] = [];
  for (let i = 0; i < count; i++) {
    const sample = samples[i % samples.length] as ServiceItem;
    const variant = Math.floor(i / samples.length);
    const place = places[variant % places.length];
    const item: ServiceItem = {
      ...sample,
      code: `${sample.code}-${String(variant).padStart(4, '0')}`,
      name: variant === 0 ? sample.name : `${sample.name}（${place}分中心 ${variant} 号）`,
    };
    items.push(item);
  }
  // Write in batches so 10,000 files do not open at once.
  for (let i = 0; i < items.length; i += 500) {
    await Promise.all(
      items
        .slice(i, i + 500)
        .map((item) =>
          writeFile(path.join(contentDir, 'services', `${item.code}.json`), JSON.stringify(item, null, 2)),
        ),
    );
  }
  return items;
}

async function build(root: string): Promise<{ ms: number; pagefindMs: number; output: string }> {
  const { code, ms, output } = await buildSiteFrom(root);
  if (code !== 0) throw new Error(`astro build exited ${code}:\n${output.slice(-3000)}`);
  const pagefindMs = Number(/pagefind: indexed \d+ pages in (\d+) ms/.exec(output)?.[1] ?? Number.NaN);
  return { ms, pagefindMs, output };
}

async function countFiles(dir: string): Promise<{ html: number; json: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let html = 0;
  let json = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    if (entry.name.endsWith('.html')) html++;
    if (entry.name.endsWith('.json')) json++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { html, json, bytes };
}

interface Sent {
  path: string;
  bytes: number;
}

/**
 * A static server for the built site, compressing text as the CDN would (pagefind's own files
 * are compressed already). It counts what it sends, so the transfer includes the worker script,
 * which the browser fetches outside the page.
 */
function serve(dir: string): Promise<{ url: string; sent: Sent[]; close(): Promise<void> }> {
  const sent: Sent[] = [];
  const server = http.createServer(async (request, response) => {
    let urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    try {
      let body = await readFile(path.join(dir, path.normalize(urlPath)));
      const type = contentTypeOf(urlPath);
      const headers: Record<string, string> = { 'content-type': type };
      if (/^(text\/|application\/json)/.test(type)) {
        body = gzipSync(body);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(body.length);
      response.writeHead(200, headers).end(body);
      sent.push({ path: urlPath, bytes: body.length });
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        sent,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function searchTransfer(
  dir: string,
  query: string,
): Promise<{ page: number; search: number; requests: number }> {
  const site = await serve(dir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}/search/?q=${encodeURIComponent(query)}`);
    await page.locator('#search-results li').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const all = site.sent;
    if (process.env.BENCH_VERBOSE) for (const r of all) console.log(`  ${r.bytes}\t${r.path}`);
    const pagefind = all.filter((r) => r.path.startsWith('/pagefind/'));
    return {
      page: all.filter((r) => !pagefind.includes(r)).reduce((sum, r) => sum + r.bytes, 0),
      search: pagefind.reduce((sum, r) => sum + r.bytes, 0),
      requests: all.length,
    };
  } finally {
    await browser.close();
    await site.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.env.BENCH_TRANSFER_ONLY) {
  console.log(await searchTransfer(process.env.BENCH_TRANSFER_ONLY, '老年人优待证'));
  process.exit(0);
}

const rows: string[] = [];
const points: { pages: number; ms: number }[] = [];
for (const size of sizes.length > 0 ? sizes : [1000, 10000]) {
  const root = await mkdtemp(path.join(os.tmpdir(), `yichuang-bench-${size}-`));
  try {
    const generateStart = performance.now();
    await generate(path.join(root, 'content'), size);
    const generateMs = performance.now() - generateStart;
    const { ms, pagefindMs } = await build(root);
    const files = await countFiles(path.join(root, 'dist'));
    const transfer = await searchTransfer(path.join(root, 'dist'), '老年人优待证');
    const row = [
      `${size} items`,
      `${files.html} HTML pages + ${files.json} JSON files (${(files.bytes / 1024 / 1024).toFixed(1)} MB)`,
      `build ${(ms / 1000).toFixed(1)} s (pagefind ${(pagefindMs / 1000).toFixed(1)} s)`,
      `${(ms / files.html).toFixed(2)} ms/page`,
      `${Math.round((files.html / ms) * 1000)} pages/s`,
      `one search: ${kb(transfer.search)} pagefind + ${kb(transfer.page)} page (${transfer.requests} requests)`,
      `(generating the files took ${(generateMs / 1000).toFixed(1)} s, not counted)`,
    ].join(' | ');
    console.log(row);
    rows.push(row);
    points.push({ pages: files.html, ms });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
const [first, last] = [points[0], points[points.length - 1]];
if (first && last && last.pages > first.pages) {
  const marginal = (last.ms - first.ms) / (last.pages - first.pages);
  rows.push(
    `marginal cost from ${first.pages} to ${last.pages} pages: ${marginal.toFixed(2)} ms/page ` +
      `(${Math.round(1000 / marginal)} pages/s); fixed cost ≈ ${((first.ms - marginal * first.pages) / 1000).toFixed(1)} s`,
  );
}
console.log(
  `\nsite build on ${os.cpus().length} cores (load average ${os.loadavg()[0]?.toFixed(1)}), Node ${process.version}\n${rows.join('\n')}`,
);
