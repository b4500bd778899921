/**
 * The figures behind the desk's charts, each period read through period-figures.ts:
 * - GET /api/figures/series — the months ending with `end` (default twelve), for the trend;
 * - GET /api/figures/windows — a period's figures side by side: the centre's departments, or a
 *   department's windows.
 * One request per chart, so the page does not send a dozen.
 */
import { generalWindowDepartments, generalWindowsOf } from '../../../config/centre.ts';
import { catalogueDepartment, catalogueDepartments } from '../../../domain/catalogue/item-lookup.ts';
import { windowCodesOf } from '../../../domain/complaints/windows.ts';
import { type Period, parsePeriod, previousPeriod } from '../../../domain/figures/periods.ts';
import { type FigureScope, formatScope, type ReadableScope } from '../../../domain/figures/scopes.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { periodFigures } from '../period-figures.ts';
import { overdueCounted, readableScopeOf, scopeHeading } from '../support.ts';

/**
 * The parts a scope is compared by: a department's windows, or the centre's departments — the
 * catalogue's, then those of the general windows (综合窗口), whose figures are their intake.
 */
function partsOf(scope: FigureScope): { scope: FigureScope; label: string }[] {
  if (scope.kind === 'department') {
    const department = catalogueDepartment(scope.code);
    return [...(department ? windowCodesOf(department) : []), ...generalWindowsOf(scope.code)].map(
      (code) => ({
        scope: { kind: 'window', code },
        label: `${code} 窗口`,
      }),
    );
  }
  return [
    ...catalogueDepartments().map((department) => ({
      scope: { kind: 'department', code: department.id } as FigureScope,
      label: department.shortName,
    })),
    ...generalWindowDepartments()
      .filter((department) => !catalogueDepartment(department.id))
      .map((department) => ({
        scope: { kind: 'department', code: department.id } as FigureScope,
        label: '综合窗口',
      })),
  ];
}

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const now = new Date();
  if (request.route.id === 'getFigureSeries') {
    const query = request.query as { scope?: string; end: string; months?: string };
    const { scope, readable } = readableScopeOf(actor, query.scope);
    const periods: Period[] = [parsePeriod(query.end) as Period];
    const count = query.months === undefined ? 12 : Number(query.months);
    while (periods.length < count) periods.unshift(previousPeriod(periods[0] as Period));
    const months = await Promise.all(periods.map((period) => periodFigures(readable, period, now)));
    return {
      status: 200,
      body: { ...scopeHeading(scope, now), months: months.map(overdueCounted) },
    };
  }
  const query = request.query as { scope?: string; period: string };
  const { scope, readable } = readableScopeOf(actor, query.scope);
  const period = parsePeriod(query.period) as Period;
  const rows = await Promise.all(
    partsOf(scope).map(async (part) => {
      // Within what the caller may read: a chief's windows are their department's.
      const partReadable: ReadableScope = { ...readable, scope: part.scope };
      return {
        scope: formatScope(part.scope),
        label: part.label,
        figures: overdueCounted(await periodFigures(partReadable, period, now)),
      };
    }),
  );
  return {
    status: 200,
    body: { ...scopeHeading(scope, now), period, rows },
  };
});
