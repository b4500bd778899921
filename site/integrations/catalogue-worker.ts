/**
 * The part of the site build that needs only the catalogue, run in a worker thread at a lower
 * priority so that Astro's own thread, which renders the pages, keeps a core:
 * - read the catalogue folder in batches (on the other core, while Astro's thread lints it for the
 *   build), and hand each batch on at once, so that the search index, the longest task, starts on
 *   the first batch rather than after the last file;
 * - pagefind (a separate process, started from this thread and so with its priority) indexes one
 *   search document per item, built from the catalogue data and held in memory (never a page
 *   crawled from disk), into `searchIndexFolder`;
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
import type { Department, ServiceItem } from '../../functions/domain/catalogue/schema.ts';
import { listItemFiles } from '../../functions/store/catalogue-source.ts';
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

/** Files read per batch: enough to keep pagefind busy, few enough to start it at once. */
const batchSize = 250;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A file's JSON, or nothing when it is not valid JSON (Astro's lint reports it and stops the build). */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The catalogue folder's items as written, a batch at a time. Not checked again here: Astro's
 * thread lints the same files and, on any error, stops the build and this work. A valid item's JSON
 * is what the schema gives back (every object is strict, nothing is defaulted or transformed), so a
 * second schema pass would change nothing but the time: about 3 s of this thread at 10,000 items,
 * on the build's longest path (the search index). Read synchronously (see catalogue-source.ts),
 * yielding between batches so that what was handed to pagefind is sent.
 */
async function* catalogueBatches(files: readonly string[]): AsyncGenerator<ServiceItem[]> {
  for (let i = 0; i < files.length; i += batchSize) {
    yield files.slice(i, i + batchSize).flatMap((file) => {
      const item = readJson(file);
      return item === undefined ? [] : [item as ServiceItem];
    });
    await nextTurn();
  }
}

function readDepartments(contentDir: string): Department[] {
  const file = path.join(contentDir, 'departments.json');
  return existsSync(file) ? ((readJson(file) ?? []) as Department[]) : [];
}

/** pagefind's index, fed one batch at a time; `finish` writes it and resolves with the page count. */
async function startSearchIndex(departments: readonly Department[]) {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const added: Promise<{ errors: string[] }>[] = [];
  return {
    add(items: readonly ServiceItem[]) {
      for (const item of items) {
        const response = index.addHTMLFile({
          url: guideUrl(item.code),
          content: searchDocument(item, names.get(item.department)),
        });
        // Awaited in finish(); until then a failure must not count as unhandled.
        response.catch(() => {});
        added.push(response);
      }
    },
    async finish(outputPath: string): Promise<number> {
      const failed = (await Promise.all(added)).flatMap((response) => response.errors);
      if (failed.length > 0) throw new Error(`pagefind: ${failed.join('; ')}`);
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
      await pagefind.close();
      return added.length;
    },
  };
}

/** Writes `/data/services/{code}.json` for each item (synchronously: less than a promise per file). */
function writeOpenData(items: readonly ServiceItem[], folder: string): void {
  for (const item of items) {
    const { $schema: _schema, ...rest } = item;
    const body = { $schema: '/data/service-item.schema.json', ...rest };
    writeFileSync(path.join(folder, `${item.code}.json`), `${JSON.stringify(body, null, 2)}\n`);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

type Task = 'search-index' | 'open-data';

async function run(work: CatalogueWork, report: (r: CatalogueWorkReport) => void): Promise<void> {
  setPriority(0, work.niceness);
  const started = performance.now();
  // Each task's first failure; a failed task stops, the other goes on.
  const failed = new Map<Task, string>();
  const attempt = async <T>(tasks: readonly Task[], step: () => T | Promise<T>): Promise<T | undefined> => {
    if (tasks.some((task) => failed.has(task))) return undefined;
    try {
      return await step();
    } catch (error) {
      for (const task of tasks) failed.set(task, message(error));
      return undefined;
    }
  };
  const files = (await attempt(['search-index', 'open-data'], () => listItemFiles(work.contentDir))) ?? [];
  const search = await attempt(['search-index'], () => startSearchIndex(readDepartments(work.contentDir)));
  await attempt(['open-data'], () => mkdirSync(work.openDataFolder, { recursive: true }));
  let count = 0;
  for await (const items of catalogueBatches(files)) {
    // The documents go to pagefind first: it indexes them while this thread writes the open data.
    await attempt(['search-index'], () => search?.add(items));
    await attempt(['open-data'], () => writeOpenData(items, work.openDataFolder));
    count += items.length;
  }
  const openDataFailure = failed.get('open-data');
  report(
    openDataFailure
      ? { kind: 'failed', task: 'open-data', message: openDataFailure }
      : { kind: 'open-data', files: count },
  );
  const pages = await attempt(['search-index'], () => search?.finish(work.searchIndexFolder));
  const searchFailure = failed.get('search-index');
  report(
    searchFailure || pages === undefined
      ? { kind: 'failed', task: 'search-index', message: searchFailure ?? 'pagefind did not start' }
      : { kind: 'search-index', pages, ms: Math.round(performance.now() - started) },
  );
}

if (parentPort) {
  const port = parentPort;
  await run(workerData as CatalogueWork, (report) => port.postMessage(report));
}
