/**
 * GET /api/bundle-records/{bundleNo} — one bundle as staff see it: the record (applicant masked),
 * the merged material list as taken in, each part's case status and deadline now, and the derived
 * bundle status. Readers: the general windows, the departments of its parts, supervision.
 */
import { centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { bundleStaffView } from '../../../domain/bundles/views.ts';
import { loadBundle, loadParts } from '../../../store/bundles/bundles.ts';
import { withCaseErrors } from '../../cases/errors.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { bundleNotFound, bundleNotReadable, canReadBundle } from '../support.ts';

export const handler = httpHandler(
  withCaseErrors(async (request) => {
    const { bundleNo } = request.params as { bundleNo: string };
    const stored = await loadBundle(tableName(), bundleNo);
    if (!stored) throw bundleNotFound();
    if (!canReadBundle(stored.record, actorOf(request.principal))) throw bundleNotReadable();
    const parts = await loadParts(tableName(), stored.record);
    return { status: 200, body: bundleStaffView(stored.record, parts, new Date(), centreClocks()) };
  }),
);
