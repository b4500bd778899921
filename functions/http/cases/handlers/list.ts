/**
 * GET /api/cases — a window's work queue: priority lane first, then by deadline; filters by
 * status, warning level (computed now) and due instant; cursor pagination. The statuses of one
 * filter belong to one list: in progress (the default), `delivered` — awaiting closure (待归档),
 * oldest delivery first — or the finished statuses, most recent first. `joint=true`: instead,
 * the joint cases of other departments waiting for the opinion of this window's department. Clerks, chiefs and
 * leaders list the windows of their department (a clerk's own window by default); the
 * supervision office lists any window.
 */

import { centreClocks } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { normalizeInstant } from '../../../domain/calendar/instant.ts';
import { type CaseStatus, queuePhaseOf } from '../../../domain/cases/states.ts';
import type { WarningLevel } from '../../../domain/clocks/settings.ts';
import { listQueue } from '../../../store/cases/cases.ts';
import { invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { withCaseErrors } from '../errors.ts';
import { httpHandler } from '../http-handler.ts';
import { notYourDepartment } from '../support.ts';

interface QueueQueryParams {
  window?: string;
  status?: string;
  level?: string;
  dueBefore?: string;
  limit?: string;
  cursor?: string;
  joint?: string;
}

function dueBeforeInstant(value: string): string {
  // A date alone means the whole of that day, Beijing time.
  return normalizeInstant(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59+08:00` : value);
}

export const handler = httpHandler(
  withCaseErrors(async (request) => {
    const query = (request.query ?? {}) as QueueQueryParams;
    const actor = actorOf(request.principal);
    const window = query.window ?? actor.window;
    if (!window) {
      throw invalidRequest([
        { field: 'query.window', rule: 'required', message: '请指明窗口编码（如 mz-01）。' },
      ]);
    }
    const supervisor = actor.roles.includes('supervisor');
    if (!supervisor && (!actor.department || !window.startsWith(`${actor.department}-`)))
      throw notYourDepartment();
    let dueBefore: string | undefined;
    if (query.dueBefore) {
      try {
        dueBefore = dueBeforeInstant(query.dueBefore);
      } catch {
        throw invalidRequest([{ field: 'query.dueBefore', rule: 'instant', message: '日期或时刻无效。' }]);
      }
    }
    const statuses = query.status ? (query.status.split(',') as CaseStatus[]) : undefined;
    if (statuses && new Set(statuses.map(queuePhaseOf)).size > 1) {
      throw invalidRequest([
        {
          field: 'query.status',
          rule: 'one_list',
          message: '状态须属于同一列表：在办、待归档（已出件）或已结束，不能混合筛选。',
        },
      ]);
    }
    const page = await listQueue(
      tableName(),
      {
        window,
        // The joint cases waiting for the opinion of the window's department.
        ...(query.joint === 'true' ? { coHandlingOf: window.slice(0, window.lastIndexOf('-')) } : {}),
        ...(statuses ? { statuses } : {}),
        ...(query.level ? { levels: query.level.split(',') as WarningLevel[] } : {}),
        ...(dueBefore ? { dueBefore } : {}),
        limit: query.limit ? Number(query.limit) : 20,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      },
      new Date(),
      centreClocks(),
    );
    return { status: 200, body: { window, ...page } };
  }),
);
