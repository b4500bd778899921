/**
 * The one mapping of a domain refusal (cases, complaints, ratings, and every area after them) to
 * an RFC 9457 problem: each area states which of its codes mean what, this module decides the
 * status and the shape.
 */
import { HttpProblem, invalidRequest } from './problems.ts';
import type { Problem } from './schemas.ts';

export const problemTypeBase = 'https://yichuang.dev/problems';
const typeBase = problemTypeBase;

interface RefusalProblem extends Problem {
  currentVersion?: number | null;
  currentStatus?: string | null;
  rule?: string;
}

function problem(document: RefusalProblem): HttpProblem {
  return new HttpProblem(document as Problem);
}

/** What the domain's refusals (cases, complaints, ratings) have in common. */
export interface DomainRefusal {
  code: string;
  message: string;
  field?: string | undefined;
}

export interface RefusalMapping {
  /** Problem type path of the 422 rule refusals: `case-rule`, `complaint-rule`… */
  area: string;
  /** Codes that mean "not in this state" (409 with the current version and status). */
  stateCodes: readonly string[];
  stateTitle?: string;
  /** Codes that name a missing or wrong field (400). */
  fieldCodes: readonly string[];
  ruleTitles: Readonly<Record<string, string>>;
  ruleFallbackTitle: string;
  /** Machine-readable rule of a 422 (default: the code). */
  rule?: string;
  /** A 422 also lists the field it is about, when there is one. */
  ruleNamesField?: boolean;
}

/**
 * The one mapping of a domain refusal to HTTP: not permitted → 403; not in this state → 409 with
 * `current`; a missing or wrong field → 400 naming it; any other rule → 422 with the rule.
 */
export function refusalProblem(
  error: DomainRefusal,
  mapping: RefusalMapping,
  current?: { version: number; status?: string },
): HttpProblem {
  if (error.code === 'not-permitted') {
    return problem({ type: `${typeBase}/forbidden`, title: '无权办理', status: 403, detail: error.message });
  }
  if (mapping.stateCodes.includes(error.code)) {
    return problem({
      type: `${typeBase}/invalid-transition`,
      title: mapping.stateTitle ?? '当前状态不能办理此操作',
      status: 409,
      detail: error.message,
      ...(current ? { currentVersion: current.version } : {}),
      ...(current?.status !== undefined ? { currentStatus: current.status } : {}),
    });
  }
  if (mapping.fieldCodes.includes(error.code)) {
    return invalidRequest([{ field: error.field ?? 'body', rule: error.code, message: error.message }]);
  }
  return problem({
    type: `${typeBase}/${mapping.area}/${error.code}`,
    title: mapping.ruleTitles[error.code] ?? mapping.ruleFallbackTitle,
    status: 422,
    detail: error.message,
    rule: mapping.rule ?? error.code,
    ...(mapping.ruleNamesField && error.field
      ? { errors: [{ field: error.field, rule: error.code, message: error.message }] }
      : {}),
  });
}
