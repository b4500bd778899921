/**
 * The bundled catalogue one item at a time, for a function that needs one item's rules per request
 * (the progress lookup): an item is loaded and linted when it is first asked for, the others are
 * never evaluated (a bundle holds each as a lazy module). The departments, one small file, are
 * read as bundled; the site build and the tests lint the same file.
 */
import { departmentsSource, itemLoaders } from './items.generated.ts';
import type { Department, ServiceItem } from './schema.ts';

const loaded = new Map<string, Promise<ServiceItem>>();

async function loadItem(code: string, load: () => Promise<{ default: unknown }>): Promise<ServiceItem> {
  const [{ default: data }, { formatDiagnostic, lintCatalogue }] = await Promise.all([
    load(),
    import('./lint.ts'),
  ]);
  const result = lintCatalogue([{ file: `item ${code}`, data }], departmentsSource);
  const item = result.items[0]?.item;
  if (result.errors > 0 || !item) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    throw new Error(`The bundled catalogue is invalid:\n${errors.join('\n')}`);
  }
  return item;
}

/** The item with this code, checked against the schema and the lint; undefined if there is none. */
export async function catalogueItem(code: string): Promise<ServiceItem | undefined> {
  const load = Object.hasOwn(itemLoaders, code) ? itemLoaders[code] : undefined;
  if (!load) return undefined;
  let item = loaded.get(code);
  if (!item) {
    item = loadItem(code, load);
    item.catch(() => loaded.delete(code));
    loaded.set(code, item);
  }
  return item;
}

export function catalogueDepartments(): readonly Department[] {
  return departmentsSource.data as Department[];
}

export function catalogueDepartment(id: string): Department | undefined {
  return catalogueDepartments().find((department) => department.id === id);
}
