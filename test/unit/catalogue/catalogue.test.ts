import { describe, expect, it } from 'vitest';
import {
  createCatalogue,
  intakeSnapshot,
  limitTexts,
} from '../../../functions/domain/catalogue/catalogue.ts';
import {
  disclosurePresets,
  guideLayout,
  guideSections,
  resolveDisclosures,
} from '../../../functions/domain/catalogue/disclosures.ts';
import { csvColumns, disclosureCsv } from '../../../functions/domain/catalogue/open-data.ts';
import { departmentsFixture, instantItem, promisedItem } from './fixtures.ts';

const departments = departmentsFixture.data;

describe('catalogue lookups', () => {
  const catalogue = createCatalogue([promisedItem(), instantItem()], departments);

  it('finds items by code and department', () => {
    expect(catalogue.get('YC-T-0002')?.name).toBe('测试即办事项');
    expect(catalogue.get('missing')).toBeUndefined();
    expect(catalogue.byDepartment('mz')).toHaveLength(2);
    expect(catalogue.department('sw')?.name).toBe('示例税务局');
  });

  it('takes the intake snapshot a case keeps: version, limits, class, materials, steps', () => {
    const snapshot = intakeSnapshot(promisedItem());
    expect(snapshot).toMatchObject({
      code: 'YC-T-0001',
      version: '2026-01-01',
      class: 'promised',
      statutoryDays: 20,
      promisedDays: 10,
    });
    expect(snapshot.materials.map((m) => [m.name, m.required, m.condition])).toEqual([
      ['申请书', true, undefined],
      ['住所使用证明', false, '变更住所的'],
    ]);
    expect(snapshot.steps.map((s) => s.limitDays)).toEqual([1, 6, 2]);
    expect(intakeSnapshot(instantItem()).promisedDays).toBeUndefined();
  });

  it('shows both limits for promised items and 当场办结 for instant ones', () => {
    expect(limitTexts(promisedItem())).toEqual({ statutory: '20 个工作日', promised: '10 个工作日' });
    expect(limitTexts(instantItem())).toEqual({ statutory: '当场办结', promised: '当场办结' });
    expect(limitTexts(instantItem({ limits: { statutoryDays: 3 } }))).toEqual({
      statutory: '3 个工作日',
      promised: '当场办结',
    });
  });
});

describe('disclosure presets', () => {
  it('defaults to 六公开 in its order', () => {
    expect(resolveDisclosures().map((d) => d.label)).toEqual([
      '政策依据',
      '申请条件',
      '申请材料',
      '办理程序',
      '办理时限',
      '收费标准',
    ]);
    expect(resolveDisclosures('no-such-preset')).toBe(disclosurePresets.six);
  });

  it('takes a custom ordered list as it is', () => {
    const custom = [{ key: 'fees', label: '收费' } as const, { key: 'materials', label: '材料' } as const];
    expect(resolveDisclosures(custom)).toBe(custom);
  });

  it('puts the disclosure block first and every other section once after it', () => {
    for (const preset of Object.values(disclosurePresets)) {
      const { disclosures, rest } = guideLayout(preset);
      const keys = [...disclosures.map((d) => d.key), ...rest.map((d) => d.key)];
      expect(new Set(keys).size).toBe(keys.length);
      for (const section of guideSections) {
        if (section.key === 'name' || section.key === 'feeBasis') continue;
        expect(keys).toContain(section.key);
      }
    }
  });
});

describe('open data CSV', () => {
  it('has a header, one row per item, quoted multi-line fields, BOM and CRLF', () => {
    const csv = disclosureCsv([promisedItem(), instantItem()], departments);
    expect(csv.startsWith('\uFEFF实施编码,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]?.split(',')).toEqual(
      [...csvColumns].map((c, i) => (i === 0 ? `\uFEFF${c}` : c)),
    );
    expect(csv).toContain('"1. 已经业务主管单位审查同意\n2. 有固定的住所"');
    expect(csv).toContain(',当场办结,当场办结,不收费,');
  });
});
