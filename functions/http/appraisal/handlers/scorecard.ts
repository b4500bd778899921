/**
 * GET /api/public/scorecard — the published scorecard of a month (one item read). Public and
 * frozen once published, so it may be cached: an hour once out, a minute while not yet.
 */
import { centreConfig } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { loadScorecard } from '../../../store/appraisal/awards.ts';
import { HttpProblem } from '../../problems.ts';
import { problemTypeBase } from '../../refusals.ts';
import { httpHandler } from '../http-handler.ts';

export const scorecardCacheControl = 'public, max-age=3600';
export const unpublishedCacheControl = 'public, max-age=60';

export const handler = httpHandler(async (request) => {
  const { period } = request.query as { period: string };
  const scorecard = await loadScorecard(tableName(), centreConfig.code, period);
  if (!scorecard) {
    throw new HttpProblem(
      {
        type: `${problemTypeBase}/scorecard-not-published`,
        title: '考核结果尚未公布',
        status: 404,
        detail: `${period} 的考核结果尚未公布：月末结束、服务之星和红旗窗口全部确认后公布。`,
      },
      { 'cache-control': unpublishedCacheControl },
    );
  }
  return { status: 200, headers: { 'cache-control': scorecardCacheControl }, body: scorecard };
});
