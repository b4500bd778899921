/**
 * The loader of the `services` collection. The build lints the whole catalogue before anything
 * else (integrations/catalogue.ts): it has read every file and parsed it with the collection's own
 * schema. The loader takes those items instead of reading, parsing and validating 10,000 files a
 * second time. Where there is no linted catalogue for the folder (the dev server, which must watch
 * the files), it is Astro's glob loader, as before.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import type { LintResult } from '../../functions/domain/catalogue/lint.ts';
import { projectRoot } from '../../functions/store/catalogue-source.ts';

/**
 * The integration runs in Node, the content config in Vite's module runner: two instances of any
 * module, one global object.
 */
const linted = Symbol.for('yichuang.catalogue.linted');
type LintedCatalogues = Map<string, LintResult>;

function lintedCatalogues(): LintedCatalogues {
  const global = globalThis as { [linted]?: LintedCatalogues };
  global[linted] ??= new Map();
  return global[linted];
}

/** Keeps the lint result of a content folder for the collection loader. */
export function keepLintedCatalogue(contentDir: string, result: LintResult): void {
  lintedCatalogues().set(path.resolve(contentDir), result);
}

export function catalogueItemsLoader(contentDir: string): Loader {
  const files = glob({
    pattern: '*.json',
    base: `${contentDir}/services`,
    generateId: ({ data }) => String(data.code),
  });
  return {
    name: 'yichuang-catalogue-items',
    load: async (context) => {
      const catalogue = lintedCatalogues().get(path.resolve(fileURLToPath(context.config.root), contentDir));
      if (!catalogue || context.watcher) return files.load(context);
      const root = fileURLToPath(context.config.root);
      context.store.clear();
      for (const { file, item } of catalogue.items) {
        context.store.set({
          id: item.code,
          data: item as unknown as Record<string, unknown>,
          filePath: path.relative(root, path.resolve(projectRoot, file)),
        });
      }
    },
  };
}
