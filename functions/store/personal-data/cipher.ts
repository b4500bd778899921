/**
 * Personal data at rest. The applicant's name, ID number, phone and address never reach the table
 * in clear: they are sealed with AES-256-GCM, the case number as additional authenticated data (a
 * sealed value moved to another case does not open). Query codes and client addresses are kept
 * only as keyed hashes (HMAC-SHA-256), so a copy of the table alone reveals neither.
 *
 * Two implementations behind one port:
 * - local (this file): a 32-byte master key from `PERSONAL_DATA_KEY` (base64); the local runtime
 *   generates it once into its data folder. Encryption and HMAC keys are derived with HKDF.
 * - KMS (kms.ts): envelope encryption with a data key from a KMS key
 *   (`PERSONAL_DATA_KMS_KEY_ID`), and HMACs computed by a KMS HMAC key
 *   (`PERSONAL_DATA_HMAC_KEY_ID`) whose secret never leaves KMS.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { aesGcmOpen, aesGcmSeal, type PersonalDataCipher } from './sealing.ts';

export const personalDataEnv = {
  /** Local: base64 of 32 random bytes. */
  localKey: 'PERSONAL_DATA_KEY',
  /** Cloud: id or ARN of the symmetric KMS key that wraps the data keys. */
  kmsKeyId: 'PERSONAL_DATA_KMS_KEY_ID',
  /** Cloud: id or ARN of the KMS HMAC_256 key. */
  hmacKeyId: 'PERSONAL_DATA_HMAC_KEY_ID',
} as const;

export type { PersonalDataCipher } from './sealing.ts';

/** Constant-time comparison of two digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const localPrefix = 'v1.local.';

export function localPersonalDataCipher(masterKey: Uint8Array): PersonalDataCipher {
  if (masterKey.length !== 32) throw new Error('The personal-data key must be 32 bytes.');
  const derive = (info: string) => new Uint8Array(hkdfSync('sha256', masterKey, new Uint8Array(0), info, 32));
  const encryptionKey = derive('yichuang personal data encryption v1');
  const macKey = derive('yichuang personal data hmac v1');
  return {
    async seal(plaintext, context) {
      return `${localPrefix}${aesGcmSeal(encryptionKey, plaintext, context)}`;
    },
    async open(sealed, context) {
      if (!sealed.startsWith(localPrefix)) throw new Error('Not sealed with the local key.');
      return aesGcmOpen(encryptionKey, sealed.slice(localPrefix.length), context);
    },
    async digest(purpose, value) {
      return createHmac('sha256', macKey).update(`${purpose}\u0000${value}`, 'utf8').digest('base64url');
    },
  };
}

let configured: Promise<PersonalDataCipher> | undefined;

/**
 * The cipher the environment configures: KMS when `PERSONAL_DATA_KMS_KEY_ID` is set, else the
 * local key. Neither configured: refuse to start rather than store personal data in clear.
 */
export function personalDataCipher(env: NodeJS.ProcessEnv = process.env): Promise<PersonalDataCipher> {
  configured ??= (async () => {
    const kmsKeyId = env[personalDataEnv.kmsKeyId];
    if (kmsKeyId) {
      const hmacKeyId = env[personalDataEnv.hmacKeyId];
      if (!hmacKeyId)
        throw new Error(`${personalDataEnv.hmacKeyId} must be set with ${personalDataEnv.kmsKeyId}.`);
      const { kmsPersonalDataCipher } = await import('./kms.ts');
      return kmsPersonalDataCipher({ keyId: kmsKeyId, hmacKeyId });
    }
    const key = env[personalDataEnv.localKey];
    if (!key) {
      throw new Error(
        `No personal-data key: set ${personalDataEnv.kmsKeyId} (cloud) or ${personalDataEnv.localKey} (local).`,
      );
    }
    return localPersonalDataCipher(Buffer.from(key, 'base64'));
  })();
  configured.catch(() => {
    configured = undefined;
  });
  return configured;
}
