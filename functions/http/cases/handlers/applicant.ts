/**
 * GET /api/cases/{caseNo}/applicant — the applicant's full personal data (ID number, phone,
 * address), opened from the sealed copy. Only the clerk who handles the case gets it (or the clerk
 * acting for them under the A/B post rule, or any clerk of the window while the case is
 * unassigned). Every read is logged: who, which case, which fields — never the values.
 */

import { tableName } from '../../../config/env.ts';
import { canReadPersonalData } from '../../../domain/cases/access.ts';
import { loadCase } from '../../../store/cases/cases.ts';
import { isAway } from '../../../store/cases/post-rota.ts';
import { personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { logger } from '../../observability.ts';
import { HttpProblem } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { caseNotFound, withCaseErrors } from '../errors.ts';
import { httpHandler } from '../http-handler.ts';

export const handler = httpHandler(
  withCaseErrors(async (request) => {
    const { caseNo } = request.params as { caseNo: string };
    const actor = actorOf(request.principal);
    const table = tableName();
    const stored = await loadCase(table, caseNo);
    if (!stored) throw caseNotFound();
    const { state } = stored;
    const handlerAway =
      state.handler !== null && state.handler !== actor.username
        ? await isAway(table, state.window, state.handler)
        : false;
    if (!canReadPersonalData(state, actor, { handlerAway })) {
      logger.warn('Personal data read refused', { caseNo, username: actor.username });
      throw new HttpProblem({
        type: 'https://yichuang.dev/problems/forbidden',
        title: '无权查看完整个人信息',
        status: 403,
        detail: '完整的身份证号码和电话只向承办该案件的窗口工作人员（或 AB 岗顶岗人员）提供。',
      });
    }
    const cipher = await personalDataCipher();
    const applicant = JSON.parse(await cipher.open(stored.applicantSealed, caseNo)) as Record<
      string,
      unknown
    >;
    logger.info('Personal data read', {
      audit: 'personal-data-read',
      caseNo,
      username: actor.username,
      fields: Object.keys(applicant).filter((key) => key !== 'kind'),
      ...(state.handler !== actor.username ? { actingFor: state.handler } : {}),
    });
    return { status: 200, body: { caseNo, applicant } };
  }),
);
