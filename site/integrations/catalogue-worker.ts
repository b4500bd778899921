/**
 * The part of the site build that needs only the catalogue, run in a worker thread at a lower
 * priority so that Astro's own thread, which renders the pages, keeps a core:
 * - read the catalogue folder through the same lint as the build (on the other core, while Astro's
 *   thread lints it for the build: the search index is the longest task and starts sooner so);
 * - pagefind (a separate process, started from this thread and so with its priority) indexes one
 *   search document per item, built from the catalogue data, into `searchIndexFolder`;
 * - meanwhile each item's open data file is written into `openDataFolder`.
 * The integration (catalogue.ts) stops the build if the lint finds an error, and moves both folders
 * into dist/ when the pages are written.
 *
 * Node runs this file itself (type stripping), outside Vite: imports name their .ts files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import {
  type CatalogueSource,
  type LintResult,
  lintCatalogue,
} from '../../functions/domain/catalogue/lint.ts';
import type { ServiceItem } from '../../functions/domain/catalogue/schema.ts';
import { displayPath, listItemFiles } from '../../functions/store/catalogue-source.ts';
import { searchDocument } from '../src/lib/search-terms.ts';

export interface CatalogueWork {
  contentDir: string;
  searchIndexFolder: string;
  openDataFolder: string;
  /** Nice value of this thread and of the pagefind process it starts. */
  niceness: number;
}

export type CatalogueWorkReport =
  | { kind: 'search-index'; pages: number; ms: number }
  | { kind: 'open-data'; files: number }
  | { kind: 'failed'; task: 'search-index' | 'open-data'; message: string };

/** Where the guide page of an item is; the search index points there. */
export const guideUrl = (code: string) => `/services/${code}/`;

/**
 * The catalogue folder through the same lint as the build (lintCatalogueFolder), but read one file
 * at a time: Astro's thread reads the same 10,000 files at once meanwhile, and both at once would
 * run out of file descriptors. A file that is not JSON throws here; the build's lint reports it.
 */
async function readCatalogue(contentDir: string): Promise<LintResult> {
  const read = (file: string): CatalogueSource => ({
    file: displayPath(file),
    data: JSON.parse(readFileSync(file, 'utf8')) as unknown,
  });
  const items = (await listItemFiles(contentDir)).map(read);
  const departmentsFile = path.join(contentDir, 'departments.json');
  return lintCatalogue(items, existsSync(departmentsFile) ? read(departmentsFile) : undefined);
}

/** Indexes every item with pagefind and writes the index; resolves with the page count. */
async function buildSearchIndex(catalogue: LintResult, outputPath: string): Promise<number> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const names = new Map(catalogue.departments.map((d) => [d.id, d.name]));
  const added = await Promise.all(
    catalogue.items.map(({ item }) =>
      index.addHTMLFile({
        url: guideUrl(item.code),
        content: searchDocument(item, names.get(item.department)),
      }),
    ),
  );
  const failed = added.flatMap((response) => response.errors);
  if (failed.length > 0) throw new Error(`pagefind: ${failed.join('; ')}`);
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  return added.length;
}

/**
 * Writes `/data/services/{code}.json` for every item. Synchronous writes cost less than a promise
 * per file; between batches the thread yields, so the documents queued for pagefind keep flowing.
 */
async function writeOpenData(items: readonly ServiceItem[], folder: string): Promise<number> {
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < items.length; i += 100) {
    for (const item of items.slice(i, i + 100)) {
      const { $schema: _schema, ...rest } = item;
      const body = { $schema: '/data/service-item.schema.json', ...rest };
      writeFileSync(path.join(folder, `${item.code}.json`), `${JSON.stringify(body, null, 2)}\n`);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return items.length;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function run(work: CatalogueWork, report: (r: CatalogueWorkReport) => void): Promise<void> {
  setPriority(0, work.niceness);
  const started = performance.now();
  const fail = (why: string) => {
    for (const task of ['search-index', 'open-data'] as const) report({ kind: 'failed', task, message: why });
  };
  // An invalid catalogue stops the build on Astro's thread, with the lint's messages; here it
  // only stops the work.
  let catalogue: LintResult;
  try {
    catalogue = await readCatalogue(work.contentDir);
  } catch (error) {
    return fail(message(error));
  }
  if (catalogue.errors > 0) return fail(`the catalogue has ${catalogue.errors} error(s)`);
  const indexing = buildSearchIndex(catalogue, work.searchIndexFolder).then(
    (pages) => report({ kind: 'search-index', pages, ms: Math.round(performance.now() - started) }),
    (error: unknown) => report({ kind: 'failed', task: 'search-index', message: message(error) }),
  );
  const items = catalogue.items.map((entry) => entry.item);
  const writing = writeOpenData(items, work.openDataFolder).then(
    (files) => report({ kind: 'open-data', files }),
    (error: unknown) => report({ kind: 'failed', task: 'open-data', message: message(error) }),
  );
  await Promise.all([indexing, writing]);
}

if (parentPort) {
  const port = parentPort;
  await run(workerData as CatalogueWork, (report) => port.postMessage(report));
}
