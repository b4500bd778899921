/**
 * The site build at 1,000 and 10,000 generated items (or the sizes given): build time with the
 * search index, pages per second, the transfer of one search, and the fixed cost (extrapolated from
 * the two sizes), against the targets: ≥ 400 pages/s at the largest size including the search
 * index, fixed cost ≤ 5 s. On a shared machine the figures swing with the load: each build prints
 * the load average it started at.
 *
 * Run: npx tsx bench/site-build.ts [sizes…]
 */
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

/** Above this a new file is slow (a reading of 100-150 µs is normal here, 400-1,100 µs after a deletion). */
const slowFileCreationMicros = 300;

/**
 * How long creating a file takes on this file system right now. On ext4 without a journal (this
 * machine's disk) the kernel skips inodes freed in the last minute or more when it allocates a new
 * one, one by one, so after a large deletion every new file costs far more: a build of 30,000
 * files ran 10-15 s slower right after the previous output was deleted. The bench deletes nothing
 * until all builds are done, and prints this probe so a slow reading can be told from a slow build.
 */
async function fileCreationMicros(dir: string, count = 2000): Promise<number> {
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  for (let i = 0; i < count; i++) await writeFile(path.join(dir, `f${i}`), '');
  return ((performance.now() - started) * 1000) / count;
}

const rows: string[] = [];
const points: { pages: number; ms: number }[] = [];
const roots: string[] = [];
const built: { size: number; root: string; row: string[] }[] = [];
try {
  for (const size of sizes.length > 0 ? sizes : [1000, 10000]) {
    const root = await mkdtemp(path.join(os.tmpdir(), `yichuang-bench-${size}-`));
    roots.push(root);
    const generateStart = performance.now();
    await generate(path.join(root, 'content'), size);
    const generateMs = performance.now() - generateStart;
    const probe = await fileCreationMicros(path.join(root, 'probe'));
    if (probe > slowFileCreationMicros) {
      console.log(
        `warning: a new file takes ${probe.toFixed(0)} µs (normally 100-150 µs): files were deleted here in the ` +
          'last minutes, and this build will be slower for it. Run the bench again in five minutes.',
      );
    }
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    const { ms, pagefindMs } = await build(root);
    const files = await countFiles(path.join(root, 'dist'));
    points.push({ pages: files.html, ms });
    built.push({
      size,
      root,
      row: [
        `${size} items`,
        `${files.html} HTML pages + ${files.json} JSON files (${(files.bytes / 1024 / 1024).toFixed(1)} MB)`,
        `build ${(ms / 1000).toFixed(1)} s (pagefind ${(pagefindMs / 1000).toFixed(1)} s)`,
        `${(ms / files.html).toFixed(2)} ms/page`,
        `${Math.round((files.html / ms) * 1000)} pages/s`,
        `new file before the build ${probe.toFixed(0)} µs, load average ${load}`,
        `(generating the files took ${(generateMs / 1000).toFixed(1)} s, not counted)`,
      ],
    });
    console.log(built.at(-1)?.row.join(' | '));
  }
  // The browser's profile folder is deleted when it closes, so the searches come after all builds.
  for (const { root, row } of built) {
    const transfer = await searchTransfer(path.join(root, 'dist'), '老年人优待证');
    row.splice(
      5,
      0,
      `one search: ${kb(transfer.search)} pagefind + ${kb(transfer.page)} page (${transfer.requests} requests)`,
    );
    rows.push(row.join(' | '));
  }
} finally {
  for (const root of roots) await rm(root, { recursive: true, force: true });
}
const [first, last] = [points[0], points[points.length - 1]];
if (first && last && last.pages > first.pages) {
  const marginal = (last.ms - first.ms) / (last.pages - first.pages);
  const fixedSeconds = (first.ms - marginal * first.pages) / 1000;
  const pagesPerSecond = (last.pages / last.ms) * 1000;
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  rows.push(
    `marginal cost from ${first.pages} to ${last.pages} pages: ${marginal.toFixed(2)} ms/page ` +
      `(${Math.round(1000 / marginal)} pages/s); fixed cost ≈ ${fixedSeconds.toFixed(1)} s`,
    `targets: ${Math.round(pagesPerSecond)} pages/s at ${last.pages} pages, search index included (≥ 400: ${verdict(pagesPerSecond >= 400)}); ` +
      `fixed cost ${fixedSeconds.toFixed(1)} s (≤ 5 s: ${verdict(fixedSeconds <= 5)})`,
  );
}
console.log(
  `\nsite build on ${os.cpus().length} cores (load average ${os.loadavg()[0]?.toFixed(1)}), Node ${process.version}\n` +
    `(a new file normally takes 100-150 µs here; far more means files were deleted in the last minutes)\n${rows.join('\n')}`,
);
