// @ts-check
/**
 * The public site: the service catalogue (办事指南) as static pages, its search index and its
 * open data. `npm run build:site` builds it into site/dist.
 *
 * The catalogue folder and output folder can be moved with environment variables so that
 * bench/site-build.ts can build a generated catalogue without touching the real one:
 *   YICHUANG_CATALOGUE_DIR  folder of service item JSON files (default site/src/content/services)
 *   YICHUANG_SITE_OUT       output folder (default site/dist)
 *   YICHUANG_SITE_CACHE     Astro cache folder (default site/node_modules/.astro)
 */
import { defineConfig } from 'astro/config';
import { catalogueIntegration } from './integrations/catalogue.ts';

const env = process.env;

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Stylesheets are always files, never inline <style>, so the content security policy needs
    // no 'unsafe-inline'.
    inlineStylesheets: 'never',
    // Pages render while earlier ones are written: overlaps file I/O with rendering.
    concurrency: Number(env.YICHUANG_BUILD_CONCURRENCY ?? 4),
  },
  compressHTML: true,
  ...(env.YICHUANG_SITE_OUT ? { outDir: env.YICHUANG_SITE_OUT } : {}),
  ...(env.YICHUANG_SITE_CACHE ? { cacheDir: env.YICHUANG_SITE_CACHE } : {}),
  devToolbar: { enabled: false },
  // Astro's console output with the per-page lines of the build counted instead (see there).
  logger: { entrypoint: './integrations/build-log.mjs' },
  integrations: [catalogueIntegration()],
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
