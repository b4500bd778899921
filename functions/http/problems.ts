/**
 * RFC 9457 problem details: every error the API answers with. Domain errors map to HTTP here and
 * nowhere else; titles and details are in Chinese for the UI.
 */
import type { Problem } from './schemas.ts';

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
 * 401 before any function runs; the edge function on `/api/*` replaces its bare body with this
 * document (see gatewayProblem). The local runtime answers with the same document.
 */
export const unauthorizedProblem = {
  type: `${typeBase}/unauthorized`,
  title: '未登录或登录已失效',
  status: 401,
  detail: '请求需要有效的访问令牌（Authorization: Bearer …）。',
} as const satisfies Problem;

/**
 * The answers API Gateway itself gives (`{"message": "…"}`) before or instead of a function —
 * authorizer refusal, throttling, payload too large, integration failure — as problem documents.
 * The edge function on `/api/*` swaps them in, in the cloud; the local gateway answers with them.
 */
export function gatewayProblem(status: number): Problem {
  switch (status) {
    case 401:
      return unauthorizedProblem;
    case 403:
      return { type: `${typeBase}/forbidden`, title: '无权访问', status, detail: '请求被网关拒绝。' };
    case 404:
      return { type: `${typeBase}/not-found`, title: '未找到', status, detail: '没有这个接口。' };
    case 413:
      return {
        type: `${typeBase}/too-large`,
        title: '请求内容过大',
        status,
        detail: '请求体超过 10 MB 上限。',
      };
    case 429:
      return { type: `${typeBase}/too-many-requests`, title: '请求过于频繁', status, detail: '请稍后再试。' };
    case 503:
    case 504:
      return {
        type: `${typeBase}/unavailable`,
        title: '服务暂不可用',
        status,
        detail: '服务暂时无法响应，请稍后再试。',
      };
    default:
      return status >= 500
        ? { ...internalProblem, status }
        : { type: `${typeBase}/bad-request`, title: '请求无法处理', status, detail: '网关无法处理此请求。' };
  }
}

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

export function payloadTooLarge(maxBytes: number): HttpProblem {
  return new HttpProblem({
    type: `${typeBase}/payload-too-large`,
    title: '提交内容过大',
    status: 413,
    detail: `请求体不得超过 ${maxBytes} 字节，请精简后再提交。`,
    errors: [{ field: 'body', rule: 'max_bytes', message: `不得超过 ${maxBytes} 字节。` }],
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
