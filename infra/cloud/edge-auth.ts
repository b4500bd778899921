/**
 * Our 401 problem document in the cloud, as far as CloudFront allows.
 *
 * The HTTP API's JWT authorizer answers 401 `{"message":"Unauthorized"}` and HTTP APIs cannot
 * customise it; CloudFront cannot map 401 either (custom error responses exist only for 400, 403,
 * 404, 405, 414, 416 and 5xx), and viewer-response functions never see responses ≥ 400. What a
 * CloudFront Function *can* do is answer before the API is asked: on `/api/*`, a request without
 * an `Authorization: Bearer …` header whose route (chosen as API Gateway and the local runtime
 * choose it: functions/http/route-match.ts) is not public gets the problem document at the edge,
 * exactly as the local runtime answers it. A token that is present but invalid or expired still
 * reaches the authorizer and gets its plain `{"message":"Unauthorized"}`: clients must treat any
 * 401 as "sign in again", whatever its body.
 */
import type { RouteDefinition } from '../../functions/http/routes.ts';

/** CloudFront Functions' code size limit. */
export const functionCodeMaxBytes = 10_240;

/** The route table reduced to what the edge needs: method, path segments, whether it is public. */
export function edgeRouteTable(routes: readonly RouteDefinition[]): [string, string[], 0 | 1][] {
  return routes.map((route) => [
    route.method,
    route.path.split('/').filter(Boolean),
    route.access === 'public' ? 1 : 0,
  ]);
}

/**
 * The viewer-request function, plain ES5 so it runs on any CloudFront Functions runtime. Its route
 * choice is the one of route-match.ts: literal segments before `{variables}` before a greedy
 * `{proxy+}`, a method route before ANY; no match is API Gateway's own 404, left to the API.
 */
export function edgeAuthFunctionCode(
  routes: readonly RouteDefinition[],
  problem: { readonly status: number },
  contentType: string,
): string {
  const body = Buffer.from(JSON.stringify(problem), 'utf8').toString('base64');
  return `var ROUTES = ${JSON.stringify(edgeRouteTable(routes))};
var BODY = '${body}';

function matches(segments, parts) {
  for (var i = 0; i < segments.length; i++) {
    var segment = segments[i];
    if (segment.charAt(0) === '{' && segment.slice(-2) === '+}') return i < parts.length;
    if (i >= parts.length) return false;
    if (segment.charAt(0) !== '{' && segment !== parts[i]) return false;
  }
  return segments.length === parts.length;
}

function rank(route) {
  var greedy = 0;
  var variables = 0;
  for (var i = 0; i < route[1].length; i++) {
    if (route[1][i].charAt(0) === '{') variables++;
    if (route[1][i].slice(-2) === '+}') greedy = 1;
  }
  return [greedy, variables, route[0] === 'ANY' ? 1 : 0];
}

function before(a, b) {
  for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

function selected(method, uri) {
  var parts = uri.split('/').filter(function (part) { return part.length > 0; });
  var best = null;
  var bestRank = null;
  for (var i = 0; i < ROUTES.length; i++) {
    var route = ROUTES[i];
    if (route[0] !== 'ANY' && route[0] !== method) continue;
    if (!matches(route[1], parts)) continue;
    var routeRank = rank(route);
    if (best === null || before(routeRank, bestRank)) {
      best = route;
      bestRank = routeRank;
    }
  }
  return best;
}

function handler(event) {
  var request = event.request;
  var route = selected(request.method, request.uri);
  if (route === null || route[2] === 1) return request;
  var authorization = request.headers.authorization;
  if (authorization && /^Bearer\\s+\\S/i.test(authorization.value)) return request;
  return {
    statusCode: ${problem.status},
    statusDescription: 'Unauthorized',
    headers: {
      'content-type': { value: '${contentType}' },
      'cache-control': { value: 'no-store' }
    },
    body: { encoding: 'base64', data: BODY }
  };
}
`;
}
