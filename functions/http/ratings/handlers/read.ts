/**
 * The staff's reading routes of ratings, one function for the three (the route says which):
 *
 * - GET /api/ratings/rectifications — the open rectifications of the windows the caller may see,
 *   earliest deadline first, with the warning level computed now;
 * - GET /api/ratings/figures — the month's figures per window (domain/ratings/figures.ts);
 * - GET /api/ratings/{caseNo} — one rating with its rectification, clocks and history.
 *
 * Both the queue and the one rating file a bad rating's complaint whose filing was cut short.
 */

import { centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { canReadRating, ratingScope } from '../../../domain/ratings/access.ts';
import { ratingFigures } from '../../../domain/ratings/figures.ts';
import { rectificationQueueEntry, staffRatingView } from '../../../domain/ratings/views.ts';
import { listMonth, listRectifications, loadRating } from '../../../store/ratings/ratings.ts';
import { HttpProblem } from '../../problems.ts';
import { actorOf, etag } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { allDepartments, ratingNotFound, settlePendingComplaint, withRatingErrors } from '../support.ts';

export const handler = httpHandler(
  withRatingErrors(async (request) => {
    const actor = actorOf(request.principal);
    const table = tableName();
    const now = new Date();
    const ctx = centreClocks();
    switch (request.route.id) {
      case 'listRectifications': {
        const { window } = request.query as { window?: string };
        const scope = ratingScope(actor, window);
        const departments = scope.kind === 'all' ? allDepartments() : [scope.department];
        const listed = (
          await Promise.all(
            departments.map((department) => listRectifications(table, department, scope.window)),
          )
        ).flat();
        // A bad rating whose complaint filing was cut short is filed now (there are few, if any).
        const states = await Promise.all(
          listed.map(async (stored) => (await settlePendingComplaint(table, stored)).state),
        );
        const items = states
          .filter((state) => state.rectification)
          .map((state) => rectificationQueueEntry(state, now, ctx))
          .sort(
            (a, b) =>
              (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.caseNo.localeCompare(b.caseNo),
          );
        return { status: 200, body: { items } };
      }
      case 'getRatingFigures': {
        const { month, window } = request.query as { month: string; window?: string };
        const scope = ratingScope(actor, window);
        const states = (await listMonth(table, month, scope.window)).filter(
          (state) => scope.kind === 'all' || state.department === scope.department,
        );
        return { status: 200, body: { month, ...ratingFigures(states) } };
      }
      case 'getRating': {
        const { caseNo } = request.params as { caseNo: string };
        const loaded = await loadRating(table, caseNo);
        if (!loaded) throw ratingNotFound();
        const stored = await settlePendingComplaint(table, loaded);
        if (!canReadRating(stored.state, actor)) {
          throw new HttpProblem({
            type: 'https://yichuang.dev/problems/forbidden',
            title: '无权访问',
            status: 403,
            detail: '只能查看本部门的评价；电子监察可以查看全部评价。',
          });
        }
        return {
          status: 200,
          headers: etag(stored.state.version),
          body: staffRatingView(stored.state, now, ctx),
        };
      }
      default:
        throw new Error(`Route ${request.route.id} is not a rating read.`);
    }
  }),
);
