// Generated from site/src/content by functions/store/catalogue-source.ts, on every
// `npm run build:site` and by `npx yichuang catalog generate`. Do not edit: change the JSON files.
import departments from '../../../site/src/content/departments.json' with { type: 'json' };
import item0 from '../../../site/src/content/services/YC-BDC-0101.json' with { type: 'json' };
import item1 from '../../../site/src/content/services/YC-BDC-0201.json' with { type: 'json' };
import item2 from '../../../site/src/content/services/YC-BDC-0301.json' with { type: 'json' };
import item3 from '../../../site/src/content/services/YC-BDC-0401.json' with { type: 'json' };
import item4 from '../../../site/src/content/services/YC-MZ-0101.json' with { type: 'json' };
import item5 from '../../../site/src/content/services/YC-MZ-0102.json' with { type: 'json' };
import item6 from '../../../site/src/content/services/YC-MZ-0103.json' with { type: 'json' };
import item7 from '../../../site/src/content/services/YC-MZ-0201.json' with { type: 'json' };
import item8 from '../../../site/src/content/services/YC-MZ-0202.json' with { type: 'json' };
import item9 from '../../../site/src/content/services/YC-MZ-0203.json' with { type: 'json' };
import item10 from '../../../site/src/content/services/YC-MZ-0301.json' with { type: 'json' };
import item11 from '../../../site/src/content/services/YC-MZ-0401.json' with { type: 'json' };
import item12 from '../../../site/src/content/services/YC-RS-0101.json' with { type: 'json' };
import item13 from '../../../site/src/content/services/YC-RS-0201.json' with { type: 'json' };
import item14 from '../../../site/src/content/services/YC-RS-0301.json' with { type: 'json' };
import item15 from '../../../site/src/content/services/YC-SJ-0101.json' with { type: 'json' };
import item16 from '../../../site/src/content/services/YC-SJ-0201.json' with { type: 'json' };
import item17 from '../../../site/src/content/services/YC-SJ-0301.json' with { type: 'json' };
import item18 from '../../../site/src/content/services/YC-SW-0101.json' with { type: 'json' };
import item19 from '../../../site/src/content/services/YC-SW-0201.json' with { type: 'json' };
import item20 from '../../../site/src/content/services/YC-SW-0202.json' with { type: 'json' };
import item21 from '../../../site/src/content/services/YC-SW-0301.json' with { type: 'json' };
import item22 from '../../../site/src/content/services/YC-SW-0401.json' with { type: 'json' };
import item23 from '../../../site/src/content/services/YC-SW-0402.json' with { type: 'json' };
import item24 from '../../../site/src/content/services/YC-SW-0403.json' with { type: 'json' };
import item25 from '../../../site/src/content/services/YC-SW-0501.json' with { type: 'json' };
import item26 from '../../../site/src/content/services/YC-WJW-0101.json' with { type: 'json' };
import item27 from '../../../site/src/content/services/YC-WJW-0201.json' with { type: 'json' };
import item28 from '../../../site/src/content/services/YC-WJW-0301.json' with { type: 'json' };

export const departmentsSource = { file: 'site/src/content/departments.json', data: departments as unknown };

export const itemSources: readonly { file: string; data: unknown }[] = [
  { file: 'site/src/content/services/YC-BDC-0101.json', data: item0 },
  { file: 'site/src/content/services/YC-BDC-0201.json', data: item1 },
  { file: 'site/src/content/services/YC-BDC-0301.json', data: item2 },
  { file: 'site/src/content/services/YC-BDC-0401.json', data: item3 },
  { file: 'site/src/content/services/YC-MZ-0101.json', data: item4 },
  { file: 'site/src/content/services/YC-MZ-0102.json', data: item5 },
  { file: 'site/src/content/services/YC-MZ-0103.json', data: item6 },
  { file: 'site/src/content/services/YC-MZ-0201.json', data: item7 },
  { file: 'site/src/content/services/YC-MZ-0202.json', data: item8 },
  { file: 'site/src/content/services/YC-MZ-0203.json', data: item9 },
  { file: 'site/src/content/services/YC-MZ-0301.json', data: item10 },
  { file: 'site/src/content/services/YC-MZ-0401.json', data: item11 },
  { file: 'site/src/content/services/YC-RS-0101.json', data: item12 },
  { file: 'site/src/content/services/YC-RS-0201.json', data: item13 },
  { file: 'site/src/content/services/YC-RS-0301.json', data: item14 },
  { file: 'site/src/content/services/YC-SJ-0101.json', data: item15 },
  { file: 'site/src/content/services/YC-SJ-0201.json', data: item16 },
  { file: 'site/src/content/services/YC-SJ-0301.json', data: item17 },
  { file: 'site/src/content/services/YC-SW-0101.json', data: item18 },
  { file: 'site/src/content/services/YC-SW-0201.json', data: item19 },
  { file: 'site/src/content/services/YC-SW-0202.json', data: item20 },
  { file: 'site/src/content/services/YC-SW-0301.json', data: item21 },
  { file: 'site/src/content/services/YC-SW-0401.json', data: item22 },
  { file: 'site/src/content/services/YC-SW-0402.json', data: item23 },
  { file: 'site/src/content/services/YC-SW-0403.json', data: item24 },
  { file: 'site/src/content/services/YC-SW-0501.json', data: item25 },
  { file: 'site/src/content/services/YC-WJW-0101.json', data: item26 },
  { file: 'site/src/content/services/YC-WJW-0201.json', data: item27 },
  { file: 'site/src/content/services/YC-WJW-0301.json', data: item28 },
];

