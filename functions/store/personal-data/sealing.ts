/**
 * What both personal-data ciphers (local key in cipher.ts, KMS in kms.ts) share: the port the
 * store and handlers use, and AES-256-GCM sealing bound to a context. Its own module so that
 * neither implementation imports the other.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

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
