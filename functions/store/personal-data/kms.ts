/**
 * The cloud implementation of the personal-data cipher: envelope encryption with AWS KMS.
 *
 * - Sealing: one AES-256 data key per cold start (GenerateDataKey, encryption context
 *   `{ purpose: yichuang-personal-data }`), reused for at most `dataKeyMaxAgeMs` and
 *   `dataKeyMaxMessages`; each sealed value carries the wrapped data key:
 *   `v1.kms.<wrapped key>.<iv>.<ciphertext+tag>`.
 * - Opening: the wrapped key is unwrapped with Decrypt (same encryption context) and cached for the
 *   life of the function instance, so one case read costs at most one KMS call.
 * - Digests: GenerateMac with a KMS HMAC_256 key; the HMAC secret never leaves KMS.
 *
 * The function role needs kms:GenerateDataKey and kms:Decrypt on the encryption key (with the
 * encryption context condition) and kms:GenerateMac on the HMAC key.
 *
 * The KMS client is loaded on the first call, not with the module: a bundle inlines this module, and
 * a static import would load the client at every cold start, also of requests that seal nothing.
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { aesGcmOpen, aesGcmSeal, type PersonalDataCipher } from './sealing.ts';

export interface KmsCipherOptions {
  keyId: string;
  hmacKeyId: string;
  client?: KMSClient;
  dataKeyMaxAgeMs?: number;
  dataKeyMaxMessages?: number;
  now?: () => number;
}

const encryptionContext = { purpose: 'yichuang-personal-data' };
const prefix = 'v1.kms.';

export function kmsPersonalDataCipher(options: KmsCipherOptions): PersonalDataCipher {
  const sdk = () => import('@aws-sdk/client-kms');
  let created: KMSClient | undefined;
  const kms = async () => {
    if (options.client) return options.client;
    created ??= new (await sdk()).KMSClient({});
    return created;
  };
  const maxAge = options.dataKeyMaxAgeMs ?? 15 * 60_000;
  const maxMessages = options.dataKeyMaxMessages ?? 10_000;
  const now = options.now ?? Date.now;
  let current: { plaintext: Uint8Array; wrapped: string; created: number; uses: number } | undefined;
  const unwrapped = new Map<string, Promise<Uint8Array>>();

  let generating: Promise<void> | undefined;

  async function generate(): Promise<void> {
    const { GenerateDataKeyCommand } = await sdk();
    const result = await (await kms()).send(
      new GenerateDataKeyCommand({
        KeyId: options.keyId,
        KeySpec: 'AES_256',
        EncryptionContext: encryptionContext,
      }),
    );
    if (!result.Plaintext || !result.CiphertextBlob) throw new Error('KMS returned no data key.');
    current = {
      plaintext: result.Plaintext,
      wrapped: Buffer.from(result.CiphertextBlob).toString('base64url'),
      created: now(),
      uses: 0,
    };
  }

  const usable = (key: typeof current): key is NonNullable<typeof current> =>
    key !== undefined && key.uses < maxMessages && now() - key.created <= maxAge;

  /** The current data key; concurrent seals share one GenerateDataKey call. */
  async function dataKey(): Promise<NonNullable<typeof current>> {
    while (!usable(current)) {
      generating ??= generate().finally(() => {
        generating = undefined;
      });
      await generating;
    }
    current.uses += 1;
    return current;
  }

  function unwrap(wrapped: string): Promise<Uint8Array> {
    let key = unwrapped.get(wrapped);
    if (!key) {
      key = Promise.all([sdk(), kms()])
        .then(([{ DecryptCommand }, client]) =>
          client.send(
            new DecryptCommand({
              KeyId: options.keyId,
              CiphertextBlob: Buffer.from(wrapped, 'base64url'),
              EncryptionContext: encryptionContext,
            }),
          ),
        )
        .then((result) => {
          if (!result.Plaintext) throw new Error('KMS returned no plaintext key.');
          return result.Plaintext;
        });
      key.catch(() => unwrapped.delete(wrapped));
      unwrapped.set(wrapped, key);
    }
    return key;
  }

  return {
    async seal(plaintext, context) {
      const key = await dataKey();
      return `${prefix}${key.wrapped}.${aesGcmSeal(key.plaintext, plaintext, context)}`;
    },
    async open(sealed, context) {
      if (!sealed.startsWith(prefix)) throw new Error('Not sealed with KMS.');
      const [wrapped, iv, body] = sealed.slice(prefix.length).split('.');
      if (!wrapped || !iv || !body) throw new Error('Sealed personal data is malformed.');
      return aesGcmOpen(await unwrap(wrapped), `${iv}.${body}`, context);
    },
    async digest(purpose, value) {
      const { GenerateMacCommand } = await sdk();
      const result = await (await kms()).send(
        new GenerateMacCommand({
          KeyId: options.hmacKeyId,
          MacAlgorithm: 'HMAC_SHA_256',
          Message: Buffer.from(`${purpose}\u0000${value}`, 'utf8'),
        }),
      );
      if (!result.Mac) throw new Error('KMS returned no MAC.');
      return Buffer.from(result.Mac).toString('base64url');
    },
  };
}