export const itemLoaders: Readonly<Record<string, () => Promise<{ default: unknown }>>> = {
  'YC-BDC-0101': () =>
    import('../../../site/src/content/services/YC-BDC-0101.json', { with: { type: 'json' } }),
  'YC-BDC-0201': () =>
    import('../../../site/src/content/services/YC-BDC-0201.json', { with: { type: 'json' } }),
  'YC-BDC-0301': () =>
    import('../../../site/src/content/services/YC-BDC-0301.json', { with: { type: 'json' } }),
  'YC-BDC-0401': () =>
    import('../../../site/src/content/services/YC-BDC-0401.json', { with: { type: 'json' } }),
  'YC-MZ-0101': () =>
    import('../../../site/src/content/services/YC-MZ-0101.json', { with: { type: 'json' } }),
  'YC-MZ-0102': () =>
    import('../../../site/src/content/services/YC-MZ-0102.json', { with: { type: 'json' } }),
  'YC-MZ-0103': () =>
    import('../../../site/src/content/services/YC-MZ-0103.json', { with: { type: 'json' } }),
  'YC-MZ-0201': () =>
    import('../../../site/src/content/services/YC-MZ-0201.json', { with: { type: 'json' } }),
  'YC-MZ-0202': () =>
    import('../../../site/src/content/services/YC-MZ-0202.json', { with: { type: 'json' } }),
  'YC-MZ-0203': () =>
    import('../../../site/src/content/services/YC-MZ-0203.json', { with: { type: 'json' } }),
  'YC-MZ-0301': () =>
    import('../../../site/src/content/services/YC-MZ-0301.json', { with: { type: 'json' } }),
  'YC-MZ-0401': () =>
    import('../../../site/src/content/services/YC-MZ-0401.json', { with: { type: 'json' } }),
  'YC-RS-0101': () =>
    import('../../../site/src/content/services/YC-RS-0101.json', { with: { type: 'json' } }),
  'YC-RS-0201': () =>
    import('../../../site/src/content/services/YC-RS-0201.json', { with: { type: 'json' } }),
  'YC-RS-0301': () =>
    import('../../../site/src/content/services/YC-RS-0301.json', { with: { type: 'json' } }),
  'YC-SJ-0101': () =>
    import('../../../site/src/content/services/YC-SJ-0101.json', { with: { type: 'json' } }),
  'YC-SJ-0201': () =>
    import('../../../site/src/content/services/YC-SJ-0201.json', { with: { type: 'json' } }),
  'YC-SJ-0301': () =>
    import('../../../site/src/content/services/YC-SJ-0301.json', { with: { type: 'json' } }),
  'YC-SW-0101': () =>
    import('../../../site/src/content/services/YC-SW-0101.json', { with: { type: 'json' } }),
  'YC-SW-0201': () =>
    import('../../../site/src/content/services/YC-SW-0201.json', { with: { type: 'json' } }),
  'YC-SW-0202': () =>
    import('../../../site/src/content/services/YC-SW-0202.json', { with: { type: 'json' } }),
  'YC-SW-0301': () =>
    import('../../../site/src/content/services/YC-SW-0301.json', { with: { type: 'json' } }),
  'YC-SW-0401': () =>
    import('../../../site/src/content/services/YC-SW-0401.json', { with: { type: 'json' } }),
  'YC-SW-0402': () =>
    import('../../../site/src/content/services/YC-SW-0402.json', { with: { type: 'json' } }),
  'YC-SW-0403': () =>
    import('../../../site/src/content/services/YC-SW-0403.json', { with: { type: 'json' } }),
  'YC-SW-0501': () =>
    import('../../../site/src/content/services/YC-SW-0501.json', { with: { type: 'json' } }),
  'YC-WJW-0101': () =>
    import('../../../site/src/content/services/YC-WJW-0101.json', { with: { type: 'json' } }),
  'YC-WJW-0201': () =>
    import('../../../site/src/content/services/YC-WJW-0201.json', { with: { type: 'json' } }),
  'YC-WJW-0301': () =>
    import('../../../site/src/content/services/YC-WJW-0301.json', { with: { type: 'json' } }),
};
