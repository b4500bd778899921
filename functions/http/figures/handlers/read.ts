/**
 * GET /api/figures — the case figures of a scope and period, with 环比 and 同比
 * (domain/figures), each period read through period-figures.ts.
 */
import { figureSettings } from '../../../config/figures.ts';
import { normalizeInstant } from '../../../domain/calendar/instant.ts';
import {
  type Period,
  parsePeriod,
  previousPeriod,
  yearBeforePeriod,
} from '../../../domain/figures/periods.ts';
import { formatScope, scopeLabel } from '../../../domain/figures/scopes.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { periodFigures } from '../period-figures.ts';
import { readableScopeOf } from '../support.ts';

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const query = request.query as { scope?: string; period: string };
  const { scope, readable } = readableScopeOf(actor, query.scope);
  const period = parsePeriod(query.period) as Period;
  const now = new Date();
  const settings = figureSettings();
  const figuresOf = (of: Period) => periodFigures(readable, of, now);
  const [current, previous, yearBefore] = await Promise.all([
    figuresOf(period),
    figuresOf(previousPeriod(period)),
    figuresOf(yearBeforePeriod(period)),
  ]);
  const countOnly = (figures: typeof current) => ({ ...figures, overdue: { count: figures.overdue.count } });
  return {
    status: 200,
    body: {
      scope: formatScope(scope),
      scopeLabel: scopeLabel(scope),
      asOf: normalizeInstant(now),
      settings: { ...settings },
      current,
      previous: countOnly(previous),
      yearBefore: countOnly(yearBefore),
    },
  };
});
