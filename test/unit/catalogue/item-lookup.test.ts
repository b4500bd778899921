/** One item at a time: the same items, checked the same way, as the whole bundled catalogue. */
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../../functions/domain/catalogue/data.ts';
import {
  catalogueDepartment,
  catalogueDepartments,
  catalogueItem,
} from '../../../functions/domain/catalogue/item-lookup.ts';
import { itemLoaders } from '../../../functions/domain/catalogue/items.generated.ts';

describe('the catalogue one item at a time', () => {
  it('gives every item exactly as the whole catalogue does, and nothing for an unknown code', async () => {
    const catalogue = getCatalogue();
    expect(Object.keys(itemLoaders).sort()).toEqual(catalogue.items.map((item) => item.code).sort());
    for (const item of catalogue.items) expect(await catalogueItem(item.code)).toEqual(item);
    expect(await catalogueItem('YC-XX-9999')).toBeUndefined();
    expect(await catalogueItem('constructor')).toBeUndefined();
  });

  it('gives the same departments', () => {
    const catalogue = getCatalogue();
    expect(catalogueDepartments()).toEqual(catalogue.departments);
    for (const department of catalogue.departments) {
      expect(catalogueDepartment(department.id)).toEqual(department);
    }
    expect(catalogueDepartment('nowhere')).toBeUndefined();
  });
});
