/**
 * The security headers every response carries. The CloudFront response-headers policy and the
 * local runtime both read this, so the site is tested locally under the policy it is served with.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // The desk exchanges its authorization code at Cognito's token endpoint
  // (<prefix>.auth.<region>.amazoncognito.com/oauth2/token, infra/desk-auth-config.ts).
  "connect-src 'self' https://*.amazoncognito.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy with more origins the pages may connect to: in the cloud, the attachment bucket that
 * the complaint form posts uploads to (infra/cloud/attachments.ts). Locally uploads go to the
 * runtime's own origin, which 'self' covers.
 */
export function contentSecurityPolicyWith(connectSources: readonly string[]): string {
  if (connectSources.length === 0) return contentSecurityPolicy;
  return contentSecurityPolicy.replace(
    /connect-src [^;]*/,
    (directive) => `${directive} ${connectSources.join(' ')}`,
  );
}

export const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
} as const;
