/**
 * Matching a method and path against the route table the way API Gateway HTTP APIs do: the most
 * specific path wins, a greedy `{proxy+}` last, and a method route before `ANY`.
 */
import type { RouteDefinition } from './routes.ts';

export interface RouteMatch {
  route: RouteDefinition;
  pathParameters: Record<string, string>;
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const templateParts = template.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  const parameters: Record<string, string> = {};
  for (const [index, part] of templateParts.entries()) {
    const greedy = /^\{(\w+)\+\}$/.exec(part);
    if (greedy) {
      if (index >= pathParts.length) return undefined;
      parameters[greedy[1] as string] = pathParts.slice(index).map(decodeURIComponent).join('/');
      return parameters;
    }
    const value = pathParts[index];
    if (value === undefined) return undefined;
    const variable = /^\{(\w+)\}$/.exec(part);
    if (variable) parameters[variable[1] as string] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return templateParts.length === pathParts.length ? parameters : undefined;
}

function specificity(route: RouteDefinition): number[] {
  const parts = route.path.split('/').filter(Boolean);
  const greedy = parts.some((part) => part.endsWith('+}')) ? 1 : 0;
  const variables = parts.filter((part) => part.startsWith('{')).length;
  return [greedy, variables, route.method === 'ANY' ? 1 : 0];
}

function compare(a: number[], b: number[]): number {
  for (const [index, value] of a.entries()) {
    const difference = value - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function matchRoute(
  table: readonly RouteDefinition[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const candidates: RouteMatch[] = [];
  for (const route of table) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    const pathParameters = matchPath(route.path, path);
    if (pathParameters) candidates.push({ route, pathParameters });
  }
  candidates.sort((a, b) => compare(specificity(a.route), specificity(b.route)));
  return candidates[0];
}

/** Methods that some exact (non-greedy) route accepts for this path: the Allow header of a 405. */
export function allowedMethods(table: readonly RouteDefinition[], path: string): string[] {
  return table
    .filter((route) => !route.path.includes('+}') && route.method !== 'ANY' && matchPath(route.path, path))
    .map((route) => route.method);
}
