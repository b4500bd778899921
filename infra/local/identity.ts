/**
 * The local identity issuer: stands in for the Cognito user pool. It signs RS256 tokens whose
 * claims have Cognito's shape (`cognito:groups` = roles), and verifies them the way the HTTP API's
 * JWT authorizer does: signature from the key set, issuer, audience, expiry and not-before.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { type Role, roleLabels } from '../../functions/domain/roles.ts';

export const localIssuer = 'https://local-idp.yichuang.invalid';
export const localAudience = 'yichuang-local-client';
const algorithm = 'RS256';

export interface DemoUser {
  username: string;
  /** Stable subject, like a Cognito `sub`. */
  subject: string;
  displayName: string;
  roles: Role[];
  email: string;
  /** Catalogue department id (`mz`, `sw`…): the `custom:department` claim. */
  department?: string;
  /**
   * Window code (`mz-01`): the `custom:window` claim. Clerks of one window are each other's A/B
   * post: while one is marked away (PUT /api/windows/{window}/away/{username}), the other acts.
   */
  window?: string;
}

export const demoUsers: readonly DemoUser[] = [
  {
    username: 'clerk',
    subject: '00000000-0000-4000-8000-000000000001',
    displayName: '王窗口',
    roles: ['clerk'],
    email: 'clerk@example.invalid',
    department: 'mz',
    window: 'mz-01',
  },
  {
    username: 'clerk-b',
    subject: '00000000-0000-4000-8000-000000000002',
    displayName: '李备岗',
    roles: ['clerk'],
    email: 'clerk-b@example.invalid',
    department: 'mz',
    window: 'mz-01',
  },
  {
    username: 'chief',
    subject: '00000000-0000-4000-8000-000000000003',
    displayName: '陈首席',
    roles: ['chief'],
    email: 'chief@example.invalid',
    department: 'mz',
  },
  {
    username: 'leader',
    subject: '00000000-0000-4000-8000-000000000004',
    displayName: '赵分管',
    roles: ['leader'],
    email: 'leader@example.invalid',
    department: 'mz',
  },
  {
    username: 'supervisor',
    subject: '00000000-0000-4000-8000-000000000005',
    displayName: '孙监察',
    roles: ['supervisor'],
    email: 'supervisor@example.invalid',
  },
  {
    username: 'admin',
    subject: '00000000-0000-4000-8000-000000000006',
    displayName: '周管理',
    roles: ['admin'],
    email: 'admin@example.invalid',
  },
  {
    username: 'clerk-sw',
    subject: '00000000-0000-4000-8000-000000000007',
    displayName: '吴税务',
    roles: ['clerk'],
    email: 'clerk-sw@example.invalid',
    department: 'sw',
    window: 'sw-01',
  },
  {
    username: 'clerk-sj',
    subject: '00000000-0000-4000-8000-000000000008',
    displayName: '郑市场',
    roles: ['clerk'],
    email: 'clerk-sj@example.invalid',
    department: 'sj',
    window: 'sj-01',
  },
  {
    username: 'clerk-rs',
    subject: '00000000-0000-4000-8000-000000000009',
    displayName: '冯人社',
    roles: ['clerk'],
    email: 'clerk-rs@example.invalid',
    department: 'rs',
    window: 'rs-01',
  },
  {
    username: 'chief-sj',
    subject: '00000000-0000-4000-8000-000000000010',
    displayName: '钱首席',
    roles: ['chief'],
    email: 'chief-sj@example.invalid',
    department: 'sj',
  },
  {
    // The general window (综合窗口) takes in any item or bundle for every department.
    username: 'clerk-zh',
    subject: '00000000-0000-4000-8000-000000000011',
    displayName: '林综合',
    roles: ['clerk'],
    email: 'clerk-zh@example.invalid',
    department: 'zh',
    window: 'zh-01',
  },
];

export function describeDemoUser(user: DemoUser): string {
  return `${user.username} (${user.roles.map((role) => roleLabels[role]).join('、')})`;
}

interface StoredKeys {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface IdentityIssuer {
  /** The public key set, as `/.well-known/jwks.json` would serve it. */
  jwks: { keys: JWK[] };
  issue(username: string, options?: { now?: Date; expiresInSeconds?: number }): Promise<string>;
  verify(token: string, now?: Date): Promise<JWTPayload>;
}

async function loadOrCreateKeys(dataDir: string): Promise<StoredKeys> {
  const file = path.join(dataDir, 'identity', 'signing-key.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StoredKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey, publicKey } = await generateKeyPair(algorithm, { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const keys: StoredKeys = {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: algorithm },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: algorithm, use: 'sig' },
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

export function findDemoUser(username: string): DemoUser | undefined {
  return demoUsers.find((user) => user.username === username);
}

export async function openIdentityIssuer(dataDir: string): Promise<IdentityIssuer> {
  const keys = await loadOrCreateKeys(dataDir);
  const privateKey = (await importJWK(keys.privateJwk, algorithm)) as CryptoKey;
  const publicKey = (await importJWK(keys.publicJwk, algorithm)) as CryptoKey;
  return {
    jwks: { keys: [keys.publicJwk] },
    async issue(username, options = {}) {
      const user = findDemoUser(username);
      if (!user) {
        throw new Error(
          `Unknown demo user "${username}". Demo users: ${demoUsers.map((demo) => demo.username).join(', ')}`,
        );
      }
      const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
      return new SignJWT({
        'cognito:username': user.username,
        'cognito:groups': user.roles,
        token_use: 'id',
        email: user.email,
        name: user.displayName,
        ...(user.department ? { 'custom:department': user.department } : {}),
        ...(user.window ? { 'custom:window': user.window } : {}),
        auth_time: now,
      })
        .setProtectedHeader({ alg: algorithm, kid: keys.kid, typ: 'JWT' })
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setSubject(user.subject)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
        .sign(privateKey);
    },
    async verify(token, now = new Date()) {
      const { payload } = await jwtVerify(token, publicKey, {
        algorithms: [algorithm],
        issuer: localIssuer,
        audience: localAudience,
        currentDate: now,
      });
      return payload;
    },
  };
}

/**
 * Claims as the HTTP API hands them to a function: every value a string, arrays as `[a b]`.
 */
export function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value),
    ]),
  );
}
