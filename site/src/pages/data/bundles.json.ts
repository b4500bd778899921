import type { APIRoute } from 'astro';
import { bundleDepartments, mergedMaterials } from '../../../../functions/domain/catalogue/bundles.ts';
import { catalogue } from '../../lib/catalogue.ts';
import { centre } from '../../lib/centre.ts';

/** Every 一件事 bundle as in bundles.json, with the departments of its items and its merged material list. */
export const GET: APIRoute = async () => {
  const { items, bundles } = await catalogue();
  const byCode = new Map(items.map((item) => [item.code, item]));
  const body = {
    centre: { code: centre.code, name: centre.name },
    sample: centre.sample,
    count: bundles.length,
    bundles: bundles.map((bundle) => ({
      ...bundle,
      departments: bundleDepartments(bundle, byCode),
      mergedMaterials: mergedMaterials(bundle, byCode),
    })),
  };
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
