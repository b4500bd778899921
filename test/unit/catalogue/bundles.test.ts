/** 一件事 bundles (domain.md §11): the merged material list and the lint of bundles.json. */
import { describe, expect, it } from 'vitest';
import { bundleDepartments, mergedMaterials } from '../../../functions/domain/catalogue/bundles.ts';
import { getCatalogue } from '../../../functions/domain/catalogue/data.ts';
import { lintBundles, lintCatalogue } from '../../../functions/domain/catalogue/lint.ts';
import type { Bundle, ServiceItem } from '../../../functions/domain/catalogue/schema.ts';
import { departmentsFixture, instantItem, promisedItem, source } from './fixtures.ts';

const file = 'fixture/bundles.json';
const first = promisedItem();
const second = instantItem({
  department: 'sw',
  materials: [
    { name: '本人身份证件', required: true, originals: 1, copies: 1, medium: 'paper', issuer: '公安机关' },
    { name: '住所证明', required: true, originals: 1, copies: 2, medium: 'paper', issuer: '申请人' },
    { name: '照片', required: true, originals: 2, copies: 0, medium: 'paper', issuer: '申请人' },
  ],
});
const items = new Map<string, ServiceItem>([
  [first.code, first],
  [second.code, second],
]);

function bundle(overrides: Partial<Bundle> = {}): Bundle {
  return {
    code: 'YC-YJS-9001',
    name: '测试“一件事”',
    version: '2026-01-01',
    summary: '两个部门的事项一次申请。',
    legalBasis: [{ title: '测试依据', issuer: '国务院', version: '2024-01-16' }],
    steps: [
      { name: '登记', items: [first.code] },
      { name: '发证', items: [second.code] },
    ],
    sharedMaterials: [
      {
        name: '住所使用证明（一份）',
        covers: [
          { item: first.code, material: 2 },
          { item: second.code, material: 2 },
        ],
      },
    ],
    ...overrides,
  };
}

describe('the merged material list', () => {
  it('asks a shared material once, where its first part stands, with the most copies any part asks', () => {
    const merged = mergedMaterials(bundle(), items);
    expect(merged.map((line) => line.name)).toEqual([
      '申请书',
      '住所使用证明（一份）',
      '本人身份证件',
      '照片',
    ]);
    const shared = merged[1];
    expect(shared?.parts.map((part) => `${part.item}#${part.material}`)).toEqual([
      'YC-T-0001#2',
      'YC-T-0002#2',
    ]);
    // Conditional in the first item, required in the second: required, no condition; 2 copies.
    expect(shared).toMatchObject({ required: true, condition: undefined, originals: 1, copies: 2 });
    expect(merged[3]).toMatchObject({
      name: '照片',
      originals: 2,
      parts: [{ item: 'YC-T-0002', material: 3 }],
    });
  });

  it('lists every material of every item when nothing is shared', () => {
    const merged = mergedMaterials(bundle({ sharedMaterials: undefined }), items);
    expect(merged).toHaveLength(first.materials.length + second.materials.length);
    expect(merged[1]).toMatchObject({ name: '住所使用证明', required: false, condition: '变更住所的' });
  });

  it('names the departments a bundle reaches, each once, in the order of its items', () => {
    expect(bundleDepartments(bundle(), items)).toEqual(['mz', 'sw']);
  });

  it('holds for the sample bundles: every material of every item is on the list exactly once', () => {
    const catalogue = getCatalogue();
    expect(catalogue.bundles.length).toBeGreaterThanOrEqual(4);
    const byCode = new Map(catalogue.items.map((item) => [item.code, item]));
    for (const sample of catalogue.bundles) {
      const merged = mergedMaterials(sample, byCode);
      const parts = merged.flatMap((line) => line.parts.map((part) => `${part.item}#${part.material}`));
      const expected = sample.steps
        .flatMap((step) => step.items)
        .flatMap((code) => (byCode.get(code)?.materials ?? []).map((_, i) => `${code}#${i + 1}`));
      expect(parts.sort(), sample.code).toEqual(expected.sort());
      expect(merged.length, sample.code).toBeLessThan(expected.length);
      expect(bundleDepartments(sample, byCode).length, sample.code).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('the lint of bundles.json', () => {
  const rules = (list: Bundle[]) => lintBundles(file, list, items).map((d) => `${d.rule} ${d.field}`);

  it('passes a valid bundle', () => {
    expect(rules([bundle()])).toEqual([]);
  });

  it.each([
    [
      'an unknown item',
      [bundle({ steps: [{ name: 'x', items: [first.code, 'YC-NONE-0001'] }] })],
      'bundle-items [0].steps[0].items[1]',
    ],
    [
      'an item twice',
      [bundle({ steps: [{ name: 'x', items: [first.code, second.code, first.code] }] })],
      'bundle-items [0].steps[0].items[2]',
    ],
    [
      'a single item',
      [bundle({ steps: [{ name: 'x', items: [first.code] }], sharedMaterials: [] })],
      'bundle-items [0].steps',
    ],
    ['a code twice', [bundle(), bundle()], 'unique-code [1].code'],
    [
      'a material that does not exist',
      [
        bundle({
          sharedMaterials: [
            {
              name: 'x',
              covers: [
                { item: first.code, material: 1 },
                { item: second.code, material: 9 },
              ],
            },
          ],
        }),
      ],
      'bundle-shared-materials [0].sharedMaterials[0].covers[1]',
    ],
    [
      'an item outside the bundle',
      [
        bundle({
          steps: [{ name: 'x', items: [first.code, second.code] }],
          sharedMaterials: [
            {
              name: 'x',
              covers: [
                { item: first.code, material: 1 },
                { item: 'YC-T-0009', material: 1 },
              ],
            },
          ],
        }),
      ],
      'bundle-shared-materials [0].sharedMaterials[0].covers[1]',
    ],
    [
      'a material covered twice',
      [
        bundle({
          sharedMaterials: [
            {
              name: 'a',
              covers: [
                { item: first.code, material: 1 },
                { item: second.code, material: 1 },
              ],
            },
            {
              name: 'b',
              covers: [
                { item: first.code, material: 1 },
                { item: second.code, material: 3 },
              ],
            },
          ],
        }),
      ],
      'bundle-shared-materials [0].sharedMaterials[1].covers[0]',
    ],
    [
      'a material shared within one item only',
      [
        bundle({
          sharedMaterials: [
            {
              name: 'x',
              covers: [
                { item: second.code, material: 1 },
                { item: second.code, material: 2 },
              ],
            },
          ],
        }),
      ],
      'bundle-shared-materials [0].sharedMaterials[0]',
    ],
  ] as const)('refuses %s', (_, list, expected) => {
    const found = lintBundles(file, list as unknown as Bundle[], items);
    expect(found.map((d) => `${d.rule} ${d.field}`)).toContain(expected);
    for (const d of found) {
      expect(d.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.file).toBe(file);
    }
  });

  it('runs in the catalogue lint, with schema errors named like any file’s', () => {
    const sources = [source(first), source(second, 'fixture/services/YC-T-0002.json')];
    expect(lintCatalogue(sources, departmentsFixture, source([bundle()], file)).bundles).toHaveLength(1);
    const broken = lintCatalogue(sources, departmentsFixture, source([{ ...bundle(), steps: [] }], file));
    expect(broken.diagnostics).toContainEqual(
      expect.objectContaining({ file, field: '[0].steps', rule: 'schema', severity: 'error' }),
    );
    expect(broken.bundles).toEqual([]);
  });
});
