/**
 * POST /api/public/progress — the applicant's progress lookup (办件进度查询) with the case number and
 * the query code from the receipt (in the body, so neither appears in a URL or an access log).
 *
 * Guards, before anything is read: a rate limit per client (its address kept only as a keyed
 * hash), a rate limit per case number, and a lock after repeated wrong codes. An unknown number
 * is counted and locked exactly like a known one with a wrong code, and both get the same answer
 * (status and body), so the lookup does not tell which case numbers exist. The answer holds only
 * what domain.md §9 allows (views.ts `publicProgress`). A bundle number (一件事, `YJ…`) answers with
 * the bundle and each part (http/bundles/progress.ts), behind the same guards.
 */

import { centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { isBundleNo } from '../../../domain/bundles/bundle-number.ts';
import { normalizeQueryCode } from '../../../domain/cases/case-number.ts';
import { publicProgress } from '../../../domain/cases/views.ts';
import { loadCase } from '../../../store/cases/cases.ts';
import { personalDataCipher, sameDigest } from '../../../store/personal-data/cipher.ts';
import {
  countCase,
  countClient,
  type GuardVerdict,
  recordFailure,
} from '../../../store/public-lookup-guard.ts';
import { bundleProgress } from '../../bundles/progress.ts';
import { logger } from '../../observability.ts';
import { HttpProblem } from '../../problems.ts';
import { clientAddress, lookupRefused } from '../../public-lookup.ts';
import { collectionPlace } from '../collection-place.ts';
import { httpHandler } from '../public-http-handler.ts';

const typeBase = 'https://yichuang.dev/problems';

/** The one answer for an unknown number and a wrong code. */
export const lookupNotFound = {
  type: `${typeBase}/progress-not-found`,
  title: '未查询到办件',
  status: 404,
  detail: '受理编号或查询码不正确，请核对受理凭证。多次输入错误将暂时锁定该编号的查询。',
} as const;

const progressRefused = (verdict: Exclude<GuardVerdict, { ok: true }>) =>
  lookupRefused(
    verdict,
    '查询过于频繁，请稍后再试。',
    '该受理编号的查询码输入错误次数过多，查询已暂时锁定。请稍后再试，或携带受理凭证到窗口咨询。',
  );

/** A salt for the digest computed when there is no case, so both paths do the same work. */
const decoySalt = 'decoy-salt-for-unknown-case-numbers';

export const handler = httpHandler(async (request) => {
  const body = request.body as { caseNo: string; queryCode: string };
  const caseNo = body.caseNo.trim().toUpperCase();
  const nowMs = Date.now();
  const table = tableName();
  const cipher = await personalDataCipher();
  const client = await cipher.digest('client', clientAddress(request.event));
  const byClient = await countClient(table, client, nowMs);
  if (!byClient.ok) {
    logger.warn('Progress lookup refused', { reason: byClient.reason });
    throw progressRefused(byClient);
  }
  const byCase = await countCase(table, caseNo, nowMs);
  if (!byCase.ok) {
    logger.warn('Progress lookup refused', { caseNo, reason: byCase.reason });
    throw progressRefused(byCase);
  }
  if (isBundleNo(caseNo)) {
    // 一件事: the bundle and each part, behind the very same guards and the same one 404.
    const progress = await bundleProgress(table, caseNo, body.queryCode, cipher);
    if (!progress) {
      await recordFailure(table, caseNo, nowMs, byCase.failures);
      logger.info('Progress lookup failed', { caseNo, failures: byCase.failures + 1 });
      throw new HttpProblem(lookupNotFound);
    }
    logger.info('Progress lookup', { caseNo, status: progress.status });
    return { status: 200, body: progress };
  }
  const stored = await loadCase(table, caseNo);
  const digest = await cipher.digest(
    'query-code',
    `${stored?.queryCodeSalt ?? decoySalt}:${normalizeQueryCode(body.queryCode)}`,
  );
  if (!stored || !sameDigest(digest, stored.queryCodeHash)) {
    await recordFailure(table, caseNo, nowMs, byCase.failures);
    logger.info('Progress lookup failed', { caseNo, failures: byCase.failures + 1 });
    throw new HttpProblem(lookupNotFound);
  }
  logger.info('Progress lookup', { caseNo, status: stored.state.status });
  return {
    status: 200,
    body: publicProgress(
      stored.state,
      new Date(nowMs),
      centreClocks(),
      collectionPlace(stored.state.item.code),
    ),
  };
});
