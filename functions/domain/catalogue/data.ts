/**
 * The service catalogue for the functions: the items of site/src/content/services, bundled at
 * build time through items.generated.ts (no hand-kept copy), checked once on first use.
 */
import { type Catalogue, createCatalogue } from './catalogue.ts';
import { bundlesSource, departmentsSource, itemSources } from './items.generated.ts';
import { formatDiagnostic, lintCatalogue } from './lint.ts';

let loaded: Catalogue | undefined;

/** The bundled catalogue. Throws when it does not pass lint (the build refuses such a catalogue first). */
export function getCatalogue(): Catalogue {
  if (loaded) return loaded;
  const result = lintCatalogue(itemSources, departmentsSource, bundlesSource);
  if (result.errors > 0) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    throw new Error(`The bundled catalogue is invalid:\n${errors.join('\n')}`);
  }
  loaded = createCatalogue(
    result.items.map((entry) => entry.item),
    result.departments,
    result.bundles,
  );
  return loaded;
}
