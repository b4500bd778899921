import { rm } from 'node:fs/promises';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unauthorizedProblem } from '../../functions/http/problems.ts';
import { isPublic, routes } from '../../functions/http/routes.ts';
import { localAudience, localIssuer, openIdentityIssuer } from '../../infra/local/identity.ts';
import { makeDataDir, startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * The local runtime must refuse exactly as the cloud does: the HTTP API's JWT authorizer (401,
 * whose body CloudFront replaces with the unauthorized problem document) and the functions' role
 * check (403 problem+json).
 */
describe('staff routes and tokens', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${runtime.baseUrl}${path}`, {
      ...init,
      headers: init.token ? { authorization: `Bearer ${init.token}` } : {},
    });

  async function expectUnauthorized(response: Response) {
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual(unauthorizedProblem);
  }

  it('lets a demo user with a role the route allows through', async () => {
    const response = await call('/api/me', { token: await runtime.identity.issue('chief') });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      username: 'chief',
      roles: ['chief'],
      roleLabels: ['首席代表'],
    });
  });

  it('refuses every staff route without a token', async () => {
    const staffRoutes = routes.filter((route) => !isPublic(route));
    expect(staffRoutes.length).toBeGreaterThan(0);
    for (const route of staffRoutes) {
      await expectUnauthorized(await call(route.path, { method: route.method }));
    }
  });

  it('refuses a malformed token', async () => {
    await expectUnauthorized(await call('/api/me', { token: 'not.a.jwt' }));
    const response = await fetch(`${runtime.baseUrl}/api/me`, {
      headers: { authorization: 'Basic Y2xlcms6eA==' },
    });
    await expectUnauthorized(response);
  });

  it('refuses an expired token', async () => {
    const token = await runtime.identity.issue('clerk', {
      now: new Date(Date.now() - 2 * 3600_000),
      expiresInSeconds: 3600,
    });
    await expectUnauthorized(await call('/api/me', { token }));
  });

  it('refuses a token signed with another key', async () => {
    const strangerDir = await makeDataDir();
    try {
      const stranger = await openIdentityIssuer(strangerDir);
      await expectUnauthorized(await call('/api/me', { token: await stranger.issue('admin') }));
    } finally {
      await rm(strangerDir, { recursive: true, force: true });
    }
  });

  it('refuses a token for another audience or issuer, and an unsigned one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({
        sub: 'x',
        iss: localIssuer,
        aud: localAudience,
        exp: now + 600,
        'cognito:groups': ['admin'],
      }),
    ).toString('base64url')}.`;
    await expectUnauthorized(await call('/api/me', { token: unsigned }));

    const secret = new TextEncoder().encode('a-shared-secret-is-not-the-issuer-key');
    const hmac = await new SignJWT({ 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setSubject('x')
      .setExpirationTime(now + 600)
      .sign(secret);
    await expectUnauthorized(await call('/api/me', { token: hmac }));
  });

  it('refuses a token whose role the route does not allow with 403 problem+json', async () => {
    const response = await call('/api/supervision/sweeps', {
      method: 'POST',
      token: await runtime.identity.issue('clerk'),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 403,
      title: '无权访问',
      detail: expect.stringContaining('supervisor'),
    });
  });

  it('runs the sweep for a supervisor', async () => {
    const response = await call('/api/supervision/sweeps', {
      method: 'POST',
      token: await runtime.identity.issue('supervisor'),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ examined: 0, changed: 0 });
  });

  it('needs no token on public routes', async () => {
    expect((await call('/api/health')).status).toBe(200);
  });
});
