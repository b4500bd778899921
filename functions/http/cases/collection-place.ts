/**
 * Where and how a case's result is collected, from its item and department in the catalogue and the
 * centre's settings: what the public progress page shows and what the "result ready" message names.
 */
import { centreConfig } from '../../config/centre.ts';
import type { CollectionPlace } from '../../domain/cases/views.ts';
import { catalogueDepartment, catalogueItem } from '../../domain/catalogue/item-lookup.ts';

export function collectionPlace(itemCode: string): CollectionPlace {
  const item = catalogueItem(itemCode);
  const department = item ? catalogueDepartment(item.department) : undefined;
  return {
    methods: item?.result.delivery ?? ['window'],
    ...((item?.place?.window ?? department?.window)
      ? { window: item?.place?.window ?? department?.window }
      : {}),
    address: item?.place?.address ?? centreConfig.address,
    hours: item?.hours ?? centreConfig.hours,
    phone: item?.phones?.consultation ?? department?.phone ?? centreConfig.phones.consultation,
  };
}
