/**
 * RFC 9457 problem details: every error the API answers with. Domain errors map to HTTP here and
 * nowhere else; titles and details are in Chinese for the UI.
 */
import type { Problem } from './schemas/common.ts';

export const problemContentType = 'application/problem+json';
const typeBase = 'https://yichuang.dev/problems';

export interface FieldError {
  /** Dotted path into the request: `body.applicant.idNumber`, `query.status`, `path.caseNo`. */
  field: string;
  /** Machine-readable rule that failed: `required`, `format`, `max_length`, `check_digit`… */
  rule: string;
  message: string;
}

/** An error that carries the problem document to answer with. */
export class HttpProblem extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(problem: Problem, headers: Record<string, string> = {}) {
    super(problem.detail ?? problem.title);
    this.name = 'HttpProblem';
    this.problem = problem;
    this.headers = headers;
  }
}

/**
 * What a request without a valid token gets. In the cloud the HTTP API's JWT authorizer answers
 * 401 before any function runs, and CloudFront replaces its body with this document (served from
 * the site bucket); the local runtime answers with the same document.
 */
export const unauthorizedProblem = {
  type: `${typeBase}/unauthorized`,
  title: '未登录或登录已失效',
  status: 401,
  detail: '请求需要有效的访问令牌（Authorization: Bearer …）。',
} as const satisfies Problem;

export function forbidden(required: readonly string[]): HttpProblem {
  return new HttpProblem({
    type: `${typeBase}/forbidden`,
    title: '无权访问',
    status: 403,
    detail: `此操作需要以下角色之一：${required.join('、')}。`,
  });
}

export function notFound(detail = '请求的资源不存在。'): HttpProblem {
  return new HttpProblem({ type: `${typeBase}/not-found`, title: '未找到', status: 404, detail });
}

export function methodNotAllowed(allowed: readonly string[]): HttpProblem {
  return new HttpProblem(
    {
      type: `${typeBase}/method-not-allowed`,
      title: '请求方法不被允许',
      status: 405,
      detail: `此地址只接受：${allowed.join('、')}。`,
    },
    { allow: allowed.join(', ') },
  );
}

export function invalidRequest(errors: readonly FieldError[]): HttpProblem {
  return new HttpProblem({
    type: `${typeBase}/invalid-request`,
    title: '请求内容有误',
    status: 400,
    detail: errors.map((error) => `${error.field}：${error.message}`).join('；'),
    errors: [...errors],
  });
}

export function conflict(detail: string): HttpProblem {
  return new HttpProblem({ type: `${typeBase}/conflict`, title: '数据已被修改', status: 409, detail });
}

export function serviceUnavailable(detail: string): HttpProblem {
  return new HttpProblem({ type: `${typeBase}/unavailable`, title: '服务暂不可用', status: 503, detail });
}

export const internalProblem: Problem = {
  type: `${typeBase}/internal`,
  title: '系统内部错误',
  status: 500,
  detail: '系统出现意外错误，已记录。请稍后再试。',
};
