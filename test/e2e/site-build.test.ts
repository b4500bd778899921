import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../functions/domain/catalogue/lint.ts';
import type { ServiceItem } from '../../functions/domain/catalogue/schema.ts';
import { lintCatalogueFolder } from '../../functions/store/catalogue-source.ts';
import { buildSiteFrom } from '../support/site-build.ts';

const base: ServiceItem = {
  code: 'YC-X-0000',
  basicCode: 'YCJB-X-000',
  version: '2026-01-01',
  name: '构建测试事项',
  handlingKind: 'new',
  type: 'licensing',
  department: 'mz',
  implementingAgency: '测试民政局',
  legalBasis: [
    { title: '中华人民共和国行政许可法', issuer: '全国人民代表大会常务委员会', version: '2019-04-23' },
  ],
  applicantScope: 'organisation',
  conditions: ['有固定的住所'],
  materials: [{ name: '申请书', required: true, originals: 1, copies: 0, medium: 'paper', issuer: '申请人' }],
  procedure: [{ name: '受理', limitDays: 1 }],
  class: 'promised',
  limits: { statutoryDays: 20, promisedDays: 10 },
  fees: { statement: '不收费' },
  result: { name: '证书', type: 'certificate', delivery: ['window'] },
  visits: 1,
  online: { level: 'none' },
};

/** One file per rule: [file name, field, rule, content]. */
const broken: [string, string, string, unknown][] = [
  [
    'schema.json',
    'materials[0].medium',
    'schema',
    { ...base, materials: [{ ...base.materials[0], medium: 'fax' }] },
  ],
  [
    'promised.json',
    'limits.promisedDays',
    'promised-within-statutory',
    { ...base, limits: { statutoryDays: 20, promisedDays: 21 } },
  ],
  [
    'instant.json',
    'limits.promisedDays',
    'instant-no-day-limit',
    { ...base, class: 'instant', limits: { promisedDays: 1 } },
  ],
  ['free.json', 'fees.statement', 'free-says-buxiaofei', { ...base, fees: { statement: '无' } }],
  [
    'catchall.json',
    'conditions[1]',
    'no-catch-all-condition',
    { ...base, conditions: ['有固定的住所', '其他条件'] },
  ],
  [
    'steps.json',
    'procedure',
    'steps-within-promised',
    {
      ...base,
      procedure: [
        { name: '受理', limitDays: 4 },
        { name: '审查', limitDays: 7 },
      ],
    },
  ],
  ['z-duplicate.json', 'code', 'unique-code', { ...base }],
  ['a-original.json', 'department', 'known-department', { ...base, department: 'nowhere' }],
];

let dir: string;

/** A temporary folder with content/departments.json (one department, mz) and the given item files. */
async function catalogueFolder(prefix: string, files: [name: string, data: unknown][]): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  await mkdir(path.join(folder, 'content', 'services'), { recursive: true });
  await writeFile(
    path.join(folder, 'content', 'departments.json'),
    JSON.stringify([{ id: 'mz', name: '测试民政局', shortName: '民政', window: 'B区' }]),
  );
  for (const [name, data] of files) {
    await writeFile(path.join(folder, 'content', 'services', name), JSON.stringify(data));
  }
  return folder;
}

beforeAll(async () => {
  dir = await catalogueFolder(
    'yichuang-broken-',
    broken.map(([name, , , data], i) => {
      // Every file gets its own code but z-duplicate.json, which repeats a-original.json's (files are read in name order).
      const code = name === 'z-duplicate.json' || name === 'a-original.json' ? 'YC-X-0999' : `YC-X-000${i}`;
      return [name, { ...(data as object), code }];
    }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const buildSite = () => buildSiteFrom(dir);

describe('a broken catalogue', () => {
  it('fails lint and the build, each message naming the file and the field', async () => {
    const lint = await lintCatalogueFolder(path.join(dir, 'content'));
    const build = await buildSite();
    expect(build.code, build.output).not.toBe(0);
    expect(build.output).toContain('the catalogue has');
    for (const [name, field, rule] of broken) {
      const diagnostic = lint.diagnostics.find((d) => d.file.endsWith(`/${name}`) && d.rule === rule);
      expect(diagnostic, `${name} ${rule}`).toBeDefined();
      expect(diagnostic?.field).toBe(field);
      // The build prints the very message the CLI prints.
      expect(build.output).toContain(formatDiagnostic(diagnostic as NonNullable<typeof diagnostic>));
      expect(build.output).toContain(`${name} › ${field} [${rule}]`);
    }
  });
});

describe('a valid catalogue', () => {
  let valid: string;
  beforeAll(async () => {
    valid = await catalogueFolder(
      'yichuang-valid-',
      ['YC-X-0001', 'YC-X-0002'].map((code) => [`${code}.json`, { ...base, code }]),
    );
  });
  afterAll(async () => {
    await rm(valid, { recursive: true, force: true });
  });

  it('builds, and the log counts the generated pages instead of listing each (integrations/build-log.mjs)', async () => {
    const build = await buildSiteFrom(valid);
    expect(build.code, build.output).toBe(0);
    // Astro falls back to its own console handler when a log handler fails to load: then every
    // page would have its line.
    expect(build.output).toMatch(/└─ \d+ files generated/);
    expect(build.output).not.toContain('/services/YC-X-0001/index.html');
    expect(build.output).toContain('pagefind: indexed 2 pages');
    await expect(stat(path.join(valid, 'dist', 'services', 'YC-X-0001', 'index.html'))).resolves.toBeTruthy();
  });
});
