import type { APIRoute } from 'astro';
import { disclosureCsv } from '../../../../functions/domain/catalogue/open-data.ts';
import { catalogue } from '../../lib/catalogue.ts';

/** The disclosure fields of every item as CSV. */
export const GET: APIRoute = async () => {
  const { items, departments } = await catalogue();
  return new Response(disclosureCsv(items, departments), {
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });
};
