/**
 * Open data, served: /data/services.json, /data/services/{code}.json, the CSV of the disclosure
 * fields and the JSON Schema; the same records the functions bundle (办事指南同源).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { mergedMaterials } from '../../functions/domain/catalogue/bundles.ts';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import { csvColumns } from '../../functions/domain/catalogue/open-data.ts';
import { serviceItemSchema } from '../../functions/domain/catalogue/schema.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
});

async function get(path: string): Promise<Response> {
  const response = await fetch(`${runtime.baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return response;
}

describe('open data', () => {
  it('/data/services.json holds every item, equal to the catalogue the functions use', async () => {
    const response = await get('/data/services.json');
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { count: number; sample: boolean; items: unknown[] };
    const catalogue = getCatalogue();
    expect(body.count).toBe(catalogue.items.length);
    expect(body.sample).toBe(true);
    const byCode = new Map(body.items.map((item) => [(item as { code: string }).code, item]));
    for (const item of catalogue.items) expect(byCode.get(item.code)).toEqual(item);
  });

  it('/data/services/{code}.json is one item that validates against the schema', async () => {
    for (const item of getCatalogue().items.slice(0, 5)) {
      const body = await (await get(`/data/services/${item.code}.json`)).json();
      expect(serviceItemSchema.parse(body)).toEqual({ ...item, $schema: '/data/service-item.schema.json' });
    }
  });

  it('/data/services.csv has the disclosure columns and one row per item', async () => {
    const response = await get('/data/services.csv');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const header = text.slice(1, text.indexOf('\r\n')).split(',');
    expect(header).toEqual([...csvColumns]);
    for (const item of getCatalogue().items) expect(text).toContain(`\r\n${item.code},${item.basicCode},`);
    expect(text).toContain('老年人优待证办理');
  });

  it('/data/service-item.schema.json is the JSON Schema generated from the same zod schema', async () => {
    const body = await (await get('/data/service-item.schema.json')).json();
    expect(body).toEqual(z.toJSONSchema(serviceItemSchema, { target: 'draft-2020-12' }));
    expect(body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('/data/bundles.json holds every 一件事 bundle with its departments and merged material list', async () => {
    const body = (await (await get('/data/bundles.json')).json()) as {
      count: number;
      bundles: { code: string; departments: string[]; mergedMaterials: unknown[] }[];
    };
    const catalogue = getCatalogue();
    const items = new Map(catalogue.items.map((item) => [item.code, item]));
    expect(body.count).toBe(catalogue.bundles.length);
    for (const bundle of catalogue.bundles) {
      const served = body.bundles.find((candidate) => candidate.code === bundle.code);
      expect(served).toMatchObject(bundle);
      expect(served?.mergedMaterials).toEqual(JSON.parse(JSON.stringify(mergedMaterials(bundle, items))));
      expect(served?.departments.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('/data/ lists the downloads', async () => {
    const html = await (await get('/data/')).text();
    for (const href of [
      '/data/services.json',
      '/data/services.csv',
      '/data/service-item.schema.json',
      '/data/bundles.json',
    ]) {
      expect(html).toContain(`href="${href}"`);
    }
  });
});
