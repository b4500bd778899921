/**
 * GET /api/appraisal — a month's scores, ranking, proposals and confirmed awards
 * (domain/appraisal), the month read through month.ts. Publishes the month's scorecard if its last
 * award was confirmed but the publication did not get written (a crash between the two writes).
 */
import { appraisalRule } from '../../../config/appraisal.ts';
import { centreConfig } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { monthClosed, proposals } from '../../../domain/appraisal/awards.ts';
import { appraise } from '../../../domain/appraisal/score.ts';
import { normalizeInstant } from '../../../domain/calendar/instant.ts';
import { type Period, parsePeriod } from '../../../domain/figures/periods.ts';
import { loadMonthAwards } from '../../../store/appraisal/awards.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { publishIfComplete, readMonth } from '../month.ts';
import { appraisalView } from '../support.ts';

// On the cold start: a bad rule stops the function here, naming the key.
const rule = appraisalRule();

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const period = parsePeriod((request.query as { period: string }).period) as Period;
  const now = new Date();
  const [reading, month] = await Promise.all([
    readMonth(period, now),
    loadMonthAwards(tableName(), centreConfig.code, period.key),
  ]);
  const appraisal = appraise(reading.history, rule);
  const published = await publishIfComplete(period, reading, month.awards, month.published, now);
  return {
    status: 200,
    body: {
      period,
      asOf: normalizeInstant(now),
      published,
      ...appraisalView(actor, {
        appraisal,
        proposals: proposals(appraisal, rule),
        awards: month.awards,
        closed: monthClosed(period, now),
      }),
    },
  };
});
