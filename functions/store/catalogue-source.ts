/**
 * Reads the service catalogue from disk (the site's content collection) for the CLI, the site
 * build and the tests, and writes functions/domain/catalogue/items.generated.ts, the module through
 * which the functions bundle the same files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { itemRules } from '../domain/catalogue/catalogue.ts';
import {
  type CatalogueSource,
  type Diagnostic,
  type LintResult,
  lintCatalogue,
} from '../domain/catalogue/lint.ts';
import type { ServiceItem } from '../domain/catalogue/schema.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder holding services/*.json, departments.json and bundles.json. */
export const defaultContentDir = path.join(projectRoot, 'site', 'src', 'content');

export const generatedModulePath = path.join(
  projectRoot,
  'functions',
  'domain',
  'catalogue',
  'items.generated.ts',
);

export interface CatalogueFiles {
  items: CatalogueSource[];
  departments: CatalogueSource | undefined;
  bundles: CatalogueSource | undefined;
  /** Files that are not valid JSON. */
  diagnostics: Diagnostic[];
}

/** Repository-relative path with forward slashes, as diagnostics show it. */
export function displayPath(file: string): string {
  const relative = path.relative(projectRoot, file);
  return (relative.startsWith('..') ? file : relative).split(path.sep).join('/');
}

/**
 * One file, read synchronously: 10,000 small files are read faster one after another than through
 * the thread pool (a promise and four round trips each), and the site build's worker, reading the
 * same folder at the same time, cannot make the two run out of file descriptors.
 */
function readJson(file: string, diagnostics: Diagnostic[]): CatalogueSource | undefined {
  const shown = displayPath(file);
  try {
    return { file: shown, data: JSON.parse(readFileSync(file, 'utf8')) as unknown };
  } catch (error) {
    diagnostics.push({
      severity: 'error',
      file: shown,
      field: '(root)',
      rule: 'schema',
      zh: `不是有效的 JSON：${(error as Error).message}`,
      en: `not valid JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
}

/** The item file names of a content folder, sorted. */
export async function listItemFiles(contentDir = defaultContentDir): Promise<string[]> {
  const dir = path.join(contentDir, 'services');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return names.map((name) => path.join(dir, name));
}

export async function readCatalogueFiles(contentDir = defaultContentDir): Promise<CatalogueFiles> {
  const diagnostics: Diagnostic[] = [];
  const files = await listItemFiles(contentDir);
  const read = files.map((file) => readJson(file, diagnostics));
  const departmentsFile = path.join(contentDir, 'departments.json');
  const departments = existsSync(departmentsFile) ? readJson(departmentsFile, diagnostics) : undefined;
  const bundlesFile = path.join(contentDir, 'bundles.json');
  const bundles = existsSync(bundlesFile) ? readJson(bundlesFile, diagnostics) : undefined;
  return {
    items: read.filter((source): source is CatalogueSource => source !== undefined),
    departments,
    bundles,
    diagnostics,
  };
}

/** A file's item rules as JSON text (keyed by its code), or nothing when the file cannot say. */
function rulesOf(file: string): [string, string] | undefined {
  try {
    const rules = itemRules(JSON.parse(readFileSync(file, 'utf8')) as ServiceItem);
    return [rules.code, JSON.stringify(rules)];
  } catch {
    // An unreadable or malformed file is the lint's to report, and the build stops on it.
    return undefined;
  }
}

/** A single-quoted TypeScript string of the text. */
const quoted = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/**
 * The text of items.generated.ts for the given item file names (in services/): the files as static
 * imports (the whole catalogue, linted on first use: the CLI, the tests), and each item's rules
 * (catalogue.ts `itemRules`) as JSON text by code, for the functions — a few hundred bytes an item
 * instead of its whole guide, parsed when the item is first asked for. A copy, so the build
 * rewrites it and a test fails when it is stale.
 */
export function renderGeneratedModule(itemFileNames: readonly string[]): string {
  const from = path.dirname(generatedModulePath);
  const rel = (file: string) => path.relative(from, file).split(path.sep).join('/');
  const departmentsFile = path.join(defaultContentDir, 'departments.json');
  const bundlesFile = path.join(defaultContentDir, 'bundles.json');
  const itemFiles = itemFileNames.map((name) => path.join(defaultContentDir, 'services', name));
  const lines = [
    '// Generated from site/src/content by functions/store/catalogue-source.ts, on every',
    '// `npm run build:site` and by `npx yichuang catalog generate`. Do not edit: change the JSON files.',
    `import bundles from '${rel(bundlesFile)}' with { type: 'json' };`,
    `import departments from '${rel(departmentsFile)}' with { type: 'json' };`,
    ...itemFiles.map((file, i) => `import item${i} from '${rel(file)}' with { type: 'json' };`),
    '',
    `export const departmentsSource = { file: '${displayPath(departmentsFile)}', data: departments as unknown };`,
    `export const bundlesSource = { file: '${displayPath(bundlesFile)}', data: bundles as unknown };`,
    '',
    'export const itemSources: readonly { file: string; data: unknown }[] = [',
    ...itemFiles.map((file, i) => `  { file: '${displayPath(file)}', data: item${i} },`),
    '];',
    '',
    "/** Each item's rules (catalogue.ts `itemRules`) as JSON text, by item code. */",
    'export const itemRulesText: Readonly<Record<string, string>> = {',
    ...itemFiles.flatMap((file) => {
      const rules = rulesOf(file);
      return rules ? [`  ${quoted(rules[0])}:\n    ${quoted(rules[1])},`] : [];
    }),
    '};',
    '',
  ];
  return lines.join('\n');
}

/** Rewrites items.generated.ts from the default content folder. Returns true when it changed. */
export async function writeGeneratedModule(): Promise<boolean> {
  const names = (await listItemFiles(defaultContentDir)).map((file) => path.basename(file));
  const text = renderGeneratedModule(names);
  const current = existsSync(generatedModulePath) ? await readFile(generatedModulePath, 'utf8') : '';
  if (current === text) return false;
  await writeFile(generatedModulePath, text);
  return true;
}

/** Reads and lints a content folder: what `npx yichuang catalog lint` and the site build both run. */
export async function lintCatalogueFolder(contentDir = defaultContentDir): Promise<LintResult> {
  const files = await readCatalogueFiles(contentDir);
  const result = lintCatalogue(files.items, files.departments, files.bundles);
  const diagnostics = [...files.diagnostics, ...result.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { ...result, diagnostics, errors, warnings: diagnostics.length - errors };
}
