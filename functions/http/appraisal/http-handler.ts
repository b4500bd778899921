/** The HTTP wrapper for this area's handlers, with its own routes only (not the whole route table). */
import { areaHttpHandler } from '../handler.ts';
import { appraisalRoutes } from './routes.ts';

export const httpHandler = areaHttpHandler(appraisalRoutes);
