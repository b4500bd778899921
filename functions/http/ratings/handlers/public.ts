/**
 * The rater's two routes, with the link from the delivery receipt (case number + token, in the
 * body so neither reaches a URL log):
 *
 * - POST /api/public/ratings/lookup — the item, the window, the day; once rated, the rating; once
 *   told, what was done about a bad one.
 * - POST /api/public/ratings — the rating: one conditional write (`attribute_not_exists(ratedAt)`),
 *   so a reused link or two browsers at once give exactly one rating; the others get 409.
 *
 * Both are rate-limited per client (the progress lookup's guard). A forged token and an unknown
 * case get the same 404. Staff may not rate for the public: a submission carrying an Authorization
 * header is refused (403) before anything else. Nothing identifying the rater is stored or logged.
 */

import { centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { recordRating } from '../../../domain/ratings/decide.ts';
import type { RatingInput } from '../../../domain/ratings/types.ts';
import { publicRatingView } from '../../../domain/ratings/views.ts';
import { personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { countClient } from '../../../store/public-lookup-guard.ts';
import { isRatingToken, RatingConflictError, saveRating } from '../../../store/ratings/ratings.ts';
import { logger } from '../../observability.ts';
import { conflict, HttpProblem } from '../../problems.ts';
import { clientAddress, lookupRefused } from '../../public-lookup.ts';
import { httpHandler } from '../http-handler.ts';

import { ratingLinkNotFound, ratingOfDeliveredCase, ratingSettings, toRatingProblem } from '../support.ts';

const typeBase = 'https://yichuang.dev/problems';

const staffMayNotRate = {
  type: `${typeBase}/staff-may-not-rate`,
  title: '工作人员不得代为评价',
  status: 403,
  detail: '工作人员不得代为评价：评价由办事群众自愿提交，请勿在工作人员登录状态下提交。',
} as const;

export const handler = httpHandler(async (request) => {
  const submitting = request.route.id === 'submitRating';
  if (submitting && request.event.headers?.authorization) throw new HttpProblem(staffMayNotRate);
  const body = request.body as { caseNo: string; token: string } & RatingInput;
  const caseNo = body.caseNo.trim().toUpperCase();
  const nowMs = Date.now();
  const table = tableName();
  const cipher = await personalDataCipher();
  const byClient = await countClient(
    table,
    await cipher.digest('client', clientAddress(request.event)),
    nowMs,
  );
  if (!byClient.ok) {
    throw lookupRefused(byClient, '请求过于频繁，请稍后再试。');
  }
  const valid = await isRatingToken(cipher, caseNo, body.token.trim());
  let stored = valid ? await ratingOfDeliveredCase(table, caseNo) : undefined;
  if (!stored) {
    logger.info('Rating link refused', { caseNo, route: request.route.id });
    throw new HttpProblem(ratingLinkNotFound);
  }
  if (!submitting) return { status: 200, body: publicRatingView(stored.state) };

  const input: RatingInput = {
    overall: body.overall,
    ...(body.efficiency === undefined ? {} : { efficiency: body.efficiency }),
    ...(body.serviceLevel === undefined ? {} : { serviceLevel: body.serviceLevel }),
    ...(body.attitude === undefined ? {} : { attitude: body.attitude }),
    ...(body.comment === undefined ? {} : { comment: body.comment }),
  };
  const ctx = centreClocks();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const now = new Date();
    try {
      const decision = recordRating(stored.state, input, now, ratingSettings());
      await saveRating(table, decision.state, now, ctx, { firstRating: true });
      logger.info('Rating recorded', {
        caseNo,
        overall: input.overall,
        rectification: decision.state.rectification !== undefined,
      });
      return { status: 201, body: publicRatingView(decision.state) };
    } catch (error) {
      // Rated meanwhile (another browser won the conditional write): 409, nothing changed.
      if (!(error instanceof RatingConflictError) || error.alreadyRated) throw toRatingProblem(error);
      // The item changed between the read and the write without being rated: read again and retry.
      stored = await ratingOfDeliveredCase(table, caseNo);
      if (!stored) throw new HttpProblem(ratingLinkNotFound);
    }
  }
  throw conflict('评价提交时记录正在更新，请稍后重试。');
});
