/**
 * GET /api/cases/{caseNo}/rating-link — the rating link of a delivered case for its delivery
 * receipt (出件回执): `/rate/#c=<caseNo>&t=<token>`. The token sits in the fragment, so it never
 * reaches a server or CDN log; the desk prints it with its QR code. Clerks and the chief of the
 * case's department; the invitation is created here if the delivery's own write of it was lost.
 */

import { tableName } from '../../../config/env.ts';
import { loadCase } from '../../../store/cases/cases.ts';
import { personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { ratingToken } from '../../../store/ratings/ratings.ts';
import { caseNotFound } from '../../cases/errors.ts';
import { notYourDepartment } from '../../cases/support.ts';
import { HttpProblem } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { ratingOfDeliveredCase } from '../support.ts';

function origin(event: {
  headers?: Record<string, string | undefined>;
  requestContext: { domainName: string };
}) {
  const host = event.headers?.host ?? event.requestContext.domainName;
  const proto =
    event.headers?.['x-forwarded-proto'] ?? (/^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}

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
  await ratingOfDeliveredCase(table, caseNo);
  const token = ratingToken(await personalDataCipher(), caseNo);
  const path = `/rate/#c=${encodeURIComponent(caseNo)}&t=${await token}`;
  return {
    status: 200,
    body: { caseNo, token: await token, path, url: `${origin(request.event)}${path}` },
  };
});
