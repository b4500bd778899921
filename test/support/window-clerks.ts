/**
 * Clerks of any window, for the counter's calling tests: the demo users hold one window each, so
 * a test signs a clerk of `sj-01`… with the local issuer's own key — the claims a Cognito clerk
 * of that window has (its department is the window code's prefix).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { localAudience, localIssuer } from '../../infra/local/identity.ts';
import type { TestRuntime } from './runtime.ts';

export async function windowClerkToken(runtime: TestRuntime, window: string): Promise<string> {
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
    'custom:department': window.split('-')[0],
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
