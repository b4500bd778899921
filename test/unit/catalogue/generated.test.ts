import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../../functions/domain/catalogue/data.ts';
import {
  generatedModulePath,
  listItemFiles,
  readCatalogueFiles,
  renderGeneratedModule,
} from '../../../functions/store/catalogue-source.ts';

describe('the functions get the catalogue from the content folder, not a copy', () => {
  it('items.generated.ts is exactly what the content folder generates', async () => {
    const names = (await listItemFiles()).map((file) => path.basename(file));
    const onDisk = await readFile(generatedModulePath, 'utf8');
    expect(onDisk, 'run `npx yichuang catalog generate` (or `npm run build:site`)').toBe(
      renderGeneratedModule(names),
    );
  });

  it('getCatalogue() holds the same items as the JSON files', async () => {
    const files = await readCatalogueFiles();
    const catalogue = getCatalogue();
    expect(catalogue.items.map((item) => item.code).sort()).toEqual(
      files.items.map((source) => (source.data as { code: string }).code).sort(),
    );
    for (const source of files.items) {
      const data = source.data as { code: string };
      expect(catalogue.get(data.code)).toEqual(data);
    }
    expect(catalogue.departments).toEqual(files.departments?.data);
  });
});
