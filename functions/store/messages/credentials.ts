/**
 * The SMS provider's credentials and sender ids, never in the code, the configuration file or the
 * CloudFormation template: in the cloud a Secrets Manager secret (`MESSAGES_SECRET_ARN`, created
 * by the stack, filled in by the operator) that only the messages job may read; on one machine the
 * same JSON in `MESSAGES_CREDENTIALS`. Read on first use and again after five minutes, so a value
 * put into the secret is picked up without a deployment.
 *
 *   aws     { "originationIdentity": "<phone number, pool or sender id / its ARN>", "configurationSetName"?: "…" }
 *           (the function's role signs the request: no keys)
 *   aliyun  { "accessKeyId": "…", "accessKeySecret": "…" }
 */
import { envNames } from '../../config/env.ts';

export interface ProviderCredentials {
  originationIdentity?: string;
  configurationSetName?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
}

export const credentialsMaxAgeMs = 5 * 60_000;

function parse(text: string | undefined, source: string): ProviderCredentials {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Never echo the text: it is a secret.
    throw new Error(`${source} is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${source} is not a JSON object.`);
  const record = value as Record<string, unknown>;
  const pick = (key: keyof ProviderCredentials) =>
    typeof record[key] === 'string' && (record[key] as string).trim() !== ''
      ? { [key]: (record[key] as string).trim() }
      : {};
  return {
    ...pick('originationIdentity'),
    ...pick('configurationSetName'),
    ...pick('accessKeyId'),
    ...pick('accessKeySecret'),
  };
}

/** The credentials the environment configures, cached for {@link credentialsMaxAgeMs}. */
export function providerCredentials(
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now,
): () => Promise<ProviderCredentials> {
  let cached: { value: ProviderCredentials; at: number } | undefined;
  let client: import('@aws-sdk/client-secrets-manager').SecretsManagerClient | undefined;
  return async () => {
    if (cached && now() - cached.at < credentialsMaxAgeMs) return cached.value;
    const secretId = env[envNames.messagesSecretArn];
    let value: ProviderCredentials;
    if (secretId) {
      const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
      client ??= new SecretsManagerClient({});
      const secret = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      value = parse(secret.SecretString, 'The SMS provider secret');
    } else {
      value = parse(env[envNames.messagesCredentials], envNames.messagesCredentials);
    }
    cached = { value, at: now() };
    return value;
  };
}
