/**
 * GET /api/cases/{caseNo} — one case as staff see it: the applicant masked, every clock evaluated
 * now, the history, and the transitions its status allows. Readers: the case's departments (lead
 * and co-handling) and the supervision office.
 */

import { centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { staffView } from '../../../domain/cases/views.ts';
import { loadCase } from '../../../store/cases/cases.ts';
import { actorOf, etag } from '../../staff.ts';
import { caseNotFound, withCaseErrors } from '../errors.ts';
import { httpHandler } from '../http-handler.ts';
import { requireReadable } from '../support.ts';

export const handler = httpHandler(
  withCaseErrors(async (request) => {
    const { caseNo } = request.params as { caseNo: string };
    const stored = await loadCase(tableName(), caseNo);
    if (!stored) throw caseNotFound();
    requireReadable(stored.state, actorOf(request.principal));
    return {
      status: 200,
      headers: etag(stored.state.version),
      body: staffView(stored.state, new Date(), centreClocks()),
    };
  }),
);
