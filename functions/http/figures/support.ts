/**
 * What the figure handlers share: the caller's scope, or the problem for one above their role.
 * Not a route.
 */
import { normalizeInstant } from '../../domain/calendar/instant.ts';
import type { Actor } from '../../domain/cases/types.ts';
import type { CaseFigures } from '../../domain/figures/figures.ts';
import {
  type FigureScope,
  formatScope,
  ownScope,
  parseScope,
  type ReadableScope,
  readableScope,
  scopeLabel,
} from '../../domain/figures/scopes.ts';
import { HttpProblem } from '../problems.ts';

export function scopeForbidden(scope: FigureScope): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/forbidden',
    title: '无权查看该范围的统计',
    status: 403,
    detail: `不能查看“${scopeLabel(scope)}”的统计：窗口工作人员只能查看本人的统计，首席代表可以查看本部门及其窗口、工作人员的统计，分管领导、电子监察和系统管理员可以查看全中心的统计。`,
  });
}

/** Whose figures: the scope asked for (default the caller's own), or 403 when it is above their role. */
export function readableScopeOf(
  actor: Actor,
  scopeText: string | undefined,
): { scope: FigureScope; readable: ReadableScope } {
  const scope: FigureScope =
    scopeText === undefined ? ownScope(actor) : (parseScope(scopeText) as FigureScope);
  const readable = readableScope(actor, scope);
  if (!readable) throw scopeForbidden(scope);
  return { scope, readable };
}

/** What every figures answer starts with: whose figures, and when they were counted. */
export function scopeHeading(scope: FigureScope, now: Date) {
  return { scope: formatScope(scope), scopeLabel: scopeLabel(scope), asOf: normalizeInstant(now) };
}

/** A period's figures with its overdue cases counted, not listed (环比, 同比, the trend, the comparison). */
export function overdueCounted(figures: CaseFigures) {
  return { ...figures, overdue: { count: figures.overdue.count } };
}
