/**
 * What the complaint handlers share: the complaint context (clocks, settings, the catalogue's
 * windows) and complaint errors → problem+json in one place. Not a route itself; it does not touch
 * personal data (filing is filing.ts), so the step function needs no cipher keys.
 *
 * | error                                    | status | type                             |
 * |------------------------------------------|--------|----------------------------------|
 * | stale `version`, lost race               | 409    | conflict (+ currentVersion)      |
 * | command not valid in the current status  | 409    | invalid-transition (+ current)   |
 * | actor may not give the command           | 403    | forbidden                        |
 * | missing text, unknown department/window  | 400    | invalid-request (field, rule)    |
 * | a rule of the life cycle refuses         | 422    | complaint-rule/<code>            |
 * | no attachment store configured           | 503    | unavailable                      |
 */

import { centreClocks, centreConfig, generalWindowsOf } from '../../config/centre.ts';
import type { Actor } from '../../domain/cases/types.ts';
import { catalogueDepartment } from '../../domain/catalogue/item-lookup.ts';
import {
  type ComplaintContext,
  ComplaintError,
  type ComplaintState,
  type ComplaintViewer,
  parseComplaintSettings,
  windowCodesOf,
} from '../../domain/complaints/index.ts';
import { AttachmentsUnavailableError } from '../../store/complaints/attachments.ts';
import { ComplaintCursorError, ComplaintVersionConflictError } from '../../store/complaints/complaints.ts';
import type { RouteImplementation } from '../handler.ts';
import { HttpProblem, invalidRequest, serviceUnavailable } from '../problems.ts';
import { refusalProblem } from '../refusals.ts';
import type { Problem } from '../schemas.ts';

const typeBase = 'https://yichuang.dev/problems';

let context: ComplaintContext | undefined;

/**
 * The centre's clocks, its complaint limits and its departments and windows — the catalogue's, and
 * the general windows' (a complaint about a general window, or from a bad rating of a 一件事, is
 * filed against it and assigned to it) — built once.
 */
export function complaintContext(): ComplaintContext {
  context ??= {
    clocks: centreClocks(),
    settings: parseComplaintSettings(centreConfig.complaints),
    windowsOf: (id) => {
      const department = catalogueDepartment(id);
      const windows = [...(department ? windowCodesOf(department) : []), ...generalWindowsOf(id)];
      return department || windows.length > 0 ? windows : undefined;
    },
  };
  return context;
}

interface ComplaintProblem extends Problem {
  currentVersion?: number | null;
  currentStatus?: string | null;
  rule?: string;
}

function problem(document: ComplaintProblem): HttpProblem {
  return new HttpProblem(document as Problem);
}

export function complaintNotFound(): HttpProblem {
  return problem({
    type: `${typeBase}/not-found`,
    title: '未找到',
    status: 404,
    detail: '没有这个编号的投诉。',
  });
}

export function complaintForbidden(detail: string): HttpProblem {
  return problem({ type: `${typeBase}/forbidden`, title: '无权访问', status: 403, detail });
}

export function complaintVersionConflict(current: number, status: string, expected: number): HttpProblem {
  return problem({
    type: `${typeBase}/conflict`,
    title: '数据已被修改',
    status: 409,
    detail: `投诉已更新到第 ${current} 版（请求基于第 ${expected} 版）。请重新读取后再办理。`,
    currentVersion: current,
    currentStatus: status,
  });
}

const ruleTitles: Partial<Record<ComplaintError['code'], string>> = {
  'late-reason-required': '逾期答复须说明原因',
  'follow-up-required': '须先回访',
  'not-dissatisfied': '投诉人未表示不满意',
  'feedback-already-given': '已评价',
};

export function complaintErrorProblem(
  error: ComplaintError,
  current?: { version: number; status: string },
): HttpProblem {
  return refusalProblem(
    error,
    {
      area: 'complaint-rule',
      stateCodes: ['invalid-transition'],
      fieldCodes: ['requirement-missing', 'invalid-target'],
      ruleTitles,
      ruleFallbackTitle: '投诉办理规则不允许',
      ruleNamesField: true,
    },
    current,
  );
}

/** Maps any error a complaint route can meet; anything unknown passes through (→ 500, logged). */
export function toComplaintProblem(error: unknown): unknown {
  if (error instanceof HttpProblem) return error;
  if (error instanceof ComplaintError) return complaintErrorProblem(error);
  if (error instanceof ComplaintVersionConflictError) {
    return error.currentVersion === null
      ? complaintNotFound()
      : complaintVersionConflict(error.currentVersion, error.currentStatus ?? '', error.expectedVersion);
  }
  if (error instanceof AttachmentsUnavailableError)
    return serviceUnavailable('附件存储暂不可用，请稍后再试。');
  if (error instanceof ComplaintCursorError) {
    return invalidRequest([
      { field: 'query.cursor', rule: 'cursor', message: '分页游标无效或不属于此列表。' },
    ]);
  }
  return error;
}

export function withComplaintErrors(implementation: RouteImplementation): RouteImplementation {
  return async (request, handlerContext) => {
    try {
      return await implementation(request, handlerContext);
    } catch (error) {
      throw toComplaintProblem(error);
    }
  };
}

/** How the actor may see this complaint, or null when not at all. */
export function complaintViewerOf(state: ComplaintState, actor: Actor): ComplaintViewer | null {
  if (actor.roles.includes('supervisor')) return 'supervisor';
  const assignment = state.assignment;
  if (!assignment) return null;
  if (assignment.replyHandler === actor.username) return 'respondent';
  if (actor.roles.includes('clerk') && actor.window === assignment.window) return 'respondent';
  if (
    (actor.roles.includes('chief') || actor.roles.includes('leader')) &&
    actor.department === assignment.department
  ) {
    return 'respondent';
  }
  return null;
}
