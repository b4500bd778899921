/**
 * GET /api/figures/cases — the cases behind one number of the figures (drill-down): the period's
 * cases a page at a time from the month index (store/figures periodCasesPage, the same cases the
 * figures are counted from), each kept when it counts in the figure by the one test the counts use
 * (domain/figures countsIn). A page reads at most `limit` index items, so a month of any size is
 * listed without holding it.
 */
import { centreClocks, centreConfig } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { figureSettings } from '../../../config/figures.ts';
import { caseListLabel } from '../../../domain/figures/definitions.ts';
import { type CaseListFigure, casesBehind } from '../../../domain/figures/figures.ts';
import { type Period, parsePeriod } from '../../../domain/figures/periods.ts';
import { InvalidPeriodCursorError, periodCasesPage } from '../../../store/figures/figures.ts';
import { invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { readableScopeOf, scopeHeading } from '../support.ts';

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const query = request.query as {
    scope?: string;
    period: string;
    figure: CaseListFigure;
    cursor?: string;
    limit?: string;
  };
  const { scope, readable } = readableScopeOf(actor, query.scope);
  const period = parsePeriod(query.period) as Period;
  let page: Awaited<ReturnType<typeof periodCasesPage>>;
  try {
    page = await periodCasesPage(
      tableName(),
      centreConfig.code,
      period,
      'touched',
      query.limit === undefined ? 500 : Number(query.limit),
      query.cursor,
    );
  } catch (error) {
    if (!(error instanceof InvalidPeriodCursorError)) throw error;
    throw invalidRequest([
      { field: 'query.cursor', rule: 'cursor', message: '翻页标记无效：它不属于这个统计期。' },
    ]);
  }
  const cases = casesBehind({
    states: page.states,
    scope: readable,
    period,
    clocks: centreClocks(),
    settings: figureSettings(),
    figure: query.figure,
  });
  return {
    status: 200,
    body: {
      ...scopeHeading(scope, new Date()),
      figure: query.figure,
      label: caseListLabel(query.figure),
      period,
      cases,
      nextCursor: page.nextCursor,
    },
  };
});
