/** One item at a time: the functions' rules of every item are the whole catalogue's, field for field. */
import { describe, expect, it } from 'vitest';
import { intakeSnapshot, itemRules } from '../../../functions/domain/catalogue/catalogue.ts';
import { getCatalogue } from '../../../functions/domain/catalogue/data.ts';
import {
  catalogueDepartment,
  catalogueDepartments,
  catalogueItem,
} from '../../../functions/domain/catalogue/item-lookup.ts';
import { itemRulesText } from '../../../functions/domain/catalogue/items.generated.ts';

describe('the catalogue one item at a time', () => {
  it('gives every item’s rules as the whole catalogue has them, and nothing for an unknown code', () => {
    const catalogue = getCatalogue();
    expect(Object.keys(itemRulesText).sort()).toEqual(catalogue.items.map((item) => item.code).sort());
    for (const item of catalogue.items) {
      const rules = catalogueItem(item.code);
      expect(rules).toEqual(itemRules(item));
      // What a case is taken in under is the same from the rules as from the whole item.
      expect(rules && intakeSnapshot(rules)).toEqual(intakeSnapshot(item));
    }
    expect(catalogueItem('YC-XX-9999')).toBeUndefined();
    expect(catalogueItem('constructor')).toBeUndefined();
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
