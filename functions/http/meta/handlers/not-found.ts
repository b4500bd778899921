import { methodNotAllowed, notFound } from '../../problems.ts';
import { allowedMethods } from '../../route-match.ts';
import { routes } from '../../routes.ts';
import { httpHandler } from '../http-handler.ts';

export const handler = httpHandler(async (request) => {
  const allowed = allowedMethods(routes, request.event.rawPath);
  throw allowed.length > 0 ? methodNotAllowed(allowed) : notFound('没有这个接口。请查看 /api/openapi.json。');
});
