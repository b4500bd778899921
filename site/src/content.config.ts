/**
 * The catalogue as content collections. The schema is the one in functions/domain/catalogue (zod
 * mini; Astro accepts any zod 4 schema), so the site, the lint and the functions agree by
 * construction. YICHUANG_CONTENT_DIR moves the folder (bench/site-build.ts uses it).
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { departmentSchema, serviceItemSchema } from '../../functions/domain/catalogue/schema.ts';

const contentDir = process.env.YICHUANG_CONTENT_DIR ?? './src/content';

const services = defineCollection({
  loader: glob({
    pattern: '*.json',
    base: `${contentDir}/services`,
    generateId: ({ data }) => String(data.code),
  }),
  schema: serviceItemSchema,
});

const departments = defineCollection({
  loader: file(`${contentDir}/departments.json`),
  schema: departmentSchema,
});

export const collections = { services, departments };
