/**
 * The rater's two routes, with the link from the delivery receipt (case number + token, in the
 * body so neither reaches a URL log):
 *
 * - POST /api/public/ratings/lookup — the item, the window, the day; once rated, the rating; once
 *   told, what was done about a bad one.
 * - POST /api/public/ratings — the rating: one conditional write (`attribute_not_exists(ratedAt)`),
 *   so a reused link or two browsers at once give exactly one rating; the others get 409. With
 *   `asComplaint`, a bad rating is also filed as an anonymous complaint: its number is drawn first,
 *   the whole complaint rides on the rating's write, and its own put follows
 *   (functions/http/complaints/from-rating.ts says why that is exactly once and crash-safe).
 *
 * Both are rate-limited per client (the progress lookup's guard). A forged token and an unknown
 * case get the same 404. Staff may not rate for the public: a submission carrying an Authorization
 * header is refused (403) before anything else. Nothing identifying the rater is stored or logged.
 */

import { centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { recordRating } from '../../../domain/ratings/decide.ts';
import { isBad, type RatingInput } from '../../../domain/ratings/types.ts';
import { publicRatingView } from '../../../domain/ratings/views.ts';
import { personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { countClient } from '../../../store/public-lookup-guard.ts';
import { isRatingToken, RatingConflictError, ratingKey, saveRating } from '../../../store/ratings/ratings.ts';
import { nextComplaintNo } from '../../complaints/filing.ts';
import { type PreparedComplaint, prepareRatingComplaint } from '../../complaints/from-rating.ts';
import { keepFigures } from '../../figures/keep.ts';
import { logger } from '../../observability.ts';
import { conflict, HttpProblem, invalidRequest } from '../../problems.ts';
import { clientAddress, lookupRefused } from '../../public-lookup.ts';
import { httpHandler } from '../http-handler.ts';
import {
  alreadyRated,
  filePendingComplaint,
  ratingLinkNotFound,
  ratingOfVisit,
  ratingSettings,
  toRatingProblem,
} from '../support.ts';

interface SubmitBody extends RatingInput {
  caseNo: string;
  token: string;
  asComplaint?: boolean;
  complaintFacts?: string;
}

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
  const body = request.body as SubmitBody;
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
  let stored = valid ? await ratingOfVisit(table, caseNo) : undefined;
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
  const asComplaint = body.asComplaint === true;
  if (asComplaint && !isBad(input.overall)) {
    throw invalidRequest([
      {
        field: 'body.asComplaint',
        rule: 'bad_rating_only',
        message: '只有“不满意”或“非常不满意”的评价可以同时作为投诉提交。',
      },
    ]);
  }
  if (!asComplaint && body.complaintFacts) {
    throw invalidRequest([
      {
        field: 'body.complaintFacts',
        rule: 'with_complaint_only',
        message: '投诉内容只随“同时作为投诉提交”提交。',
      },
    ]);
  }
  // Rated already (a retry, another browser): nothing is drawn or written; 409.
  if (stored.state.rating) throw new HttpProblem(alreadyRated);
  const ctx = centreClocks();
  let complaintNo: string | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const now = new Date();
    try {
      // Drawn once, before the rating's write: a lost race skips one serial, never files twice.
      if (asComplaint) complaintNo ??= await nextComplaintNo(table, now);
      const decision = recordRating(stored.state, input, now, ratingSettings(), {
        ...(complaintNo ? { complaintNo } : {}),
      });
      const prepared: PreparedComplaint | undefined = complaintNo
        ? await prepareRatingComplaint(decision.state, body.complaintFacts)
        : undefined;
      await saveRating(table, decision.state, now, ctx, {
        firstRating: true,
        ...(prepared ? { pendingComplaint: prepared.stored } : {}),
      });
      await keepFigures(ratingKey(caseNo));
      logger.info('Rating recorded', {
        caseNo,
        overall: input.overall,
        rectification: decision.state.rectification !== undefined,
        ...(complaintNo ? { complaintNo } : {}),
      });
      if (!prepared) return { status: 201, body: publicRatingView(decision.state) };
      try {
        await filePendingComplaint(table, caseNo, prepared.stored);
      } catch (error) {
        // The complaint is recorded on the rating: the next read of the rating files it.
        logger.warn('Complaint of a bad rating left pending', { caseNo, complaintNo, error: error as Error });
      }
      return {
        status: 201,
        body: {
          ...publicRatingView(decision.state),
          complaintReceipt: {
            complaintNo: prepared.stored.state.complaintNo,
            queryCode: prepared.queryCode,
            acknowledgedBy: prepared.acknowledgedBy,
          },
        },
      };
    } catch (error) {
      // Rated meanwhile (another browser won the conditional write): 409, nothing changed.
      if (!(error instanceof RatingConflictError) || error.alreadyRated) throw toRatingProblem(error);
      // The item changed between the read and the write without being rated: read again and retry.
      stored = await ratingOfVisit(table, caseNo);
      if (!stored) throw new HttpProblem(ratingLinkNotFound);
    }
  }
  throw conflict('评价提交时记录正在更新，请稍后重试。');
});
