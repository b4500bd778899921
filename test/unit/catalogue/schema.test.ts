import { describe, expect, it } from 'vitest';
import {
  departmentListSchema,
  serviceItemJsonSchema,
  serviceItemSchema,
} from '../../../functions/domain/catalogue/schema.ts';
import { readCatalogueFiles } from '../../../functions/store/catalogue-source.ts';
import { promisedItem } from './fixtures.ts';

describe('service item schema', () => {
  it('accepts every item of the sample catalogue and its departments', async () => {
    const files = await readCatalogueFiles();
    expect(files.diagnostics).toEqual([]);
    expect(files.items.length).toBeGreaterThanOrEqual(24);
    for (const source of files.items) {
      const parsed = serviceItemSchema.safeParse(source.data);
      expect(parsed.success, `${source.file}: ${parsed.error?.message}`).toBe(true);
    }
    expect(departmentListSchema.safeParse(files.departments?.data).success).toBe(true);
  });

  it('the sample catalogue spans at least 5 departments and all three classes', async () => {
    const files = await readCatalogueFiles();
    const items = files.items.map((source) => serviceItemSchema.parse(source.data));
    expect(new Set(items.map((item) => item.department)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((item) => item.class))).toEqual(new Set(['instant', 'promised', 'joint']));
    expect(items.find((item) => item.name === '老年人优待证办理')?.class).toBe('instant');
  });

  it('has the acceptance paths on at least 8 sample items of at least 4 departments, each with its texts', async () => {
    const files = await readCatalogueFiles();
    const items = files.items.map((source) => serviceItemSchema.parse(source.data));
    const onPaths = items.filter((item) => item.deferredAcceptance || item.commitmentDecision);
    expect(onPaths.length).toBeGreaterThanOrEqual(8);
    expect(new Set(onPaths.map((item) => item.department)).size).toBeGreaterThanOrEqual(4);
    expect(onPaths.filter((item) => item.deferredAcceptance).length).toBeGreaterThanOrEqual(4);
    expect(onPaths.filter((item) => item.commitmentDecision).length).toBeGreaterThanOrEqual(4);
    for (const item of onPaths) {
      if (item.deferredAcceptance) {
        expect(
          item.materials.some((material) => material.mayBeOwed),
          item.code,
        ).toBe(true);
        expect(item.deferredAcceptance.commitment.length, item.code).toBeGreaterThan(20);
      }
      if (item.commitmentDecision) {
        const { commitment, liability, requirement, verification } = item.commitmentDecision;
        for (const text of [commitment, liability, requirement, verification.description])
          expect(text.length, item.code).toBeGreaterThan(10);
      }
    }
  });

  it('publishes the acceptance paths in the JSON Schema: the item blocks and the material flags', () => {
    const schema = serviceItemJsonSchema() as {
      properties: Record<string, { properties?: Record<string, unknown> } & Record<string, unknown>>;
    };
    expect(schema.properties.deferredAcceptance?.properties).toHaveProperty('maxOwedWorkdays');
    expect(schema.properties.commitmentDecision?.properties).toHaveProperty('verification');
    const material = (schema.properties.materials as { items: { properties: Record<string, unknown> } })
      .items;
    expect(material.properties).toHaveProperty('mayBeOwed');
    expect(material.properties).toHaveProperty('provableByCommitment');
  });

  it('rejects unknown fields, wrong enums and malformed codes', () => {
    expect(serviceItemSchema.safeParse({ ...promisedItem(), colour: 'red' }).success).toBe(false);
    expect(serviceItemSchema.safeParse({ ...promisedItem(), class: 'urgent' }).success).toBe(false);
    expect(serviceItemSchema.safeParse({ ...promisedItem(), code: 'yc 1' }).success).toBe(false);
    expect(serviceItemSchema.safeParse({ ...promisedItem(), version: '2026/01/01' }).success).toBe(false);
    expect(serviceItemSchema.safeParse({ ...promisedItem(), visits: 3 }).success).toBe(false);
  });

  it('requires a special step to say it does not count toward the limit', () => {
    const step = {
      name: '专家评审',
      kind: 'expertReview',
      duration: '10 个工作日',
      legalBasis: '某法',
      fee: '不收费',
    };
    expect(serviceItemSchema.safeParse({ ...promisedItem(), specialSteps: [step] }).success).toBe(false);
    expect(
      serviceItemSchema.safeParse({
        ...promisedItem(),
        specialSteps: [{ ...step, countsTowardLimit: false }],
      }).success,
    ).toBe(true);
  });

  it('publishes a JSON Schema with the same fields and required list', () => {
    const schema = serviceItemJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(serviceItemSchema.shape).sort());
    expect(schema.required).toEqual(
      expect.arrayContaining(['code', 'name', 'legalBasis', 'conditions', 'materials', 'limits', 'fees']),
    );
    expect(schema.required).not.toContain('faq');
    expect(schema.additionalProperties).toBe(false);
  });
});
