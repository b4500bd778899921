/** The catalogue as the pages read it: items, departments and the groupings the home page offers. */
import { getCollection } from 'astro:content';
import {
  type Bundle,
  type Department,
  type ItemType,
  itemTypes,
  type LifeEvent,
  lifeEvents,
  type ServiceItem,
} from '../../../functions/domain/catalogue/schema.ts';

interface SiteCatalogue {
  items: ServiceItem[];
  departments: Department[];
  bundles: Bundle[];
}

let cache: Promise<SiteCatalogue> | undefined;

async function load(): Promise<SiteCatalogue> {
  const [items, departments, bundles] = await Promise.all([
    getCollection('services'),
    getCollection('departments'),
    getCollection('bundles'),
  ]);
  return {
    items: items.map((entry) => entry.data).sort((a, b) => a.code.localeCompare(b.code)),
    departments: departments.map((entry) => entry.data),
    bundles: bundles.map((entry) => entry.data).sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export function catalogue(): Promise<SiteCatalogue> {
  cache ??= load();
  return cache;
}

export async function departmentMap(): Promise<Map<string, Department>> {
  const { departments } = await catalogue();
  return new Map(departments.map((d) => [d.id, d]));
}

export interface Group<K extends string> {
  key: K;
  items: ServiceItem[];
}

export async function byDepartment(): Promise<{ department: Department; items: ServiceItem[] }[]> {
  const { items, departments } = await catalogue();
  return departments
    .map((department) => ({ department, items: items.filter((item) => item.department === department.id) }))
    .filter((group) => group.items.length > 0);
}

export async function byType(): Promise<Group<ItemType>[]> {
  const { items } = await catalogue();
  return itemTypes
    .map((key) => ({ key, items: items.filter((item) => item.type === key) }))
    .filter((group) => group.items.length > 0);
}

export async function byLifeEvent(): Promise<Group<LifeEvent>[]> {
  const { items } = await catalogue();
  return lifeEvents
    .map((key) => ({ key, items: items.filter((item) => item.lifeEvents?.includes(key)) }))
    .filter((group) => group.items.length > 0);
}

/** A bundle with its items and departments looked up, in the bundle's order. */
export async function bundleView(
  bundle: Bundle,
): Promise<{ items: Map<string, ServiceItem>; departments: Map<string, Department> }> {
  const { items } = await catalogue();
  const codes = new Set(bundle.steps.flatMap((step) => step.items));
  return {
    items: new Map(items.filter((item) => codes.has(item.code)).map((item) => [item.code, item])),
    departments: await departmentMap(),
  };
}
