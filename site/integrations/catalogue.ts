/**
 * The catalogue's part in the site build:
 * - before anything is built, lint the catalogue with the same rules and messages as
 *   `npx yichuang catalog lint`, and stop the build on an error;
 * - regenerate functions/domain/catalogue/items.generated.ts so the functions bundle the same files;
 * - while Astro renders the pages, have pagefind (a separate process, so it runs on the other
 *   core) index one search document per item, built from the same catalogue data, and write the
 *   index to a staging folder;
 * - when the pages are written, move the index into dist/pagefind and write each item's open
 *   data file into dist/data/services/{code}.json.
 */
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatDiagnostic, type LintResult } from '../../functions/domain/catalogue/lint.ts';
import {
  defaultContentDir,
  lintCatalogueFolder,
  writeGeneratedModule,
} from '../../functions/store/catalogue-source.ts';
import { searchDocument } from '../src/lib/search-terms.ts';

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/** Where the guide page of an item is; the search index points there. */
export const guideUrl = (code: string) => `/services/${code}/`;

/** Indexes every item with pagefind and writes the index to `outputPath`. Returns the page count. */
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

export function catalogueIntegration(): AstroIntegration {
  const contentDir = process.env.YICHUANG_CONTENT_DIR
    ? path.resolve(process.env.YICHUANG_CONTENT_DIR)
    : defaultContentDir;
  let catalogue: LintResult | undefined;
  let staging = '';
  let indexing: { written: Promise<number>; started: number } | undefined;

  return {
    name: 'yichuang-catalogue',
    hooks: {
      'astro:config:setup': async ({ logger }) => {
        const result = await lintCatalogueFolder(contentDir);
        for (const diagnostic of result.diagnostics) {
          if (diagnostic.severity === 'warning') logger.warn(formatDiagnostic(diagnostic));
        }
        if (result.errors > 0) {
          const messages = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
          throw new CatalogueError(
            `办事指南目录有 ${result.errors} 个错误，构建已停止 / the catalogue has ${result.errors} error(s); build stopped:\n${messages.join('\n')}`,
          );
        }
        catalogue = result;
        logger.info(`catalogue: ${result.items.length} items, ${result.warnings} warnings`);
        if (contentDir === defaultContentDir && (await writeGeneratedModule())) {
          logger.info('functions/domain/catalogue/items.generated.ts regenerated');
        }
      },

      'astro:config:done': ({ config }) => {
        staging = path.join(fileURLToPath(config.cacheDir), 'pagefind-staging');
      },

      'astro:build:start': async () => {
        if (!catalogue) return;
        const started = performance.now();
        await rm(staging, { recursive: true, force: true });
        const written = buildSearchIndex(catalogue, staging);
        // build:done awaits it; until then a failure must not count as unhandled.
        written.catch(() => {});
        indexing = { written, started };
      },

      'astro:build:done': async ({ dir, logger }) => {
        const sitePath = fileURLToPath(dir);
        if (!catalogue || !indexing) return;
        const waited = performance.now();
        const pages = await indexing.written;
        const target = path.join(sitePath, 'pagefind');
        await rm(target, { recursive: true, force: true });
        try {
          await rename(staging, target);
        } catch {
          await cp(staging, target, { recursive: true });
          await rm(staging, { recursive: true, force: true });
        }
        logger.info(
          `pagefind: indexed ${pages} pages in ${Math.round(performance.now() - indexing.started)} ms, ` +
            `${Math.round(performance.now() - waited)} ms after the pages were written`,
        );

        const dataDir = path.join(sitePath, 'data', 'services');
        await mkdir(dataDir, { recursive: true });
        const items = catalogue.items.map((entry) => entry.item);
        for (let i = 0; i < items.length; i += 500) {
          await Promise.all(
            items.slice(i, i + 500).map((item) => {
              const { $schema: _schema, ...rest } = item;
              const body = { $schema: '/data/service-item.schema.json', ...rest };
              return writeFile(path.join(dataDir, `${item.code}.json`), `${JSON.stringify(body, null, 2)}\n`);
            }),
          );
        }
        logger.info(`open data: ${items.length} files in /data/services/`);
      },
    },
  };
}
