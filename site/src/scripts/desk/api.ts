/** Calls to /api with the signed-in clerk's token; a 401 sends them to sign in again. */
import { currentToken, signIn } from './auth.ts';

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field: string; rule: string; message: string }[];
  currentVersion?: number | null;
  currentStatus?: string | null;
}

export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; problem: Problem };

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult<T>> {
  const token = currentToken();
  if (!token) return signIn();
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 401) return signIn();
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : {};
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  return { ok: false, status: response.status, problem: { status: response.status, ...(parsed as object) } };
}

/** A problem as one sentence for the page. */
export function problemText(problem: Problem): string {
  if (problem.status === 403)
    return `无权办理：${problem.detail ?? problem.title ?? '当前登录的角色不能办理此操作。'}`;
  if (problem.status === 404) return '未找到该办件。';
  return problem.detail ?? problem.title ?? `请求失败（${problem.status}）`;
}
