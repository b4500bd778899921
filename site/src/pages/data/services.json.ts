import type { APIRoute } from 'astro';
import { catalogue } from '../../lib/catalogue.ts';
import { centre } from '../../lib/centre.ts';

/** Every item, exactly as in the catalogue files, with the centre it belongs to. */
export const GET: APIRoute = async () => {
  const { items } = await catalogue();
  const body = {
    $schema: '/data/service-item.schema.json',
    centre: { code: centre.code, name: centre.name },
    sample: centre.sample,
    count: items.length,
    items: items.map((item) => {
      const { $schema: _schema, ...rest } = item;
      return rest;
    }),
  };
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
