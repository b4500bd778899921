/**
 * POST /api/appraisal/awards — the chief or the leader confirms one award of an ended month as
 * proposed, or chooses otherwise with a reason (domain/appraisal/awards.ts). One conditional put
 * records it; the loser of two confirmations at once gets 409. The month's last confirmation
 * publishes its scorecard.
 */
import { appraisalRule } from '../../../config/appraisal.ts';
import { centreConfig } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { type AwardChoice, confirmAward, proposals } from '../../../domain/appraisal/awards.ts';
import { AppraisalError } from '../../../domain/appraisal/errors.ts';
import { appraise } from '../../../domain/appraisal/score.ts';
import { type Period, parsePeriod } from '../../../domain/figures/periods.ts';
import { loadMonthAwards, saveAward } from '../../../store/appraisal/awards.ts';
import { logger } from '../../observability.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { publishIfComplete, readMonth } from '../month.ts';
import { appraisalProblem } from '../support.ts';

// On the cold start: a bad rule stops the function here, naming the key.
const rule = appraisalRule();

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const body = request.body as AwardChoice & { period: string };
  const period = parsePeriod(body.period) as Period;
  const now = new Date();
  const [reading, month] = await Promise.all([
    readMonth(period, now),
    loadMonthAwards(tableName(), centreConfig.code, period.key),
  ]);
  const appraisal = appraise(reading.history, rule);
  const decide = () =>
    confirmAward({
      period,
      proposals: proposals(appraisal, rule),
      choice: body,
      actor,
      now,
      confirmed: new Set(month.awards.map((award) => award.award)),
    });
  let record: ReturnType<typeof decide>;
  try {
    record = decide();
  } catch (error) {
    if (error instanceof AppraisalError) throw appraisalProblem(error);
    throw error;
  }
  if (!(await saveAward(tableName(), centreConfig.code, record))) {
    throw appraisalProblem(
      new AppraisalError(
        'already-confirmed',
        `${period.key} 的${record.label}刚刚已由他人确认，请重新读取。`,
      ),
    );
  }
  logger.info('Award confirmed', {
    period: period.key,
    award: record.award,
    overridden: record.overridden,
    username: actor.username,
  });
  await publishIfComplete(period, reading, [...month.awards, record], month.published, now);
  return { status: 201, body: record };
});
