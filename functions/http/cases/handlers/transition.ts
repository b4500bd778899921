/**
 * POST /api/cases/{caseNo}/<transition> — every transition of the life cycle, one route each, one
 * function for all (the route says which). Read the case, check the version the client decided on,
 * learn whether the handler is away (A/B post) when someone else acts, `decide()`, and write the
 * result with one conditional update. The loser of a race gets 409 with the current version.
 *
 * A revocation (a false commitment found by 事后核查) also records the applicant's broken
 * commitment, by the keyed hash of the ID number kept on the case: written first, and counted only
 * while the case is revoked (store/cases/commitment-bars.ts), so a lost race leaves no bar.
 */

import { centreAcceptancePaths, centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { type CaseCommand, type CaseCommandType, CaseError, decide } from '../../../domain/cases/index.ts';
import { staffView } from '../../../domain/cases/views.ts';
import { caseKey, loadCase, saveCase } from '../../../store/cases/cases.ts';
import { recordCommitmentBar } from '../../../store/cases/commitment-bars.ts';
import { isAway } from '../../../store/cases/post-rota.ts';
import { keepFigures } from '../../figures/keep.ts';
import { notifyResultReady } from '../../messages/queue.ts';
import { logger } from '../../observability.ts';
import { inviteRating } from '../../ratings/support.ts';
import { actorOf, etag } from '../../staff.ts';
import { collectionPlace } from '../collection-place.ts';
import { caseErrorProblem, caseNotFound, toHttpProblem, versionConflict } from '../errors.ts';
import { httpHandler } from '../http-handler.ts';
import { transitionRouteIds } from '../schemas.ts';

const commandByRoute = new Map<string, CaseCommandType>(
  Object.entries(transitionRouteIds).map(([type, id]) => [id, type as CaseCommandType]),
);

export const handler = httpHandler(async (request) => {
  const type = commandByRoute.get(request.route.id);
  if (!type) throw new Error(`Route ${request.route.id} is not a case transition.`);
  const { caseNo } = request.params as { caseNo: string };
  const { version, ...fields } = request.body as { version: number } & Record<string, unknown>;
  const actor = actorOf(request.principal);
  const table = tableName();
  const stored = await loadCase(table, caseNo);
  if (!stored) throw caseNotFound();
  const { state } = stored;
  const now = new Date();
  const ctx = centreClocks();
  const handlerAway =
    state.handler !== null && state.handler !== actor.username
      ? await isAway(table, state.window, state.handler)
      : false;
  let decision: ReturnType<typeof decide>;
  // Who may ask comes first (403), then whether they asked about this version (409), then the rules.
  try {
    decision = decide(state, { type, ...fields } as CaseCommand, actor, now, {
      clocks: ctx,
      handlerAway,
      acceptancePaths: centreAcceptancePaths(),
    });
  } catch (error) {
    if (!(error instanceof CaseError)) throw toHttpProblem(error);
    if (error.code !== 'not-permitted' && version !== state.version) {
      throw versionConflict(state.version, state.status, version);
    }
    throw caseErrorProblem(error, state);
  }
  if (version !== state.version) throw versionConflict(state.version, state.status, version);
  const revocation = decision.state.status === 'revoked' ? decision.state.revocation : undefined;
  if (revocation) {
    // The commitment was the applicant's: the organisation's when one applied, not its agent's.
    const applicantKey = stored.organisationDigest ?? stored.applicantDigest;
    const digests = applicantKey ? [applicantKey] : [];
    for (const applicantDigest of digests) {
      await recordCommitmentBar(table, {
        applicantDigest,
        caseNo,
        until: revocation.barredUntil,
        revokedAt: revocation.at,
      });
    }
    if (digests.length === 0) {
      logger.warn('Revoked case has no applicant digest: no bar recorded', { caseNo });
    }
  }
  try {
    await saveCase(table, decision.state, now, ctx);
  } catch (error) {
    throw toHttpProblem(error);
  }
  await keepFigures(caseKey(caseNo));
  // The visit rated is the delivery (出件): invite its rating now; never fatal (created lazily later).
  if (decision.state.status === 'delivered') await inviteRating(table, decision.state);
  // 办结可取件: one message queued for the messages job; never fatal, never waits for the provider.
  if (decision.state.status === 'decided' && state.status !== 'decided') {
    const place = collectionPlace(decision.state.item.code).window ?? `${decision.state.window} 窗口`;
    await notifyResultReady(table, decision.state, place, now);
  }
  logger.info('Case transition', {
    caseNo,
    transition: type,
    from: decision.entry.from,
    to: decision.entry.to,
    version: decision.state.version,
    username: actor.username,
    ...(decision.entry.by.actingFor ? { actingFor: decision.entry.by.actingFor } : {}),
  });
  return { status: 200, headers: etag(decision.state.version), body: staffView(decision.state, now, ctx) };
});
