/**
 * POST /api/ratings/{caseNo}/rectification/<step> — every step of a bad rating's rectification,
 * one route each, one function for all (the route says which). Read the rating, learn whether the
 * assignee is away (A/B post) when someone else acts, `decideStep()`, and write the result with one
 * conditional update. Who may act comes first (403), then the version (409), then the rules.
 */

import { centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { decideStep, type RectificationCommand } from '../../../domain/ratings/decide.ts';
import { RatingError } from '../../../domain/ratings/errors.ts';
import type { RectificationStepType } from '../../../domain/ratings/steps.ts';
import { staffRatingView } from '../../../domain/ratings/views.ts';
import { isAway } from '../../../store/cases/post-rota.ts';
import { loadRating, ratingKey, saveRating } from '../../../store/ratings/ratings.ts';
import { versionConflict } from '../../cases/errors.ts';
import { keepFigures } from '../../figures/keep.ts';
import { logger } from '../../observability.ts';
import { actorOf, etag } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { rectificationRouteIds } from '../schemas.ts';
import {
  ratingErrorProblem,
  ratingNotFound,
  ratingSettings,
  settlePendingComplaint,
  toRatingProblem,
} from '../support.ts';

const stepByRoute = new Map<string, RectificationStepType>(
  Object.entries(rectificationRouteIds).map(([type, id]) => [id, type as RectificationStepType]),
);

export const handler = httpHandler(async (request) => {
  const type = stepByRoute.get(request.route.id);
  if (!type) throw new Error(`Route ${request.route.id} is not a rectification step.`);
  const { caseNo } = request.params as { caseNo: string };
  const { version, ...fields } = request.body as { version: number } & Record<string, unknown>;
  const actor = actorOf(request.principal);
  const table = tableName();
  const loaded = await loadRating(table, caseNo);
  if (!loaded) throw ratingNotFound();
  const stored = await settlePendingComplaint(table, loaded);
  const { state } = stored;
  const now = new Date();
  const ctx = centreClocks();
  const assignee = state.rectification?.assignee ?? state.handler;
  const assigneeAway =
    assignee !== actor.username && actor.window === state.window
      ? await isAway(table, state.window, assignee)
      : false;
  let decision: ReturnType<typeof decideStep>;
  try {
    decision = decideStep(state, { type, ...fields } as RectificationCommand, actor, now, {
      settings: ratingSettings(),
      assigneeAway,
    });
  } catch (error) {
    if (!(error instanceof RatingError)) throw toRatingProblem(error);
    if (error.code !== 'not-permitted' && version !== state.version) {
      throw versionConflict(state.version, state.rectification?.status ?? '', version);
    }
    throw ratingErrorProblem(error, state);
  }
  if (version !== state.version)
    throw versionConflict(state.version, state.rectification?.status ?? '', version);
  try {
    await saveRating(table, decision.state, now, ctx);
  } catch (error) {
    throw toRatingProblem(error);
  }
  await keepFigures(ratingKey(caseNo));
  logger.info('Rectification step', {
    caseNo,
    step: type,
    from: decision.entry.from,
    to: decision.entry.to,
    version: decision.state.version,
    username: actor.username,
  });
  return {
    status: 200,
    headers: etag(decision.state.version),
    body: staffRatingView(decision.state, now, ctx),
  };
});
