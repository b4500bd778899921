import { describe, expect, it } from 'vitest';
import {
  type Diagnostic,
  formatDiagnostic,
  type LintRule,
  lintCatalogue,
} from '../../../functions/domain/catalogue/lint.ts';
import type { ServiceItem } from '../../../functions/domain/catalogue/schema.ts';
import {
  commitmentItem,
  deferredItem,
  departmentsFixture,
  instantItem,
  promisedItem,
  source,
} from './fixtures.ts';

const file = 'fixture/services/YC-T-0001.json';

function lintOne(item: unknown): Diagnostic[] {
  return lintCatalogue([source(item, file)], departmentsFixture).diagnostics;
}

function only(diagnostics: Diagnostic[], rule: LintRule): Diagnostic[] {
  return diagnostics.filter((d) => d.rule === rule);
}

describe('catalogue lint', () => {
  it('passes a valid promised item and a valid instant item', () => {
    const result = lintCatalogue(
      [source(promisedItem(), file), source(instantItem(), 'fixture/services/YC-T-0002.json')],
      departmentsFixture,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.items.map((entry) => entry.item.code)).toEqual(['YC-T-0001', 'YC-T-0002']);
  });

  it('passes an item with owed materials (容缺受理) and one decided on a commitment (告知承诺)', () => {
    expect(lintOne(deferredItem())).toEqual([]);
    expect(lintOne(commitmentItem())).toEqual([]);
    const both = commitmentItem({
      materials: [
        { ...(deferredItem().materials[0] as ServiceItem['materials'][number]), required: true },
        ...deferredItem().materials.slice(1),
      ],
      deferredAcceptance: deferredItem().deferredAcceptance,
      commitmentDecision: {
        ...(commitmentItem().commitmentDecision as NonNullable<ServiceItem['commitmentDecision']>),
        scope: 'item',
      },
    });
    expect(lintOne(both)).toEqual([]);
  });

  // Each rule, broken once: the diagnostic names the file, the field and the rule, in both languages.
  const broken: [LintRule, 'error' | 'warning', string, unknown][] = [
    [
      'schema',
      'error',
      'materials[0].copies',
      { ...promisedItem(), materials: [{ ...promisedItem().materials[0], copies: -1 }] },
    ],
    [
      'schema',
      'error',
      'limits.promisedDay',
      { ...promisedItem(), limits: { statutoryDays: 20, promisedDay: 10 } },
    ],
    ['schema', 'error', 'name', (({ name: _name, ...rest }: ServiceItem) => rest)(promisedItem())],
    [
      'promised-within-statutory',
      'error',
      'limits.promisedDays',
      promisedItem({ limits: { statutoryDays: 20, promisedDays: 25 } }),
    ],
    [
      'promised-within-statutory',
      'warning',
      'limits.promisedDays',
      promisedItem({
        limits: { statutoryDays: 20, promisedDays: 20 },
        procedure: [{ name: '受理', limitDays: 1 }],
      }),
    ],
    ['limits-required', 'error', 'limits.promisedDays', promisedItem({ limits: { statutoryDays: 20 } })],
    ['limits-required', 'error', 'limits.statutoryDays', promisedItem({ limits: { promisedDays: 10 } })],
    ['instant-no-day-limit', 'error', 'limits.promisedDays', instantItem({ limits: { promisedDays: 1 } })],
    [
      'instant-no-day-limit',
      'error',
      'procedure[1].limitDays',
      instantItem({ procedure: [{ name: '受理' }, { name: '办结', limitDays: 1 }] }),
    ],
    [
      'steps-within-promised',
      'error',
      'procedure',
      promisedItem({
        procedure: [
          { name: '受理', limitDays: 1 },
          { name: '审查', limitDays: 12 },
        ],
      }),
    ],
    ['free-says-buxiaofei', 'error', 'fees.statement', promisedItem({ fees: { statement: '无' } })],
    ['free-says-buxiaofei', 'error', 'fees.statement', promisedItem({ fees: { statement: '免费' } })],
    [
      'free-says-buxiaofei',
      'error',
      'fees.statement',
      promisedItem({
        fees: { statement: '不收费', items: [{ item: '工本费', standard: '10 元', basis: '某文件' }] },
      }),
    ],
    [
      'no-catch-all-condition',
      'error',
      'conditions[1]',
      promisedItem({ conditions: ['有固定的住所', '法律、行政法规规定的其他条件'] }),
    ],
    [
      'no-catch-all-condition',
      'error',
      'conditions[0]',
      promisedItem({ conditions: ['符合其他应当具备的条件'] }),
    ],
    [
      'conditional-material',
      'error',
      'materials[0].condition',
      promisedItem({
        materials: [
          { name: '证明', required: false, originals: 1, copies: 0, medium: 'paper', issuer: '申请人' },
        ],
      }),
    ],
    [
      'owed-materials',
      'error',
      'deferredAcceptance.maxOwedWorkdays',
      deferredItem({
        deferredAcceptance: {
          ...(deferredItem().deferredAcceptance as NonNullable<ServiceItem['deferredAcceptance']>),
          maxOwedWorkdays: 11,
        },
      }),
    ],
    [
      'owed-materials',
      'error',
      'deferredAcceptance.maxOwedWorkdays',
      deferredItem({ class: 'instant', limits: {}, procedure: [{ name: '受理' }] }),
    ],
    ['owed-materials', 'error', 'deferredAcceptance', deferredItem({ deferredAcceptance: undefined })],
    ['owed-materials', 'error', 'deferredAcceptance', deferredItem({ materials: promisedItem().materials })],
    [
      'owed-materials',
      'error',
      'materials',
      deferredItem({
        materials: [
          { ...(promisedItem().materials[0] as ServiceItem['materials'][number]), mayBeOwed: true },
        ],
      }),
    ],
    [
      'commitment-proofs',
      'error',
      'commitmentDecision.scope',
      commitmentItem({ commitmentDecision: undefined }),
    ],
    [
      'commitment-proofs',
      'error',
      'commitmentDecision.scope',
      commitmentItem({ materials: promisedItem().materials }),
    ],
    [
      'commitment-proofs',
      'error',
      'materials[1]',
      commitmentItem({
        materials: [
          promisedItem().materials[0] as ServiceItem['materials'][number],
          { ...(commitmentItem().materials[1] as ServiceItem['materials'][number]), mayBeOwed: true },
        ],
        deferredAcceptance: deferredItem().deferredAcceptance,
      }),
    ],
    ['joint-co-departments', 'error', 'coDepartments', promisedItem({ class: 'joint' })],
    ['known-department', 'error', 'department', promisedItem({ department: 'nope' })],
    [
      'known-department',
      'error',
      'coDepartments[0]',
      promisedItem({
        class: 'joint',
        coDepartments: ['nope'],
        limits: { statutoryDays: 45, promisedDays: 10 },
      }),
    ],
  ];

  it.each(broken)('%s (%s) names %s', (rule, severity, field, item) => {
    const found = only(lintOne(item), rule);
    expect(found, JSON.stringify(lintOne(item), null, 2)).toContainEqual(
      expect.objectContaining({ rule, severity, field, file }),
    );
    for (const d of found) {
      expect(d.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.en).toMatch(/[a-z]{3}/);
      const line = formatDiagnostic(d);
      expect(line).toContain(file);
      expect(line).toContain(field === d.field ? field : d.field);
      expect(line).toContain(`[${rule}]`);
    }
  });

  it('reports a duplicate code in the second file, naming the first', () => {
    const result = lintCatalogue(
      [source(promisedItem(), 'fixture/services/a.json'), source(promisedItem(), 'fixture/services/b.json')],
      departmentsFixture,
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'unique-code',
        file: 'fixture/services/b.json',
        field: 'code',
        severity: 'error',
      }),
    ]);
    expect(result.diagnostics[0]?.zh).toContain('fixture/services/a.json');
  });

  it('reports a duplicate department id', () => {
    const departments = {
      file: 'fixture/departments.json',
      data: [...departmentsFixture.data, departmentsFixture.data[0]],
    };
    const result = lintCatalogue([source(promisedItem(), file)], departments);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ rule: 'unique-code', file: 'fixture/departments.json', field: '[2].id' }),
    ]);
  });

  it('counts errors and warnings apart', () => {
    const result = lintCatalogue(
      [
        source(promisedItem({ limits: { statutoryDays: 10, promisedDays: 10 } }), 'a.json'),
        source(promisedItem({ code: 'YC-T-0009', fees: { statement: '' } }), 'b.json'),
      ],
      departmentsFixture,
    );
    expect(result.warnings).toBe(1);
    expect(result.errors).toBeGreaterThanOrEqual(1);
  });

  it('does not flag conditions that merely mention 其他 outside a catch-all', () => {
    const item = promisedItem({ conditions: ['与其他社会团体的名称不相同'] });
    expect(only(lintOne(item), 'no-catch-all-condition')).toEqual([]);
  });
});
