/**
 * The catalogue as content collections. The schema is the one in functions/domain/catalogue (zod
 * mini; Astro accepts any zod 4 schema), so the site, the lint and the functions agree by
 * construction. YICHUANG_CONTENT_DIR moves the folder (bench/site-build.ts uses it).
 */
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { departmentSchema, serviceItemSchema } from '../../functions/domain/catalogue/schema.ts';
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

export const collections = { services, departments };
