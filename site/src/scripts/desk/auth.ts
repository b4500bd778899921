/**
 * The desk's sign-in: OAuth 2.0 authorization code flow with PKCE (S256) against the issuer that
 * /desk/config.json describes — Cognito managed login in the cloud, the local demo issuer on one
 * machine. The ID token is kept in sessionStorage (gone when the tab closes) and sent to /api as
 * `Authorization: Bearer`.
 */
import { type DeskAuthConfig, parseDeskAuthConfig } from '../../../../infra/desk-auth-config.ts';

export interface DeskUser {
  username: string;
  name: string;
  roles: string[];
  department?: string;
  window?: string;
}

const keys = {
  token: 'yc-desk:id-token',
  verifier: 'yc-desk:pkce-verifier',
  state: 'yc-desk:oauth-state',
  returnTo: 'yc-desk:return-to',
};

let configPromise: Promise<DeskAuthConfig> | undefined;

async function fetchConfig(): Promise<DeskAuthConfig> {
  const response = await fetch('/desk/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`/desk/config.json: ${response.status}`);
  return parseDeskAuthConfig(await response.json());
}

export function loadConfig(): Promise<DeskAuthConfig> {
  configPromise ??= fetchConfig();
  return configPromise;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function redirectUri(config: DeskAuthConfig): string {
  return new URL(config.redirectPath, location.origin).toString();
}

/** Leaves for the issuer's sign-in page; comes back to `returnTo` (a same-origin path). */
export async function signIn(returnTo: string = location.pathname + location.search): Promise<never> {
  const config = await loadConfig();
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(keys.verifier, verifier);
  sessionStorage.setItem(keys.state, state);
  sessionStorage.setItem(keys.returnTo, returnTo.startsWith('/') ? returnTo : '/desk/');
  const url = new URL(config.authorizeUrl, location.origin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(config),
    scope: config.scopes.join(' '),
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
  return new Promise<never>(() => {});
}

/** On /desk/callback/: checks the state, exchanges the code, stores the token. */
export async function completeSignIn(params: URLSearchParams): Promise<string> {
  const config = await loadConfig();
  const error = params.get('error');
  if (error) throw new Error(`登录失败：${params.get('error_description') ?? error}`);
  const state = sessionStorage.getItem(keys.state);
  const verifier = sessionStorage.getItem(keys.verifier);
  sessionStorage.removeItem(keys.state);
  sessionStorage.removeItem(keys.verifier);
  if (!state || !verifier || params.get('state') !== state) throw new Error('登录状态不匹配，请重新登录。');
  const response = await fetch(new URL(config.tokenUrl, location.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: params.get('code') ?? '',
      redirect_uri: redirectUri(config),
      code_verifier: verifier,
    }),
  });
  const body = (await response.json()) as { id_token?: string; error?: string };
  if (!response.ok || !body.id_token) throw new Error(`登录失败：${body.error ?? response.status}`);
  sessionStorage.setItem(keys.token, body.id_token);
  const returnTo = sessionStorage.getItem(keys.returnTo) ?? '/desk/';
  sessionStorage.removeItem(keys.returnTo);
  return returnTo;
}

function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const bytes = Uint8Array.from(atob(payload.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
      c.charCodeAt(0),
    );
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The stored ID token while it has more than 30 s left. */
export function currentToken(): string | undefined {
  const token = sessionStorage.getItem(keys.token);
  if (!token) return undefined;
  const exp = claimsOf(token)?.exp;
  if (typeof exp !== 'number' || exp * 1000 < Date.now() + 30_000) {
    sessionStorage.removeItem(keys.token);
    return undefined;
  }
  return token;
}

export function currentUser(): DeskUser | undefined {
  const token = currentToken();
  const claims = token ? claimsOf(token) : undefined;
  if (!claims) return undefined;
  const groups = claims['cognito:groups'];
  return {
    username: String(claims['cognito:username'] ?? claims.sub ?? ''),
    name: String(claims.name ?? claims['cognito:username'] ?? ''),
    roles: Array.isArray(groups) ? groups.map(String) : [],
    ...(typeof claims['custom:department'] === 'string' ? { department: claims['custom:department'] } : {}),
    ...(typeof claims['custom:window'] === 'string' ? { window: claims['custom:window'] } : {}),
  };
}

/** The signed-in user, or off to the sign-in page. */
export async function requireUser(): Promise<DeskUser> {
  const user = currentUser();
  if (user) return user;
  return signIn();
}

export async function signOut(): Promise<never> {
  sessionStorage.clear();
  const config = await loadConfig();
  const url = new URL(config.logoutUrl, location.origin);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    logout_uri: new URL(config.logoutRedirectPath, location.origin).toString(),
  }).toString();
  location.assign(url.toString());
  return new Promise<never>(() => {});
}
