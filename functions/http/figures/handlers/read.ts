/**
 * GET /api/figures — the case figures of a scope and period, with 环比 and 同比
 * (domain/figures), each period read through period-figures.ts.
 */
import { figureSettings } from '../../../config/figures.ts';
import {
  type Period,
  parsePeriod,
  previousPeriod,
  yearBeforePeriod,
} from '../../../domain/figures/periods.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { periodFigures } from '../period-figures.ts';
import { overdueCounted, readableScopeOf, scopeHeading } from '../support.ts';

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
  return {
    status: 200,
    body: {
      ...scopeHeading(scope, now),
      settings: { ...settings },
      current,
      previous: overdueCounted(previous),
      yearBefore: overdueCounted(yearBefore),
    },
  };
});
