/**
 * What the public lookups share — case progress, complaint lookup and the rating page: the
 * client's address for the per-client limit, and the problem a refused lookup answers with.
 * (A module of its own, so a handler does not bundle another handler to reach them.)
 */
import type { GuardVerdict } from '../store/public-lookup-guard.ts';
import { HttpProblem } from './problems.ts';

const typeBase = 'https://yichuang.dev/problems';

/**
 * The client's address for the per-client limit. Behind CloudFront the connection comes from an
 * edge node, so the cloud sets `CLIENT_ADDRESS_HEADER=cloudfront-viewer-address` (with that header
 * in the origin request policy, and the API reachable only through CloudFront); locally, and when
 * unset, the connection's source address.
 */
export function clientAddress(event: {
  headers?: Record<string, string | undefined>;
  requestContext: { http: { sourceIp: string } };
}): string {
  const header = process.env.CLIENT_ADDRESS_HEADER?.toLowerCase();
  const value = header ? event.headers?.[header] : undefined;
  if (value) {
    const address = value.split(',')[0]?.trim() ?? '';
    // `203.0.113.9:46532` or `[2001:db8::1]:46532` → the address without the port.
    return address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.replace(/:\d+$/, '');
  }
  return event.requestContext.http.sourceIp;
}

/**
 * 429 with `retry-after` for a refused lookup: locked (too many wrong codes for one number, told
 * with `lockedDetail`) or too many requests.
 */
export function lookupRefused(
  verdict: Exclude<GuardVerdict, { ok: true }>,
  tooManyDetail: string,
  lockedDetail = tooManyDetail,
): HttpProblem {
  return new HttpProblem(
    verdict.reason === 'locked'
      ? { type: `${typeBase}/lookup-locked`, title: '查询已暂时锁定', status: 429, detail: lockedDetail }
      : { type: `${typeBase}/too-many-requests`, title: '请求过于频繁', status: 429, detail: tooManyDetail },
    { 'retry-after': String(verdict.retryAfterSeconds) },
  );
}
