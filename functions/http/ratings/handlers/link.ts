/**
 * GET /api/cases/{caseNo}/rating-link — the rating link of a delivered case for its delivery
 * receipt (出件回执): `/rate/#c=<caseNo>&t=<token>`. The token sits in the fragment, so it never
 * reaches a server or CDN log; the desk prints it with its QR code. Clerks and the chief of the
 * case's department; the invitation is created here if the delivery's own write of it was lost.
 * A part of a 一件事 has no link of its own: the bundle is rated once, as a whole
 * (GET /api/bundle-records/{bundleNo}/rating-link).
 */

import { tableName } from '../../../config/env.ts';
import { loadCase } from '../../../store/cases/cases.ts';
import { caseNotFound } from '../../cases/errors.ts';
import { notYourDepartment } from '../../cases/support.ts';
import { HttpProblem } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { ratingLink, ratingOfVisit } from '../support.ts';

export const handler = httpHandler(async (request) => {
  const { caseNo } = request.params as { caseNo: string };
  const actor = actorOf(request.principal);
  const table = tableName();
  const stored = await loadCase(table, caseNo);
  if (!stored) throw caseNotFound();
  if (actor.department !== stored.state.department) throw notYourDepartment();
  if (!stored.state.delivery) {
    throw new HttpProblem({
      type: 'https://yichuang.dev/problems/case-rule/not-delivered',
      title: '尚未出件',
      status: 422,
      detail: '办件出件后才有评价链接。',
    });
  }
  if (stored.state.bundleNo) {
    throw new HttpProblem({
      type: 'https://yichuang.dev/problems/case-rule/bundle-part',
      title: '一件事整体评价',
      status: 422,
      detail: `本件属于“一件事”${stored.state.bundleNo}，各事项全部出件后由综合窗口提供评价链接，整体评价一次。`,
    });
  }
  await ratingOfVisit(table, caseNo);
  return { status: 200, body: { caseNo, ...(await ratingLink(request.event, caseNo)) } };
});
