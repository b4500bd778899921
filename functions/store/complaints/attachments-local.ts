/**
 * Complaint attachments on one machine: the objects are files under `<data folder>/attachments`,
 * and the local runtime's endpoints (infra/local/attachments.ts) stand in for S3 — an upload
 * endpoint that accepts a multipart POST only with a policy signed here (key, exact size, expiry:
 * the conditions of the cloud's presigned POST), and a file endpoint that serves a key only
 * through a link signed here, until it expires. Both sides share this module's format and key.
 */
import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pendingKeyPattern } from '../../domain/complaints/attachments.ts';
import { type AttachmentObjects, contentDisposition, type ReadResult } from './attachment-objects.ts';

export const localAttachmentPaths = {
  upload: '/local-attachments/upload',
  files: '/local-attachments/files/',
} as const;

const storedKeyPattern = /^complaints\/[A-Z]{2}-\d{8}-\d{4,6}\/a[1-9]\.(jpg|png|pdf)$/;

/** Only the two shapes of key this store ever makes: nothing can point outside its folder. */
export function isLocalAttachmentKey(key: string): boolean {
  return pendingKeyPattern.test(key) || storedKeyPattern.test(key);
}

function fileOf(dir: string, key: string): string {
  if (!isLocalAttachmentKey(key)) throw new Error(`Not an attachment key: ${key}`);
  return path.join(dir, ...key.split('/'));
}

/** The signing key, derived from the local personal-data key so the data folder holds one secret. */
export function localAttachmentKey(personalDataKeyBase64: string): string {
  const master = Buffer.from(personalDataKeyBase64, 'base64');
  return Buffer.from(
    hkdfSync('sha256', master, new Uint8Array(0), 'yichuang attachment links v1', 32),
  ).toString('base64');
}

function sign(key: Uint8Array, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface UploadPolicy {
  expiration: string;
  conditions: [{ key: string }, ['content-length-range', number, number]];
}

export type UploadVerdict =
  | { ok: true; key: string; minBytes: number; maxBytes: number }
  | { ok: false; status: 403; reason: 'signature' | 'expired' | 'policy' };

/** The fields of a local upload form: the same policy S3 would check, signed with the local key. */
export function verifyLocalUpload(
  signingKey: Uint8Array,
  fields: Record<string, string>,
  now: Date,
): UploadVerdict {
  const { policy, signature, key } = fields;
  if (!policy || !signature || !sameSignature(sign(signingKey, policy), signature)) {
    return { ok: false, status: 403, reason: 'signature' };
  }
  const parsed = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as UploadPolicy;
  if (Date.parse(parsed.expiration) <= now.getTime()) return { ok: false, status: 403, reason: 'expired' };
  const [{ key: allowedKey }, [, minBytes, maxBytes]] = parsed.conditions;
  if (key !== allowedKey || !pendingKeyPattern.test(allowedKey))
    return { ok: false, status: 403, reason: 'policy' };
  return { ok: true, key: allowedKey, minBytes, maxBytes };
}

export type LinkVerdict =
  | { ok: true; key: string; contentType: string; disposition: string }
  | { ok: false; reason: 'signature' | 'expired' };

function linkText(key: string, expires: string, type: string, name: string): string {
  return ['GET', key, expires, type, name].join('\n');
}

/** A file link of the local runtime: `/local-attachments/files/<key>?expires&type&name&signature`. */
export function verifyLocalLink(signingKey: Uint8Array, url: URL, now: Date): LinkVerdict {
  const key = decodeURIComponent(url.pathname.slice(localAttachmentPaths.files.length));
  const expires = url.searchParams.get('expires') ?? '';
  const type = url.searchParams.get('type') ?? '';
  const name = url.searchParams.get('name') ?? '';
  const signature = url.searchParams.get('signature') ?? '';
  if (
    !isLocalAttachmentKey(key) ||
    !sameSignature(sign(signingKey, linkText(key, expires, type, name)), signature)
  ) {
    return { ok: false, reason: 'signature' };
  }
  if (Number(expires) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, key, contentType: type, disposition: contentDisposition(name) };
}

/** Reads a stored object for the file endpoint. */
export function readLocalAttachment(dir: string, key: string): Promise<Buffer> {
  return readFile(fileOf(dir, key));
}

export function localAttachmentObjects(dir: string, signingKey: Uint8Array): AttachmentObjects {
  return {
    async presignUpload(key, bytes, expiresInSeconds) {
      const policy: UploadPolicy = {
        expiration: new Date(Date.now() + expiresInSeconds * 1000).toISOString(),
        conditions: [{ key }, ['content-length-range', bytes, bytes]],
      };
      const encoded = Buffer.from(JSON.stringify(policy)).toString('base64');
      return {
        url: localAttachmentPaths.upload,
        fields: { key, policy: encoded, signature: sign(signingKey, encoded) },
      };
    },

    async read(key, maxBytes): Promise<ReadResult> {
      const file = fileOf(dir, key);
      try {
        if ((await stat(file)).size > maxBytes) return { tooLarge: true };
        return { found: true, bytes: new Uint8Array(await readFile(file)) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
        throw error;
      }
    },

    async write(key, bytes) {
      await writeLocalAttachment(dir, key, bytes);
    },

    async remove(key) {
      await rm(fileOf(dir, key), { force: true });
    },

    async openLink(key, options) {
      const expires = String(Math.floor(Date.now() / 1000) + options.expiresInSeconds);
      const signature = sign(signingKey, linkText(key, expires, options.contentType, options.fileName));
      const query = new URLSearchParams({
        expires,
        type: options.contentType,
        name: options.fileName,
        signature,
      });
      return `${localAttachmentPaths.files}${key}?${query}`;
    },
  };
}

/** Writes through a temporary file and a rename: a reader never sees half a file. */
export async function writeLocalAttachment(dir: string, key: string, bytes: Uint8Array): Promise<void> {
  const file = fileOf(dir, key);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.part`);
  try {
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
