/**
 * GET /api/counter/figures — the counter's figures of a scope and a day or month
 * (domain/counter/figures.ts): the period's tickets read day by day from the day index, counted in
 * the function. The scope rules are the case figures' (http/figures/support.ts).
 */
import { tableName } from '../../../config/env.ts';
import { civilDateAt } from '../../../domain/calendar/instant.ts';
import { counterFigureDefinitions, counterFigures, daysToRead } from '../../../domain/counter/figures.ts';
import { type Period, parsePeriod } from '../../../domain/figures/periods.ts';
import { ticketsOfDays } from '../../../store/counter/tickets.ts';
import { readableScopeOf, scopeHeading } from '../../figures/support.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { settings } from '../support.ts';

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const query = request.query as { scope?: string; period: string };
  const { scope, readable } = readableScopeOf(actor, query.scope);
  const period = parsePeriod(query.period) as Period;
  const now = new Date();
  const tickets = await ticketsOfDays(tableName(), daysToRead(period.from, period.to, civilDateAt(now)));
  return {
    status: 200,
    body: {
      ...scopeHeading(scope, now),
      period,
      ...counterFigures({ tickets, scope: readable, settings }),
      definitions: counterFigureDefinitions,
    },
  };
});
