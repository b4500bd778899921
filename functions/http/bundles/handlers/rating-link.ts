/**
 * GET /api/bundle-records/{bundleNo}/rating-link — the rating link of a 一件事 whose every part is
 * delivered: one visit, rated once as a whole (domain.md §11), `/rate/#c=<bundleNo>&t=<token>`.
 * The general window that took the bundle in hands it over (its clerks read it); the invitation is
 * created here if the last delivery's own write of it was lost.
 */
import { generalWindows } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { isGeneralWindowClerk } from '../../../domain/cases/general-window.ts';
import { loadBundle } from '../../../store/bundles/bundles.ts';
import { HttpProblem } from '../../problems.ts';
import { ratingLink, ratingOfVisit } from '../../ratings/support.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { bundleNotFound } from '../support.ts';

export const handler = httpHandler(async (request) => {
  const { bundleNo } = request.params as { bundleNo: string };
  const table = tableName();
  const stored = await loadBundle(table, bundleNo);
  if (!stored) throw bundleNotFound();
  if (!isGeneralWindowClerk(actorOf(request.principal), generalWindows)) {
    throw new HttpProblem({
      type: 'https://yichuang.dev/problems/forbidden',
      title: '无权访问',
      status: 403,
      detail: '“一件事”的评价链接由综合窗口提供。',
    });
  }
  if (!(await ratingOfVisit(table, bundleNo))) {
    throw new HttpProblem({
      type: 'https://yichuang.dev/problems/case-rule/bundle-not-done',
      title: '一件事尚未全部办结',
      status: 422,
      detail: '“一件事”的各事项全部出件后才有评价链接；整体评价一次。',
    });
  }
  return { status: 200, body: { bundleNo, ...(await ratingLink(request.event, bundleNo)) } };
});
