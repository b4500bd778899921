/**
 * The catalogue as content collections. The schema is the one in functions/domain/catalogue (zod
 * mini; Astro accepts any zod 4 schema), so the site, the lint and the functions agree by
 * construction. YICHUANG_CONTENT_DIR moves the folder (bench/site-build.ts uses it).
 */
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import {
  bundleSchema,
  departmentSchema,
  serviceItemSchema,
} from '../../functions/domain/catalogue/schema.ts';
import { catalogueItemsLoader } from '../integrations/catalogue-loader.ts';

const contentDir = process.env.YICHUANG_CONTENT_DIR ?? './src/content';

const services = defineCollection({
  loader: catalogueItemsLoader(contentDir),
  schema: serviceItemSchema,
});

const departments = defineCollection({
  loader: file(`${contentDir}/departments.json`),
  schema: departmentSchema,
});

/** 一件事 bundles; the lint (integrations/catalogue.ts) has checked their items and shared materials. */
const bundles = defineCollection({
  // Keyed by code: the file is a list without `id` fields, and the strict schema allows none.
  loader: file(`${contentDir}/bundles.json`, {
    parser: (text) => Object.fromEntries((JSON.parse(text) as { code: string }[]).map((b) => [b.code, b])),
  }),
  schema: bundleSchema,
});

export const collections = { services, departments, bundles };
