/**
 * The bundled catalogue as the functions use it, one item at a time: the item's rules (limits,
 * class, materials, steps, where the result is collected; catalogue.ts `itemRules`), parsed from
 * the generated module's text when the item is first asked for, and the departments (one small
 * file, as bundled). A function that needs one item's rules carries a few hundred bytes an item,
 * not every guide. The site build and the tests lint the files these come from.
 */
import type { ItemRules } from './catalogue.ts';
import { bundlesSource, departmentsSource, itemRulesText } from './items.generated.ts';
import type { Bundle, Department } from './schema.ts';

const parsed = new Map<string, ItemRules>();

/** The rules of the item with this code; undefined if there is none. */
export function catalogueItem(code: string): ItemRules | undefined {
  let rules = parsed.get(code);
  if (!rules && Object.hasOwn(itemRulesText, code)) {
    rules = JSON.parse(itemRulesText[code] as string) as ItemRules;
    parsed.set(code, rules);
  }
  return rules;
}

export function catalogueDepartments(): readonly Department[] {
  return departmentsSource.data as Department[];
}

export function catalogueDepartment(id: string): Department | undefined {
  return catalogueDepartments().find((department) => department.id === id);
}

/** The 一件事 bundle with this code (bundles.json, as bundled; the build lints it). */
export function catalogueBundle(code: string): Bundle | undefined {
  return (bundlesSource.data as Bundle[]).find((bundle) => bundle.code === code);
}
