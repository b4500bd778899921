/**
 * The part of the site build that needs only the catalogue, run in a worker thread at a lower
 * priority so that Astro's own thread, which renders the pages, keeps a core:
 * - read the catalogue folder (on the other core, while Astro's thread lints it for the build: the
 *   search index is the longest task and starts sooner so);
 * - pagefind (a separate process, started from this thread and so with its priority) indexes one
 *   search document per item, built from the catalogue data, into `searchIndexFolder`;
 * - meanwhile each item's open data file is written into `openDataFolder`.
 * The integration (catalogue.ts) stops the build if the lint finds an error, and moves both folders
 * into dist/ when the pages are written.
 *
 * Node runs this file itself (type stripping), outside Vite: imports name their .ts files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Department, ServiceItem } from '../../functions/domain/catalogue/schema.ts';
import { readCatalogueFiles } from '../../functions/store/catalogue-source.ts';
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

interface Catalogue {
  items: ServiceItem[];
  departments: Department[];
}

/**
 * The catalogue folder's items as written. Not checked again here: Astro's thread lints the same
 * files and, on any error, stops the build and this work. A valid item's JSON is what the schema
 * gives back (every object is strict, nothing is defaulted or transformed), so a second schema
 * pass would change nothing but the time: about 3 s of this thread at 10,000 items, on the
 * build's longest path (the search index).
 */
async function readCatalogue(contentDir: string): Promise<Catalogue> {
  const files = await readCatalogueFiles(contentDir);
  return {
    items: files.items.map((source) => source.data as ServiceItem),
    departments: (files.departments?.data ?? []) as Department[],
  };
}

/** Indexes every item with pagefind and writes the index; resolves with the page count. */
async function buildSearchIndex(catalogue: Catalogue, outputPath: string): Promise<number> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const names = new Map(catalogue.departments.map((d) => [d.id, d.name]));
  const added = await Promise.all(
    catalogue.items.map((item) =>
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
  let catalogue: Catalogue;
  try {
    catalogue = await readCatalogue(work.contentDir);
  } catch (error) {
    return fail(message(error));
  }
  const indexing = buildSearchIndex(catalogue, work.searchIndexFolder).then(
    (pages) => report({ kind: 'search-index', pages, ms: Math.round(performance.now() - started) }),
    (error: unknown) => report({ kind: 'failed', task: 'search-index', message: message(error) }),
  );
  const writing = writeOpenData(catalogue.items, work.openDataFolder).then(
    (files) => report({ kind: 'open-data', files }),
    (error: unknown) => report({ kind: 'failed', task: 'open-data', message: message(error) }),
  );
  await Promise.all([indexing, writing]);
}

if (parentPort) {
  const port = parentPort;
  await run(workerData as CatalogueWork, (report) => port.postMessage(report));
}
