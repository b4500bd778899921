import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAudience, localIssuer } from '../../infra/local/identity.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * Two clerks pressing "next" at once never get the same ticket: 50 calls at once from 5 windows
 * of one category at 40 waiting tickets — every ticket called exactly once, none lost, and the
 * 10 calls too many answered 404. The demo users hold one window of the category, so the test
 * signs clerks of sj-01…sj-05 with the local issuer's own key (the claims a Cognito clerk has).
 */

let runtime: TestRuntime;

async function clerkToken(window: string): Promise<string> {
  const keys = JSON.parse(
    await readFile(path.join(runtime.dataDir, 'identity', 'signing-key.json'), 'utf8'),
  ) as {
    kid: string;
    privateJwk: JWK;
  };
  const key = await importJWK(keys.privateJwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    'cognito:username': `clerk-${window}`,
    'cognito:groups': ['clerk'],
    token_use: 'id',
    name: `${window} 窗口`,
    'custom:department': 'sj',
    'custom:window': window,
    auth_time: now,
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(localIssuer)
    .setAudience(localAudience)
    .setSubject(`00000000-0000-4000-8000-0000000001${window.slice(-2)}`)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key);
}

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('calling under concurrency', () => {
  it('gives 40 waiting tickets to 50 simultaneous calls from 5 windows exactly once each', async () => {
    const taken: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const response = await fetch(`${runtime.baseUrl}/api/public/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'market' }),
      });
      expect(response.status).toBe(201);
      taken.push(((await response.json()) as { ticketNo: string }).ticketNo);
    }
    expect(new Set(taken).size).toBe(40);

    const windows = ['sj-01', 'sj-02', 'sj-03', 'sj-04', 'sj-05'];
    const tokens = new Map(await Promise.all(windows.map(async (w) => [w, await clerkToken(w)] as const)));
    const replies = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const window = windows[i % windows.length] as string;
        const response = await fetch(`${runtime.baseUrl}/api/windows/${window}/calls`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.get(window)}` },
        });
        return { window, status: response.status, body: (await response.json()) as Record<string, unknown> };
      }),
    );
    const called = replies.filter((reply) => reply.status === 201);
    const refused = replies.filter((reply) => reply.status !== 201);
    expect(refused.map((reply) => reply.status)).toEqual(Array(10).fill(404));
    const calledNumbers = called.map((reply) => reply.body.ticketNo as string);
    expect(calledNumbers.sort()).toEqual([...taken].sort());
    for (const reply of called) expect(reply.body.window).toBe(reply.window);

    const hall = (await (await fetch(`${runtime.baseUrl}/api/public/hall`)).json()) as {
      categories: { code: string; waiting: number }[];
      calls: { window: string }[];
    };
    expect(hall.categories.find((category) => category.code === 'market')?.waiting).toBe(0);
    expect(hall.calls.map((call) => call.window).sort()).toEqual(windows);
  }, 120_000);
});
