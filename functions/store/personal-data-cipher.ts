/**
 * Personal data at rest. The applicant's name, ID number, phone and address never reach the table
 * in clear: they are sealed with AES-256-GCM, the case number as additional authenticated data (a
 * sealed value moved to another case does not open). Query codes and client addresses are kept
 * only as keyed hashes (HMAC-SHA-256), so a copy of the table alone reveals neither.
 *
 * Two implementations behind one port:
 * - local (this file): a 32-byte master key from `PERSONAL_DATA_KEY` (base64); the local runtime
 *   generates it once into its data folder. Encryption and HMAC keys are derived with HKDF.
 * - KMS (personal-data-cipher-kms.ts): envelope encryption with a data key from a KMS key
 *   (`PERSONAL_DATA_KMS_KEY_ID`), and HMACs computed by a KMS HMAC key
 *   (`PERSONAL_DATA_HMAC_KEY_ID`) whose secret never leaves KMS.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

export const personalDataEnv = {
  /** Local: base64 of 32 random bytes. */
  localKey: 'PERSONAL_DATA_KEY',
  /** Cloud: id or ARN of the symmetric KMS key that wraps the data keys. */
  kmsKeyId: 'PERSONAL_DATA_KMS_KEY_ID',
  /** Cloud: id or ARN of the KMS HMAC_256 key. */
  hmacKeyId: 'PERSONAL_DATA_HMAC_KEY_ID',
} as const;

export interface PersonalDataCipher {
  /** Encrypts `plaintext`, bound to `context` (the case number). */
  seal(plaintext: string, context: string): Promise<string>;
  /** Decrypts what {@link seal} returned for the same context; throws on any tampering. */
  open(sealed: string, context: string): Promise<string>;
  /** Keyed hash of `value` for one purpose (`query-code`, `client`), base64url. */
  digest(purpose: string, value: string): Promise<string>;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const unb64 = (text: string) => Buffer.from(text, 'base64url');

/** AES-256-GCM with a 96-bit random nonce: `<iv>.<ciphertext+tag>`, base64url parts. */
export function aesGcmSeal(key: Uint8Array, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${b64(iv)}.${b64(body)}`;
}

export function aesGcmOpen(key: Uint8Array, sealed: string, context: string): string {
  const [ivText, bodyText] = sealed.split('.');
  if (!ivText || !bodyText) throw new Error('Sealed personal data is malformed.');
  const body = unb64(bodyText);
  const decipher = createDecipheriv('aes-256-gcm', key, unb64(ivText));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}

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
      const { kmsPersonalDataCipher } = await import('./personal-data-cipher-kms.ts');
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
