/** The HTTP wrapper of the public progress lookup, with its own route only (see public-routes.ts). */
import { areaHttpHandler } from '../handler.ts';
import { publicCaseRoutes } from './public-routes.ts';

export const httpHandler = areaHttpHandler(publicCaseRoutes);
