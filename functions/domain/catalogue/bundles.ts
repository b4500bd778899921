/**
 * 一件事 bundles (domain.md §11): the items and departments of a bundle, and its merged material
 * list — one form and one list for the whole, a material several items ask for asked once.
 */
import type { Bundle, Material, ServiceItem } from './schema.ts';

/**
 * What the bundle functions read of an item: a whole guide on the site, the item's rules
 * (catalogue.ts `ItemRules`) in the functions.
 */
export type BundleItem = Pick<ServiceItem, 'name' | 'department'> & {
  materials: readonly Pick<Material, 'name' | 'required' | 'condition' | 'originals' | 'copies'>[];
};

/** One line of the merged list: a material of one item, or one asked once for several. */
export interface MergedMaterial {
  name: string;
  /** Required when any part needs it unconditionally. */
  required: boolean;
  /** When it is needed, for a conditional line (the first part's condition). */
  condition: string | undefined;
  originals: number;
  copies: number;
  /** The items' materials it stands for: `material` is the 1-based position (m1 …). */
  parts: { item: string; itemName: string; material: number; name: string }[];
}

export function bundleItemCodes(bundle: Bundle): string[] {
  return bundle.steps.flatMap((step) => step.items);
}

/** The departments a bundle reaches, in the order of its items, each once. */
export function bundleDepartments(bundle: Bundle, items: ReadonlyMap<string, BundleItem>): string[] {
  const departments = bundleItemCodes(bundle).map((code) => items.get(code)?.department);
  return [...new Set(departments.filter((id): id is string => id !== undefined))];
}

/**
 * The merged material list, in the order of the items: each shared material where its first part
 * stands, every other material as its item lists it. The most originals and copies any part asks.
 */
export function mergedMaterials(bundle: Bundle, items: ReadonlyMap<string, BundleItem>): MergedMaterial[] {
  const sharedOf = new Map<string, number>();
  (bundle.sharedMaterials ?? []).forEach((shared, index) => {
    for (const cover of shared.covers) sharedOf.set(`${cover.item}#${cover.material}`, index);
  });
  const merged: MergedMaterial[] = [];
  const placed = new Map<number, MergedMaterial>();
  for (const code of bundleItemCodes(bundle)) {
    const item = items.get(code);
    if (!item) continue;
    item.materials.forEach((material, i) => {
      const part = { item: code, itemName: item.name, material: i + 1, name: material.name };
      const sharedIndex = sharedOf.get(`${code}#${i + 1}`);
      const existing = sharedIndex === undefined ? undefined : placed.get(sharedIndex);
      if (existing) {
        existing.parts.push(part);
        existing.required ||= material.required;
        existing.originals = Math.max(existing.originals, material.originals);
        existing.copies = Math.max(existing.copies, material.copies);
        if (existing.required) existing.condition = undefined;
        return;
      }
      const line: MergedMaterial = {
        name:
          sharedIndex === undefined
            ? material.name
            : (bundle.sharedMaterials?.[sharedIndex]?.name ?? material.name),
        required: material.required,
        condition: material.required ? undefined : material.condition,
        originals: material.originals,
        copies: material.copies,
        parts: [part],
      };
      if (sharedIndex !== undefined) placed.set(sharedIndex, line);
      merged.push(line);
    });
  }
  return merged;
}
