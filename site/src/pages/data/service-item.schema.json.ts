import type { APIRoute } from 'astro';
import { serviceItemJsonSchema } from '../../../../functions/domain/catalogue/schema.ts';

/** The JSON Schema of one item, generated from the zod schema every part of the system uses. */
export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(serviceItemJsonSchema(), null, 2)}\n`, {
    headers: { 'content-type': 'application/schema+json; charset=utf-8' },
  });
