/**
 * Only requests that came through the CloudFront distribution reach a handler. The HTTP API's
 * execute-api endpoint is CloudFront's origin, so it stays reachable from anywhere; CloudFront adds
 * a secret header to every `/api/*` origin request (an origin custom header, overwriting any header
 * of that name a viewer sends), and the shared wrapper (handler.ts) refuses any request without
 * it, before route lookup, role check, validation or handler. Without it, a client calling the
 * endpoint directly could send its own `CloudFront-Viewer-Address` and pick its own bucket of the
 * per-client limits (public-lookup.ts).
 *
 * The value lives in AWS Secrets Manager. A container reads it once and again after
 * `originSecretMaxAgeMs`, and accepts the versions staged AWSCURRENT and AWSPREVIOUS, so a rotation
 * has no downtime: a new version becomes AWSCURRENT first (the old one AWSPREVIOUS, still
 * accepted), and CloudFront sends the new value only once every container has read it (README,
 * "Deploying to AWS"). Values are compared as SHA-256 digests in constant time; neither the
 * secret nor the presented header is ever logged.
 *
 * Locally the gateway is the edge: `ORIGIN_SECRET_ARN` is empty and nothing is checked.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { envNames } from '../config/env.ts';
import { logger } from './observability.ts';
import { HttpProblem, serviceUnavailable } from './problems.ts';

/** The origin custom header CloudFront adds, lower-case as API Gateway hands headers over. */
export const originVerifyHeader = 'x-origin-verify';

/**
 * How long a container trusts what it read. The first step of a rotation must be this old before
 * CloudFront starts sending the new value (README: wait five minutes between the two steps).
 */
export const originSecretMaxAgeMs = 5 * 60_000;

/** After a failed read, how long the values read before keep serving before the next attempt. */
export const originSecretRetryMs = 30_000;

/** The versions whose values are accepted: the current one and, during a rotation, the one before. */
export const acceptedSecretStages = ['AWSCURRENT', 'AWSPREVIOUS'] as const;

const typeBase = 'https://yichuang.dev/problems';

/** What a request that bypassed the distribution gets: 403, the same for a missing or a wrong value. */
export const directAccessProblem = {
  type: `${typeBase}/direct-access`,
  title: '无权访问',
  status: 403,
  detail: '请通过本站网址访问接口，不要直接调用 API 网关地址。',
} as const;

/** The values a request may present; an empty list refuses everything. */
export type AcceptedValues = () => Promise<string[]>;

/** The accepted values as Secrets Manager holds them: one read per accepted stage. */
export function secretsManagerValues(secretId: string): AcceptedValues {
  let client: import('@aws-sdk/client-secrets-manager').SecretsManagerClient | undefined;
  return async () => {
    // Loaded on first use: the local runtime and the tests without a secret never load the client.
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    client ??= new SecretsManagerClient({});
    const secrets = client;
    const values = await Promise.all(
      acceptedSecretStages.map(async (stage) => {
        try {
          const version = await secrets.send(
            new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }),
          );
          return version.SecretString;
        } catch (error) {
          // A secret never rotated has no AWSPREVIOUS version.
          if (stage !== 'AWSCURRENT' && (error as Error).name === 'ResourceNotFoundException')
            return undefined;
          throw error;
        }
      }),
    );
    return values.filter((value): value is string => value !== undefined && value.length > 0);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export type OriginCheck = (headers: Record<string, string | undefined> | undefined) => Promise<void>;

/**
 * The check: resolves when the request carries an accepted value, throws the 403 problem when it
 * carries none or another one, and a 503 when the values cannot be read and none were read before.
 */
export function originCheck(accepted: AcceptedValues, now: () => number = Date.now): OriginCheck {
  let known: { digests: Buffer[]; expiresAt: number } | undefined;

  async function acceptedDigests(): Promise<Buffer[]> {
    if (known && now() < known.expiresAt) return known.digests;
    try {
      const digests = (await accepted()).map(digest);
      known = { digests, expiresAt: now() + originSecretMaxAgeMs };
    } catch (error) {
      if (!known) {
        logger.error('Origin secret could not be read', { error: error as Error });
        throw serviceUnavailable('服务暂时无法校验请求来源，请稍后再试。');
      }
      // The values read before were valid a few minutes ago: keep them rather than refuse everyone.
      logger.warn('Origin secret could not be read; keeping the values read before', {
        error: error as Error,
      });
      known = { digests: known.digests, expiresAt: now() + originSecretRetryMs };
    }
    return known.digests;
  }

  return async (headers) => {
    const digests = await acceptedDigests();
    const presented = headers?.[originVerifyHeader];
    const presentedDigest = presented === undefined ? undefined : digest(presented);
    const passes =
      presentedDigest !== undefined &&
      digests.some((candidate) => timingSafeEqual(candidate, presentedDigest));
    if (!passes) {
      logger.info('Request did not come through the distribution', {
        originHeader: presented === undefined ? 'missing' : 'not accepted',
      });
      throw new HttpProblem(directAccessProblem);
    }
  };
}

/** The check the environment asks for: none when `ORIGIN_SECRET_ARN` is unset or empty (locally). */
export function originCheckFromEnvironment(env: NodeJS.ProcessEnv = process.env): OriginCheck | undefined {
  const secretId = env[envNames.originSecretArn];
  return secretId ? originCheck(secretsManagerValues(secretId)) : undefined;
}
