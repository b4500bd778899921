/**
 * The public complaint routes (投诉), one function:
 * - POST /api/public/complaints — the web form; a per-client rate limit (its own bucket, the
 *   address kept only as a keyed hash) before anything is drawn or stored; the attachments it
 *   names are checked by content and cleaned before the complaint is filed with them;
 * - POST /api/public/complaints/attachments — upload slots (presigned POSTs under `pending/`),
 *   rate-limited in a bucket of their own;
 * - POST /api/public/complaints/lookup — number + query code, guarded exactly like the progress
 *   lookup (per client, per number, lock after wrong codes; unknown and wrong get the same 404);
 * - POST /api/public/complaints/feedback — the same check, then satisfied / dissatisfied with the
 *   latest answer.
 */

import { tableName } from '../../../config/env.ts';
import { normalizeQueryCode } from '../../../domain/cases/case-number.ts';
import {
  complainantActor,
  complaintPublicView,
  decideComplaint,
  refuseSlotRequest,
} from '../../../domain/complaints/index.ts';
import { loadComplaint, saveComplaint } from '../../../store/complaints/complaints.ts';
import { personalDataCipher, sameDigest } from '../../../store/personal-data/cipher.ts';
import {
  countCase,
  countClient,
  type GuardVerdict,
  recordFailure,
} from '../../../store/public-lookup-guard.ts';
import { logger } from '../../observability.ts';
import { HttpProblem, invalidRequest } from '../../problems.ts';
import { clientAddress, lookupRefused } from '../../public-lookup.ts';
import { grantUploadSlots, verifyAttachments } from '../attachments.ts';
import { fileComplaint, filingFieldErrors } from '../filing.ts';
import { httpHandler } from '../http-handler.ts';
import type { AttachmentSlotsBody, PublicComplaintBody } from '../schemas.ts';
import { complaintContext, withComplaintErrors } from '../support.ts';

const typeBase = 'https://yichuang.dev/problems';

const refused = (verdict: Exclude<GuardVerdict, { ok: true }>) =>
  lookupRefused(
    verdict,
    '请求过于频繁，请稍后再试。',
    '该投诉编号的查询码输入错误次数过多，查询已暂时锁定。请稍后再试。',
  );

/** The one answer for an unknown number and a wrong code. */
export const complaintLookupNotFound = {
  type: `${typeBase}/complaint-not-found`,
  title: '未查询到投诉',
  status: 404,
  detail: '投诉编号或查询码不正确，请核对。多次输入错误将暂时锁定该编号的查询。',
} as const;

/** A salt for the digest computed when there is no complaint, so both paths do the same work. */
const decoySalt = 'decoy-salt-for-unknown-complaint-numbers';

/** One more request from this client in `bucket`; refused (429) past the limit. */
async function countClientIn(bucket: string, request: Parameters<Parameters<typeof httpHandler>[0]>[0]) {
  const cipher = await personalDataCipher();
  const client = await cipher.digest(bucket, clientAddress(request.event));
  const verdict = await countClient(tableName(), client, Date.now());
  if (!verdict.ok) {
    logger.warn('Complaint request refused', { bucket, reason: verdict.reason });
    throw refused(verdict);
  }
}

async function guardedLoad(request: Parameters<Parameters<typeof httpHandler>[0]>[0]) {
  const body = request.body as { complaintNo: string; queryCode: string };
  const complaintNo = body.complaintNo.trim().toUpperCase();
  const nowMs = Date.now();
  const table = tableName();
  const cipher = await personalDataCipher();
  const byClient = await countClient(
    table,
    await cipher.digest('client', clientAddress(request.event)),
    nowMs,
  );
  if (!byClient.ok) throw refused(byClient);
  const byNumber = await countCase(table, complaintNo, nowMs);
  if (!byNumber.ok) {
    logger.warn('Complaint lookup refused', { complaintNo, reason: byNumber.reason });
    throw refused(byNumber);
  }
  const stored = await loadComplaint(table, complaintNo);
  const digest = await cipher.digest(
    'query-code',
    `${stored?.queryCodeSalt ?? decoySalt}:${normalizeQueryCode(body.queryCode)}`,
  );
  if (!stored || !sameDigest(digest, stored.queryCodeHash)) {
    await recordFailure(table, complaintNo, nowMs, byNumber.failures);
    logger.info('Complaint lookup failed', { complaintNo, failures: byNumber.failures + 1 });
    throw new HttpProblem(complaintLookupNotFound);
  }
  return stored;
}

export const handler = httpHandler(
  withComplaintErrors(async (request) => {
    const ctx = complaintContext();
    switch (request.route.id) {
      case 'fileComplaint': {
        const body = request.body as PublicComplaintBody;
        const input = {
          channel: 'web' as const,
          category: body.category,
          facts: body.facts,
          complainant: body.complainant,
          respondent: body.respondent,
        };
        const errors = filingFieldErrors(input);
        if (errors.length > 0) throw invalidRequest(errors);
        // Its own bucket: filing does not eat into the lookups of the same address, nor they into it.
        await countClientIn('complaint-client', request);
        const filed = await fileComplaint({
          ...input,
          ...(body.attachments?.length ? { attachments: await verifyAttachments(body.attachments) } : {}),
        });
        return {
          status: 201,
          body: {
            complaintNo: filed.state.complaintNo,
            queryCode: filed.queryCode,
            acknowledgedBy: filed.acknowledgedBy,
          },
        };
      }
      case 'requestAttachmentSlots': {
        const { files } = request.body as AttachmentSlotsBody;
        const refusals = refuseSlotRequest(files);
        if (refusals.length > 0) {
          throw invalidRequest(
            refusals.map((refusal) => ({
              field:
                refusal.index === null
                  ? 'body.files'
                  : `body.files.${refusal.index}.${refusal.rule === 'type' ? 'type' : 'size'}`,
              rule: refusal.rule,
              message: refusal.message,
            })),
          );
        }
        await countClientIn('attachment-client', request);
        const granted = await grantUploadSlots(files);
        logger.info('Attachment slots granted', { count: granted.slots.length });
        return { status: 201, body: granted };
      }
      case 'lookupComplaint': {
        const stored = await guardedLoad(request);
        logger.info('Complaint lookup', {
          complaintNo: stored.state.complaintNo,
          status: stored.state.status,
        });
        return { status: 200, body: complaintPublicView(stored.state, ctx.clocks) };
      }
      case 'giveComplaintFeedback': {
        const stored = await guardedLoad(request);
        const { satisfied, comment } = request.body as { satisfied: boolean; comment?: string };
        const now = new Date();
        const decision = decideComplaint(
          stored.state,
          { type: 'feedback', satisfied, ...(comment ? { comment } : {}) },
          complainantActor,
          now,
          ctx,
        );
        await saveComplaint(tableName(), decision.state, now);
        logger.info('Complaint feedback', { complaintNo: stored.state.complaintNo, satisfied });
        return { status: 200, body: complaintPublicView(decision.state, ctx.clocks) };
      }
      default:
        throw new Error(`Route ${request.route.id} is not a public complaint route.`);
    }
  }),
);
