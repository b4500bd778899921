/**
 * The one route table, assembled from the areas' route lists. The CDK HTTP API, the local HTTP
 * adapter, the OpenAPI document and the tests all read it; nothing else declares a route. An area
 * keeps its routes, schemas and handlers in `functions/http/<area>/`; a new area adds its list here.
 */
import { appraisalRoutes } from './appraisal/routes.ts';
import { bundleRoutes } from './bundles/routes.ts';
import { caseRoutes } from './cases/routes.ts';
import { complaintRoutes } from './complaints/routes.ts';
import { counterRoutes } from './counter/routes.ts';
import { figureRoutes } from './figures/routes.ts';
import { messageRoutes } from './messages/routes.ts';
import { catchAllRoute, metaRoutes } from './meta/routes.ts';
import { ratingRoutes } from './ratings/routes.ts';
import { type RouteDefinition, routeKey } from './route-definition.ts';
import { supervisionRoutes } from './supervision/routes.ts';

export { publicMetaPaths } from './meta/routes.ts';
export type {
  HttpMethod,
  RouteAccess,
  RouteDefinition,
  RouteHeader,
  RouteResponse,
} from './route-definition.ts';
export { routeKey } from './route-definition.ts';

export const routes: readonly RouteDefinition[] = [
  ...metaRoutes,
  ...supervisionRoutes,
  ...caseRoutes,
  ...bundleRoutes,
  ...complaintRoutes,
  ...ratingRoutes,
  ...counterRoutes,
  ...messageRoutes,
  ...figureRoutes,
  ...appraisalRoutes,
  catchAllRoute,
];

export function findRouteByKey(key: string): RouteDefinition | undefined {
  return routes.find((route) => routeKey(route) === key);
}

export function isPublic(route: RouteDefinition): boolean {
  return route.access === 'public';
}
