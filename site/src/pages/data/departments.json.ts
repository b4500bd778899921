import type { APIRoute } from 'astro';
import { catalogue } from '../../lib/catalogue.ts';

export const GET: APIRoute = async () => {
  const { departments } = await catalogue();
  return new Response(JSON.stringify(departments), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
