/**
 * Case errors → RFC 9457 problem+json, in one place. Every case route wraps its implementation in
 * {@link withCaseErrors}; the HTTP wrapper (handler.ts) then answers with the problem.
 *
 * | error                                   | status | type                          |
 * |-----------------------------------------|--------|-------------------------------|
 * | stale `version`, lost race              | 409    | conflict (+ currentVersion)   |
 * | command not valid in the current status | 409    | invalid-transition (+ current)|
 * | actor may not give the command          | 403    | forbidden                     |
 * | missing text, unknown material/target   | 400    | invalid-request (field, rule) |
 * | a rule of the life cycle refuses        | 422    | case-rule/<code>              |
 * | same Idempotency-Key still running      | 409    | intake-in-progress            |
 * | same Idempotency-Key, other request     | 422    | idempotency-key-reused        |
 */
import { CaseError } from '../../domain/cases/errors.ts';
import { InvalidCursorError, VersionConflictError } from '../../store/cases/cases.ts';
import type { RouteImplementation } from '../handler.ts';
import { HttpProblem, invalidRequest } from '../problems.ts';
import { problemTypeBase, refusalProblem } from '../refusals.ts';
import type { Problem } from '../schemas.ts';

const typeBase = problemTypeBase;

export interface CaseProblem extends Problem {
  currentVersion?: number | null;
  currentStatus?: string | null;
  rule?: string;
}

function problem(document: CaseProblem, headers: Record<string, string> = {}): HttpProblem {
  return new HttpProblem(document as Problem, headers);
}

export function versionConflict(
  currentVersion: number,
  currentStatus: string,
  expected: number,
): HttpProblem {
  return problem({
    type: `${typeBase}/conflict`,
    title: '数据已被修改',
    status: 409,
    detail: `案件已更新到第 ${currentVersion} 版（请求基于第 ${expected} 版）。请重新读取后再办理。`,
    currentVersion,
    currentStatus,
  });
}

export function caseNotFound(): HttpProblem {
  return problem({
    type: `${typeBase}/not-found`,
    title: '未找到',
    status: 404,
    detail: '没有这个受理编号的案件。',
  });
}

const ruleTitles: Partial<Record<CaseError['code'], string>> = {
  'materials-incomplete': '材料不齐全',
  'nothing-to-correct': '无需补正',
  'correction-already-notified': '已经一次性告知',
  'no-new-material': '没有新提交的材料',
  'wrong-item-class': '事项类型不适用',
  'co-opinions-pending': '联办意见未齐',
  'clock-refused': '时限规则不允许',
  'path-not-allowed': '不适用容缺受理或告知承诺制',
  'commitment-barred': '申请人不适用承诺类受理方式',
  'materials-owed': '容缺材料尚未补齐',
  'owed-not-late': '容缺材料未逾期',
  'nothing-to-verify': '没有需要核查的承诺',
  'verification-pending': '事后核查未完成',
};

const pathRefusals: readonly CaseError['code'][] = [
  'materials-owed',
  'path-not-allowed',
  'commitment-barred',
];

/** The problem for a case error; `current` is the case the command was refused on. */
export function caseErrorProblem(
  error: CaseError,
  current?: { version: number; status: string },
): HttpProblem {
  return refusalProblem(
    error,
    {
      area: 'case-rule',
      stateCodes: ['invalid-transition'],
      fieldCodes: ['requirement-missing', 'unknown-material', 'invalid-target'],
      ruleTitles,
      ruleFallbackTitle: '办件规则不允许',
      // The acceptance paths' refusals name what they are about (the owed materials, the commitment).
      ruleNamesField: pathRefusals.includes(error.code),
      ...(error.clockCode ? { rule: `${error.code}:${error.clockCode}` } : {}),
    },
    current,
  );
}

/** Maps any error a case route can meet; anything unknown passes through (→ 500, logged). */
export function toHttpProblem(error: unknown, current?: { version: number; status: string }): unknown {
  if (error instanceof HttpProblem) return error;
  if (error instanceof CaseError) return caseErrorProblem(error, current);
  if (error instanceof VersionConflictError) {
    return error.currentVersion === null
      ? caseNotFound()
      : versionConflict(error.currentVersion, error.currentStatus ?? '', error.expectedVersion);
  }
  if (error instanceof InvalidCursorError) {
    return invalidRequest([
      { field: 'query.cursor', rule: 'cursor', message: '分页游标无效或不属于此列表。' },
    ]);
  }
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'IdempotencyAlreadyInProgressError') {
    return problem(
      {
        type: `${typeBase}/intake-in-progress`,
        title: '相同的收件请求正在处理',
        status: 409,
        detail: '同一 Idempotency-Key 的请求尚未完成，请稍后重试。',
      },
      { 'retry-after': '1' },
    );
  }
  if (name === 'IdempotencyValidationError') {
    return problem({
      type: `${typeBase}/idempotency-key-reused`,
      title: 'Idempotency-Key 已用于另一请求',
      status: 422,
      detail: '同一 Idempotency-Key 只能用于内容相同的请求。',
    });
  }
  return error;
}

/** Wraps a route implementation so case errors come out as problem documents. */
export function withCaseErrors(implementation: RouteImplementation): RouteImplementation {
  return async (request, context) => {
    try {
      return await implementation(request, context);
    } catch (error) {
      throw toHttpProblem(error);
    }
  };
}
