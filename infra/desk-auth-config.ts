/**
 * The desk's runtime sign-in settings, served as `/desk/config.json` next to the site: the clerk
 * desk signs in with the OAuth 2.0 authorization code flow and PKCE (RFC 7636) against an
 * OIDC-style issuer, and reads from this document where that issuer is. In the cloud it is
 * Cognito's managed login (infra/cloud/api.ts writes the document, infra/cloud/site.ts deploys it);
 * locally the local identity issuer serves the same shape with `mode: 'local'` and local URLs.
 *
 * The desk then calls the API with the **ID token** (`Authorization: Bearer <id token>`): it
 * carries `cognito:groups`, `name`, `custom:department` and `custom:window`, and its `aud` is
 * `clientId`.
 */

/** Where the document lives, relative to the site root (an S3 key, a URL path without `/`). */
export const deskAuthConfigKey = 'desk/config.json';
/** The desk page the issuer redirects to with `?code=…&state=…`. */
export const deskRedirectPath = '/desk/callback/';
/** The desk's home page. */
export const deskHomePath = '/desk/';
/** Where the issuer's sign-out returns to (`logout_uri` of site/src/scripts/desk/auth.ts). */
export const deskSignedOutPath = '/desk/signed-out/';
/** The scopes the desk asks for: OpenID Connect, the staff member's name and e-mail. */
export const deskScopes = ['openid', 'profile', 'email'] as const;

interface DeskAuthEndpoints {
  /** The token issuer (`iss` of the ID token); Cognito: `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  issuer: string;
  /** Authorization endpoint: the desk redirects here with `response_type=code` and a PKCE challenge. */
  authorizeUrl: string;
  /** Token endpoint: the desk exchanges the code (with the PKCE verifier) for tokens here. */
  tokenUrl: string;
  /**
   * Sign-out endpoint: `?client_id=…&logout_uri=<origin><logoutRedirectPath>` (Cognito accepts
   * only the sign-out URLs registered on the client: `deskSignedOutPath` and `deskHomePath`).
   */
  logoutUrl: string;
  /** The public client (no secret). */
  clientId: string;
  /** Path on the site's origin of the redirect URI; the desk prepends `location.origin`. */
  redirectPath: typeof deskRedirectPath;
  /** Path on the site's origin the sign-out returns to (`logout_uri`): `deskSignedOutPath`. */
  logoutRedirectPath: string;
  scopes: string[];
}

export interface CognitoDeskAuthConfig extends DeskAuthEndpoints {
  mode: 'cognito';
}

/** Served by the local runtime (infra/local/oauth.ts) with relative, same-origin URLs. */
export interface LocalDeskAuthConfig extends DeskAuthEndpoints {
  mode: 'local';
}

export type DeskAuthConfig = CognitoDeskAuthConfig | LocalDeskAuthConfig;

const stringFields = [
  'issuer',
  'authorizeUrl',
  'tokenUrl',
  'logoutUrl',
  'clientId',
  'logoutRedirectPath',
] as const;

/** Reads a fetched `/desk/config.json`, failing with the field that is wrong. */
export function parseDeskAuthConfig(value: unknown): DeskAuthConfig {
  if (value === null || typeof value !== 'object') throw new Error('desk config: not an object');
  const record = value as Record<string, unknown>;
  if (record.mode !== 'cognito' && record.mode !== 'local') {
    throw new Error(`desk config: mode must be "cognito" or "local", not ${JSON.stringify(record.mode)}`);
  }
  for (const field of stringFields) {
    if (typeof record[field] !== 'string' || record[field] === '') {
      throw new Error(`desk config: ${field} must be a non-empty string`);
    }
  }
  if (record.redirectPath !== deskRedirectPath) {
    throw new Error(`desk config: redirectPath must be ${deskRedirectPath}`);
  }
  const scopes = record.scopes;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
    throw new Error('desk config: scopes must be an array of strings');
  }
  return record as unknown as DeskAuthConfig;
}
