import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../infra/security-headers.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * The local OAuth 2.0 issuer the clerk desk signs in with (infra/local/oauth.ts): the desk's
 * config, the sign-in page, the code flow with PKCE S256, and the ways an exchange must fail.
 */

let runtime: TestRuntime;
const clientId = 'yichuang-local-client';
let redirectUri: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  redirectUri = `${runtime.baseUrl}/desk/callback/`;
});
afterAll(async () => {
  await runtime?.stop();
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

function authorizeParams(challenge: string, overrides: Record<string, string> = {}) {
  return new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'state-123',
    ...overrides,
  });
}

async function signIn(username: string, challenge: string): Promise<URL> {
  const form = authorizeParams(challenge);
  form.set('username', username);
  const response = await fetch(`${runtime.baseUrl}/local-idp/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

async function exchange(fields: Record<string, string>) {
  const response = await fetch(`${runtime.baseUrl}/local-idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      redirect_uri: redirectUri,
      ...fields,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('local OAuth issuer', () => {
  it('serves the desk config in local mode', async () => {
    const response = await fetch(`${runtime.baseUrl}/desk/config.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      mode: 'local',
      issuer: 'https://local-idp.yichuang.invalid',
      authorizeUrl: '/local-idp/authorize',
      tokenUrl: '/local-idp/token',
      logoutUrl: '/local-idp/logout',
      clientId,
      redirectPath: '/desk/callback/',
      logoutRedirectPath: '/desk/signed-out/',
      scopes: ['openid', 'profile', 'email'],
    });
  });

  it('shows a sign-in page listing the demo users, under the CSP, with no script or inline style', async () => {
    const response = await fetch(
      `${runtime.baseUrl}/local-idp/authorize?${authorizeParams(pkce().challenge)}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    const html = await response.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('本地演示');
    for (const user of ['clerk', 'clerk-b', 'chief', 'leader', 'supervisor'])
      expect(html).toContain(`value="${user}"`);
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toMatch(/<label for="user-0">/);
  });

  it('refuses an unknown client or a foreign redirect_uri without redirecting', async () => {
    const { challenge } = pkce();
    const cases: Record<string, string>[] = [
      { client_id: 'other' },
      { redirect_uri: 'https://evil.example/desk/callback/' },
      { redirect_uri: `${runtime.baseUrl}/desk/other/` },
    ];
    for (const overrides of cases) {
      const response = await fetch(
        `${runtime.baseUrl}/local-idp/authorize?${authorizeParams(challenge, overrides)}`,
        { redirect: 'manual' },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('redirects other bad requests back with an OAuth error', async () => {
    const response = await fetch(
      `${runtime.baseUrl}/local-idp/authorize?${authorizeParams(pkce().challenge, { code_challenge_method: 'plain' })}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('state-123');
  });

  it('issues a code, and exchanges it once for an ID token of the chosen user', async () => {
    const { verifier, challenge } = pkce();
    const location = await signIn('chief', challenge);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('state-123');
    const code = location.searchParams.get('code') ?? '';
    const reply = await exchange({ code, code_verifier: verifier });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const claims = await runtime.identity.verify(reply.body.id_token as string);
    expect(claims['cognito:username']).toBe('chief');
    const me = await fetch(`${runtime.baseUrl}/api/me`, {
      headers: { authorization: `Bearer ${reply.body.id_token as string}` },
    });
    expect(me.status).toBe(200);

    const again = await exchange({ code, code_verifier: verifier });
    expect(again).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
  });

  it('refuses a PKCE mismatch, and the code is spent by the failed attempt', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn('clerk', challenge)).searchParams.get('code') ?? '';
    const wrong = await exchange({ code, code_verifier: pkce().verifier });
    expect(wrong).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
    const right = await exchange({ code, code_verifier: verifier });
    expect(right.status).toBe(400);
  });

  it('refuses a redirect_uri that differs from the authorization request', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn('clerk', challenge)).searchParams.get('code') ?? '';
    const reply = await exchange({
      code,
      code_verifier: verifier,
      redirect_uri: `${runtime.baseUrl}/desk/callback/?x=1`,
    });
    expect(reply).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
  });

  it('refuses other grant types, a missing verifier and another client', async () => {
    expect(
      (await exchange({ grant_type: 'password', code: 'x', code_verifier: pkce().verifier })).body.error,
    ).toBe('unsupported_grant_type');
    expect((await exchange({ code: 'x' })).body.error).toBe('invalid_request');
    expect((await exchange({ client_id: 'other', code: 'x', code_verifier: pkce().verifier })).status).toBe(
      401,
    );
  });

  it('signs out to a same-origin logout_uri only', async () => {
    const good = await fetch(
      `${runtime.baseUrl}/local-idp/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(`${runtime.baseUrl}/desk/signed-out/`)}`,
      { redirect: 'manual' },
    );
    expect(good.status).toBe(302);
    expect(good.headers.get('location')).toBe(`${runtime.baseUrl}/desk/signed-out/`);
    const bad = await fetch(
      `${runtime.baseUrl}/local-idp/logout?client_id=${clientId}&logout_uri=${encodeURIComponent('https://evil.example/')}`,
      { redirect: 'manual' },
    );
    expect(bad.status).toBe(400);
  });
});
