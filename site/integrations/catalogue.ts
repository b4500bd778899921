/**
 * The catalogue's part in the site build:
 * - before anything is built, lint the catalogue with the same rules and messages as
 *   `npx yichuang catalog lint`, and stop the build on an error;
 * - hand the linted items to the `services` collection (integrations/catalogue-loader.ts), so the
 *   content layer does not read and validate every file a second time;
 * - regenerate functions/domain/catalogue/items.generated.ts so the functions bundle the same files;
 * - from the start of a build, in a worker thread on the other core (integrations/catalogue-worker.ts):
 *   the search index (pagefind, one search document per item, from the same catalogue data) and
 *   the open data files, both into a staging folder, alongside the content layer, the bundling and
 *   the pages;
 * - have the prerender bundle read the content layer's data store instead of inlining it;
 * - when the pages are written, move the staged folders into dist/ (dist/pagefind,
 *   dist/data/services).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { formatDiagnostic } from '../../functions/domain/catalogue/lint.ts';
import {
  defaultContentDir,
  lintCatalogueFolder,
  writeGeneratedModule,
} from '../../functions/store/catalogue-source.ts';
import { keepLintedCatalogue } from './catalogue-loader.ts';
import type { CatalogueWork, CatalogueWorkReport } from './catalogue-worker.ts';

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/**
 * The nice value of the search index and open data work. On two cores Astro's thread (the pages)
 * and the search index are the two long paths; the index starts first, so it yields some CPU to
 * the pages. Measured at 10,000 items: 10 made the index finish 2-6 s after the pages; 0 made the
 * build about 15% slower than 5.
 */
const backgroundNiceness = 5;

interface CatalogueWorkResults {
  searchIndex: Promise<{ pages: number; ms: number }>;
  openData: Promise<number>;
  stop(): Promise<number>;
}

/** Starts catalogue-worker.ts on the catalogue folder; see there. */
function startCatalogueWork(contentDir: string, staging: string): CatalogueWorkResults {
  const work: CatalogueWork = {
    contentDir,
    searchIndexFolder: path.join(staging, 'pagefind'),
    openDataFolder: path.join(staging, 'open-data'),
    niceness: backgroundNiceness,
  };
  const worker = new Worker(new URL('./catalogue-worker.ts', import.meta.url), { workerData: work });
  const searchIndex = Promise.withResolvers<{ pages: number; ms: number }>();
  const openData = Promise.withResolvers<number>();
  worker.on('message', (report: CatalogueWorkReport) => {
    if (report.kind === 'search-index') searchIndex.resolve(report);
    else if (report.kind === 'open-data') openData.resolve(report.files);
    else (report.task === 'search-index' ? searchIndex : openData).reject(new Error(report.message));
  });
  const failed = (error: Error) => {
    searchIndex.reject(error);
    openData.reject(error);
  };
  worker.on('error', failed);
  worker.on('exit', (code) => failed(new Error(`catalogue worker exited with code ${code}`)));
  // build:done awaits them; until then a failure must not count as unhandled.
  searchIndex.promise.catch(() => {});
  openData.promise.catch(() => {});
  return { searchIndex: searchIndex.promise, openData: openData.promise, stop: () => worker.terminate() };
}

/** Moves a staged folder to its place in dist/, replacing what is there. */
async function moveInto(staged: string, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(staged, target);
  } catch {
    await cp(staged, target, { recursive: true });
    await rm(staged, { recursive: true, force: true });
  }
}

const dataStoreModule = 'astro:data-layer-content';
const dataStoreFromDiskModule = '\0yichuang:data-store-from-disk';

/**
 * Astro bundles the content layer's data store into the prerender bundle as one string literal (the
 * whole catalogue, 16 MB at 10,000 items), which the bundler then parses and writes, and the
 * prerender step parses again. Static pages are rendered in this same process, straight after the
 * bundling, so the bundle can read the data store file Astro has just written instead: the same
 * data, read once. (The module's default export is the same JSON array Astro would inline.)
 */
function dataStoreFromDisk(dataStoreFile: () => string): Plugin {
  return {
    name: 'yichuang-data-store-from-disk',
    apply: 'build',
    resolveId: {
      order: 'pre',
      filter: { id: /^astro:data-layer-content$/ },
      handler(id) {
        return id === dataStoreModule && existsSync(dataStoreFile()) ? dataStoreFromDiskModule : null;
      },
    },
    load: {
      filter: { id: /^\0yichuang:data-store-from-disk$/ },
      handler(id) {
        if (id !== dataStoreFromDiskModule) return null;
        return [
          "import { readFileSync } from 'node:fs';",
          `export default JSON.parse(readFileSync(${JSON.stringify(dataStoreFile())}, 'utf8'));`,
        ].join('\n');
      },
    },
  };
}

export function catalogueIntegration(): AstroIntegration {
  const contentDir = process.env.YICHUANG_CONTENT_DIR
    ? path.resolve(process.env.YICHUANG_CONTENT_DIR)
    : defaultContentDir;
  let building = false;
  let dataStoreFile = '';
  let staging = '';
  let background: CatalogueWorkResults | undefined;

  return {
    name: 'yichuang-catalogue',
    hooks: {
      'astro:config:setup': async ({ command, config, logger, updateConfig }) => {
        building = command === 'build';
        if (building) {
          const cacheDir = fileURLToPath(config.cacheDir);
          dataStoreFile = path.join(cacheDir, 'data-store.json');
          staging = path.join(cacheDir, 'yichuang-staging');
          await rm(staging, { recursive: true, force: true });
          background = startCatalogueWork(contentDir, staging);
          updateConfig({ vite: { plugins: [dataStoreFromDisk(() => dataStoreFile)] } });
        }
        const result = await lintCatalogueFolder(contentDir);
        for (const diagnostic of result.diagnostics) {
          if (diagnostic.severity === 'warning') logger.warn(formatDiagnostic(diagnostic));
        }
        if (result.errors > 0) {
          await background?.stop();
          const messages = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
          throw new CatalogueError(
            `办事指南目录有 ${result.errors} 个错误，构建已停止 / the catalogue has ${result.errors} error(s); build stopped:\n${messages.join('\n')}`,
          );
        }
        keepLintedCatalogue(contentDir, result);
        logger.info(`catalogue: ${result.items.length} items, ${result.warnings} warnings`);
        if (contentDir === defaultContentDir && (await writeGeneratedModule())) {
          logger.info('functions/domain/catalogue/items.generated.ts regenerated');
        }
      },

      'astro:build:done': async ({ dir, logger }) => {
        if (!background) return;
        const sitePath = fileURLToPath(dir);
        const waited = performance.now();
        const { pages, ms } = await background.searchIndex;
        await moveInto(path.join(staging, 'pagefind'), path.join(sitePath, 'pagefind'));
        logger.info(
          `pagefind: indexed ${pages} pages in ${ms} ms, ` +
            `${Math.round(performance.now() - waited)} ms after the pages were written`,
        );
        const files = await background.openData;
        await moveInto(path.join(staging, 'open-data'), path.join(sitePath, 'data', 'services'));
        logger.info(`open data: ${files} files in /data/services/`);
      },
    },
  };
}
