/** Complaints (投诉, domain.md §7): their routes in the one route table (routes.ts spreads them in). */
import type { RouteDefinition } from './route-definition.ts';

export const complaintRoutes: RouteDefinition[] = [];
