/**
 * The A/B post rota of a window (AB岗):
 * - GET /api/windows/{window}/post — who of the window is away;
 * - PUT /api/windows/{window}/away/{username} — a clerk marks themselves away or back, or the
 *   chief of the department does it for them. While away, the other clerks of the window act on
 *   their cases with full duties.
 */

import { tableName } from '../../../config/env.ts';
import { formatInstant } from '../../../domain/calendar/instant.ts';
import { listAway, setAway, setBack } from '../../../store/cases/post-rota.ts';
import { logger } from '../../observability.ts';
import { HttpProblem } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { withCaseErrors } from '../errors.ts';
import { httpHandler } from '../http-handler.ts';
import { notYourDepartment } from '../support.ts';

export const handler = httpHandler(
  withCaseErrors(async (request) => {
    const actor = actorOf(request.principal);
    const params = request.params as { window: string; username?: string };
    const ofDepartment = actor.department !== undefined && params.window.startsWith(`${actor.department}-`);
    const table = tableName();
    if (request.route.method === 'GET') {
      if (!ofDepartment && !actor.roles.includes('supervisor')) throw notYourDepartment();
      return { status: 200, body: { window: params.window, away: await listAway(table, params.window) } };
    }
    const { away, reason } = request.body as { away: boolean; reason?: string };
    const self =
      actor.roles.includes('clerk') && actor.window === params.window && actor.username === params.username;
    const chief = actor.roles.includes('chief') && ofDepartment;
    if (!self && !chief) {
      throw new HttpProblem({
        type: 'https://yichuang.dev/problems/forbidden',
        title: '无权调整岗位',
        status: 403,
        detail: '窗口工作人员只能为自己登记离岗或返岗；本部门首席代表可以为本部门窗口人员登记。',
      });
    }
    const username = params.username as string;
    if (away) {
      await setAway(table, params.window, {
        username,
        since: formatInstant(Date.now()),
        reason: reason?.trim() || '离岗',
        setBy: actor.username,
      });
    } else {
      await setBack(table, params.window, username);
    }
    logger.info('Post rota changed', { window: params.window, username, away, setBy: actor.username });
    return { status: 200, body: { window: params.window, away: await listAway(table, params.window) } };
  }),
);
