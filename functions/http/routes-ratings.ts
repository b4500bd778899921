/** Ratings (好差评, domain.md §8) and the rectification of bad ratings: their routes in the one route table (routes.ts spreads them in). */
import type { RouteDefinition } from './route-definition.ts';

export const ratingRoutes: RouteDefinition[] = [];
