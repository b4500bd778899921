/**
 * The local stand-in for Cognito managed login: the OAuth 2.0 authorization code flow with PKCE
 * (RFC 6749, RFC 7636, S256 only) that the clerk desk uses to sign in.
 *
 * - `GET /desk/config.json`: how the desk finds the issuer (`mode: "local"`, local URLs).
 * - `GET /local-idp/authorize`: a plain HTML page (no script, no inline style) listing the demo
 *   users; `POST /local-idp/authorize` (the form) answers 302 to the redirect URI with `code` and
 *   `state`.
 * - `POST /local-idp/token`: exchanges the code (single use, 60 s, kept in memory) for an ID token
 *   signed by the local identity issuer, after checking client, redirect URI and the PKCE verifier.
 * - `GET /local-idp/logout`: like Cognito's `/logout`, 302 to `logout_uri` (same origin only).
 *
 * Redirect URIs are accepted only on the origin the request came to, at `redirectPath`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  deskAuthConfigKey,
  deskRedirectPath,
  deskScopes,
  type LocalDeskAuthConfig,
} from '../desk-auth-config.ts';
import {
  demoUsers,
  describeDemoUser,
  findDemoUser,
  type IdentityIssuer,
  localAudience,
  localIssuer,
} from './identity.ts';

export const deskConfigPath = `/${deskAuthConfigKey}`;
export const authorizePath = '/local-idp/authorize';
export const tokenPath = '/local-idp/token';
export const logoutPath = '/local-idp/logout';
const stylePath = '/local-idp/style.css';
export const redirectPath = deskRedirectPath;
/** Where sign-out returns to locally: a page that says so (the desk home would sign in again). */
export const logoutRedirectPath = '/desk/signed-out/';
export const localClientId = localAudience;
export const codeLifetimeMs = 60_000;
const tokenLifetimeSeconds = 3600;

/** `/desk/config.json` as the local runtime serves it (infra/desk-auth-config.ts). */
export const localDeskAuthConfig: LocalDeskAuthConfig = {
  mode: 'local',
  issuer: localIssuer,
  authorizeUrl: authorizePath,
  tokenUrl: tokenPath,
  logoutUrl: logoutPath,
  clientId: localClientId,
  redirectPath,
  logoutRedirectPath,
  scopes: [...deskScopes],
};

export interface OAuthResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface PendingCode {
  username: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

function json(status: number, value: unknown): OAuthResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...noStore },
    body: Buffer.from(JSON.stringify(value)),
  };
}

