/** The catalogue as the pages read it: items, departments and the groupings the home page offers. */
import { getCollection } from 'astro:content';
import {
  type Department,
  type ItemType,
  itemTypes,
  type LifeEvent,
  lifeEvents,
  type ServiceItem,
} from '../../../functions/domain/catalogue/schema.ts';

let cache: Promise<{ items: ServiceItem[]; departments: Department[] }> | undefined;

async function load() {
  const [items, departments] = await Promise.all([getCollection('services'), getCollection('departments')]);
  return {
    items: items.map((entry) => entry.data).sort((a, b) => a.code.localeCompare(b.code)),
    departments: departments.map((entry) => entry.data),
  };
}

export function catalogue(): Promise<{ items: ServiceItem[]; departments: Department[] }> {
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
