/**
 * Calling the local runtime's API as a demo user (or without a token), for the integration tests:
 * one token per user, issued on first use; JSON in and out; every answer's text kept when asked,
 * so a test can look for personal data in what the API answered.
 */
import type { TestRuntime } from './runtime.ts';

export interface ApiReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export interface ApiCallOptions {
  user?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiCall = (method: string, path: string, options?: ApiCallOptions) => Promise<ApiReply>;

export function apiCaller(runtime: () => TestRuntime, answers?: string[]): ApiCall {
  const tokens = new Map<string, string>();
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.user) {
      if (!tokens.has(options.user)) tokens.set(options.user, await runtime().identity.issue(options.user));
      headers.authorization = `Bearer ${tokens.get(options.user)}`;
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${runtime().baseUrl}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    answers?.push(text);
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      text,
    };
  };
}