function oauthError(status: number, error: string, description: string): OAuthResponse {
  return json(status, { error, error_description: description });
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(status: number, title: string, content: string): OAuthResponse {
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} - 一窗本地演示身份认证</title>
<link rel="stylesheet" href="${stylePath}">
</head>
<body>
<main id="main">
${content}
</main>
</body>
</html>
`;
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...noStore },
    body: Buffer.from(html),
  };
}

const css = `body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1a1a1a;background:#f4f6f8;line-height:1.6}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border:1px solid #c8ced4}
h1{font-size:1.5rem;margin-top:0}
.notice{border-left:4px solid #b35c00;background:#fff6ea;padding:.5rem 1rem}
fieldset{border:1px solid #c8ced4;padding:.5rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.user{display:flex;gap:.5rem;align-items:baseline;padding:.25rem 0}
input[type=radio]{width:1.25rem;height:1.25rem}
input:focus-visible,button:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
button{margin-top:1rem;font:inherit;font-size:1.1rem;padding:.5rem 1.5rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:hover{background:#083d6e}
.error{color:#a4161a;font-weight:600}
`;

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/** `BASE64URL(SHA256(verifier))`, RFC 7636 §4.6. */
export function s256(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

const pkcePattern = /^[A-Za-z0-9\-._~]{43,128}$/;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The origin the browser used, from the Host header (the runtime listens on plain HTTP). */
function requestOrigin(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host;
  return host ? `http://${host}` : undefined;
}

function validRedirect(redirectUri: string, headers: IncomingHttpHeaders): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  const origin = requestOrigin(headers);
  return (
    origin !== undefined &&
    url.origin === origin &&
    url.pathname === redirectPath &&
    url.search === '' &&
    url.hash === ''
  );
}

export interface LocalOAuth {
  /** Whether the path is one this module answers. */
  handles(pathname: string): boolean;
  handle(method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer): Promise<OAuthResponse>;
}

export function createLocalOAuth(identity: IdentityIssuer, now: () => number = Date.now): LocalOAuth {
  const codes = new Map<string, PendingCode>();

  const sweep = () => {
    const at = now();
    for (const [code, pending] of codes) if (pending.expiresAt <= at) codes.delete(code);
  };

  /** The authorization request's parameters, checked; the client and redirect URI first. */
  const readRequest = (params: URLSearchParams, headers: IncomingHttpHeaders) => {
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    if (clientId !== localClientId)
      return { fatal: 'client_id 不是本地演示客户端（yichuang-local-client）。' } as const;
    if (!validRedirect(redirectUri, headers))
      return { fatal: `redirect_uri 必须是本站的 ${redirectPath}。` } as const;
    const state = params.get('state') ?? '';
    const challenge = params.get('code_challenge') ?? '';
    let problem: string | undefined;
    if (params.get('response_type') !== 'code') problem = 'response_type 必须是 code。';
    else if (params.get('code_challenge_method') !== 'S256') problem = 'code_challenge_method 必须是 S256。';
    else if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) problem = 'code_challenge 缺失或格式不对。';
    else if (state === '' || state.length > 512) problem = 'state 缺失或过长。';
    return { clientId, redirectUri, state, challenge, problem } as const;
  };

  const redirectWith = (redirectUri: string, values: Record<string, string>): OAuthResponse => {
    const target = new URL(redirectUri);
    for (const [key, value] of Object.entries(values)) if (value !== '') target.searchParams.set(key, value);
    return { status: 302, headers: { location: target.toString(), ...noStore }, body: Buffer.alloc(0) };
  };

  const signInPage = (params: URLSearchParams, error?: string) => {
    const hidden = [
      'response_type',
      'client_id',
      'redirect_uri',
      'code_challenge',
      'code_challenge_method',
      'state',
    ]
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`)
      .join('\n');
    const users = demoUsers
      .map(
        (user, index) =>
          `<div class="user"><input type="radio" name="username" id="user-${index}" value="${escapeHtml(user.username)}"${index === 0 ? ' checked' : ''}><label for="user-${index}">${escapeHtml(user.displayName)} — ${escapeHtml(describeDemoUser(user))}${user.window ? `，窗口 ${escapeHtml(user.window)}` : ''}</label></div>`,
      )
      .join('\n');
    return page(
      error ? 400 : 200,
      '登录',
      `<h1>一窗 · 窗口工作台登录</h1>
<p class="notice"><strong>本地演示身份认证：</strong>这是本机运行时自带的演示登录页，只有虚构的演示用户，不需要密码。部署到云上时由 Amazon Cognito 托管登录页代替。</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${authorizePath}">
${hidden}
<fieldset>
<legend>选择以哪个演示用户登录</legend>
${users}
</fieldset>
<button type="submit">登录</button>
</form>`,
    );
  };

  const authorize = (method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer) => {
    const params = method === 'POST' ? new URLSearchParams(body.toString('utf8')) : url.searchParams;
    const request = readRequest(params, headers);
    if ('fatal' in request)
      return page(
        400,
        '登录请求无效',
        `<h1>登录请求无效</h1><p class="error">${escapeHtml(request.fatal ?? '')}</p>`,
      );
    if (request.problem)
      return redirectWith(request.redirectUri, {
        error: 'invalid_request',
        error_description: request.problem,
        state: request.state,
      });
    if (method !== 'POST') return signInPage(params);
    const user = findDemoUser(params.get('username') ?? '');
    if (!user) return signInPage(params, '请选择一个演示用户。');
    sweep();
    const code = base64url(randomBytes(32));
    codes.set(code, {
      username: user.username,
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      challenge: request.challenge,
      expiresAt: now() + codeLifetimeMs,
    });
    return redirectWith(request.redirectUri, { code, state: request.state });
  };

  const token = async (headers: IncomingHttpHeaders, body: Buffer): Promise<OAuthResponse> => {
    const type = String(headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (type !== 'application/x-www-form-urlencoded')
      return oauthError(400, 'invalid_request', 'Body must be application/x-www-form-urlencoded.');
    const params = new URLSearchParams(body.toString('utf8'));
    if (params.get('grant_type') !== 'authorization_code')
      return oauthError(400, 'unsupported_grant_type', 'Only authorization_code is supported.');
    const clientId = params.get('client_id') ?? '';
    if (clientId !== localClientId) return oauthError(401, 'invalid_client', 'Unknown client_id.');
    const code = params.get('code') ?? '';
    const verifier = params.get('code_verifier') ?? '';
    if (!pkcePattern.test(verifier))
      return oauthError(400, 'invalid_request', 'code_verifier missing or malformed (RFC 7636 §4.1).');
    sweep();
    const pending = codes.get(code);
    // Single use: a code is spent by its first exchange, whether or not that succeeds.
    codes.delete(code);
    if (!pending) return oauthError(400, 'invalid_grant', 'The code is unknown, expired or already used.');
    if (pending.clientId !== clientId)
      return oauthError(400, 'invalid_grant', 'The code was issued to another client.');
    if (pending.redirectUri !== (params.get('redirect_uri') ?? ''))
      return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    if (!sameText(s256(verifier), pending.challenge))
      return oauthError(400, 'invalid_grant', 'PKCE verification failed.');
    const idToken = await identity.issue(pending.username, { expiresInSeconds: tokenLifetimeSeconds });
    return json(200, {
      id_token: idToken,
      access_token: idToken,
      token_type: 'Bearer',
      expires_in: tokenLifetimeSeconds,
    });
  };

  const logout = (url: URL, headers: IncomingHttpHeaders): OAuthResponse => {
    const target = url.searchParams.get('logout_uri') ?? '';
    const origin = requestOrigin(headers);
    let parsed: URL | undefined;
    try {
      parsed = new URL(target);
    } catch {
      parsed = undefined;
    }
    if (url.searchParams.get('client_id') !== localClientId || !parsed || parsed.origin !== origin)
      return page(
        400,
        '退出请求无效',
        '<h1>退出请求无效</h1><p class="error">client_id 或 logout_uri 不正确。</p>',
      );
    return { status: 302, headers: { location: parsed.toString(), ...noStore }, body: Buffer.alloc(0) };
  };

  const paths = new Set([deskConfigPath, authorizePath, tokenPath, logoutPath, stylePath]);

  return {
    handles: (pathname) => paths.has(pathname),
    async handle(method, url, headers, body) {
      const allow = (allowed: string[]): OAuthResponse | undefined =>
        allowed.includes(method)
          ? undefined
          : {
              status: 405,
              headers: { allow: allowed.join(', '), 'content-type': 'text/plain; charset=utf-8' },
              body: Buffer.from('405 Method Not Allowed'),
            };
      switch (url.pathname) {
        case deskConfigPath:
          return (
            allow(['GET', 'HEAD']) ?? {
              status: 200,
              headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' },
              body: Buffer.from(JSON.stringify(localDeskAuthConfig)),
            }
          );
        case stylePath:
          return (
            allow(['GET', 'HEAD']) ?? {
              status: 200,
              headers: { 'content-type': 'text/css; charset=utf-8' },
              body: Buffer.from(css),
            }
          );
        case authorizePath:
          return allow(['GET', 'HEAD', 'POST']) ?? authorize(method, url, headers, body);
        case tokenPath:
          return allow(['POST']) ?? token(headers, body);
        default:
          return allow(['GET', 'HEAD']) ?? logout(url, headers);
      }
    },
  };
}
