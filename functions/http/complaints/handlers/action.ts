/**
 * POST /api/complaints/{complaintNo}/<step> — every step of the complaint life cycle, one route
 * each, one function for all (the route says which). Read the complaint, `decideComplaint()`, check
 * the version the client decided on, write with one conditional update. Who may ask comes first
 * (403), then whether they asked about this version (409), then the rules (400 / 409 / 422).
 */

import { tableName } from '../../../config/env.ts';
import {
  type ComplaintCommand,
  type ComplaintCommandType,
  ComplaintError,
  complaintStaffView,
  decideComplaint,
} from '../../../domain/complaints/index.ts';
import { complaintKey, loadComplaint, saveComplaint } from '../../../store/complaints/complaints.ts';
import { keepFigures } from '../../figures/keep.ts';
import { logger } from '../../observability.ts';
import { actorOf, etag } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { complaintActionRoutes } from '../routes.ts';
import {
  complaintContext,
  complaintErrorProblem,
  complaintNotFound,
  complaintVersionConflict,
  complaintViewerOf,
  toComplaintProblem,
} from '../support.ts';

const commandByRoute = new Map<string, ComplaintCommandType>(
  Object.entries(complaintActionRoutes).map(([type, meta]) => [meta.id, type as ComplaintCommandType]),
);

export const handler = httpHandler(async (request) => {
  const type = commandByRoute.get(request.route.id);
  if (!type) throw new Error(`Route ${request.route.id} is not a complaint step.`);
  const { complaintNo } = request.params as { complaintNo: string };
  const { version, ...fields } = request.body as { version: number } & Record<string, unknown>;
  const actor = actorOf(request.principal);
  const table = tableName();
  const stored = await loadComplaint(table, complaintNo);
  if (!stored) throw complaintNotFound();
  const { state } = stored;
  const now = new Date();
  const ctx = complaintContext();
  let decision: ReturnType<typeof decideComplaint>;
  try {
    decision = decideComplaint(state, { type, ...fields } as ComplaintCommand, actor, now, ctx);
  } catch (error) {
    if (!(error instanceof ComplaintError)) throw toComplaintProblem(error);
    if (error.code !== 'not-permitted' && version !== state.version) {
      throw complaintVersionConflict(state.version, state.status, version);
    }
    throw complaintErrorProblem(error, state);
  }
  if (version !== state.version) throw complaintVersionConflict(state.version, state.status, version);
  try {
    await saveComplaint(table, decision.state, now);
  } catch (error) {
    throw toComplaintProblem(error);
  }
  await keepFigures(complaintKey(complaintNo));
  logger.info('Complaint step', {
    complaintNo,
    action: type,
    from: decision.entry.from,
    to: decision.entry.to,
    version: decision.state.version,
    username: actor.username,
  });
  const viewer = complaintViewerOf(decision.state, actor) ?? 'respondent';
  return {
    status: 200,
    headers: etag(decision.state.version),
    body: complaintStaffView(decision.state, viewer, now, ctx.clocks),
  };
});
