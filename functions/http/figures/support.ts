/**
 * What the figure handlers share: the problem for a scope above the caller's role. Not a route.
 */
import { type FigureScope, scopeLabel } from '../../domain/figures/scopes.ts';
import { HttpProblem } from '../problems.ts';

export function scopeForbidden(scope: FigureScope): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/forbidden',
    title: '无权查看该范围的统计',
    status: 403,
    detail: `不能查看“${scopeLabel(scope)}”的统计：窗口工作人员只能查看本人的统计，首席代表可以查看本部门及其窗口、工作人员的统计，分管领导、电子监察和系统管理员可以查看全中心的统计。`,
  });
}
