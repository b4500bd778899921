/**
 * Where complaint attachments live, behind one port with two implementations:
 * - cloud (attachments-s3.ts): a private S3 bucket (`ATTACHMENTS_BUCKET`); uploads through
 *   presigned POSTs whose policy fixes the key and the exact size (`content-length-range`),
 *   staff open a presigned GET of five minutes;
 * - local (attachments-local.ts): the data folder (`ATTACHMENTS_LOCAL_DIR`); the local runtime's
 *   upload endpoint checks a signed policy of the same shape, and serves signed, expiring links.
 *
 * Each is imported only when first used, so a function that never touches an attachment never
 * loads the S3 client, and the presigner is loaded only by the call that presigns.
 */

import type { AttachmentObjects } from './attachment-objects.ts';

export const attachmentEnv = {
  /** Cloud: the private bucket's name. */
  bucket: 'ATTACHMENTS_BUCKET',
  /** Local: the folder the objects are kept in (`<data folder>/attachments`). */
  localDir: 'ATTACHMENTS_LOCAL_DIR',
  /** Local: base64 of the 32-byte key upload policies and links are signed with. */
  localKey: 'ATTACHMENTS_LOCAL_KEY',
} as const;

export type { AttachmentObjects } from './attachment-objects.ts';

/** Neither the bucket nor the local folder is configured. */
export class AttachmentsUnavailableError extends Error {
  override readonly name = 'AttachmentsUnavailableError';
}

let configured: Promise<AttachmentObjects> | undefined;

export function attachmentObjects(env: NodeJS.ProcessEnv = process.env): Promise<AttachmentObjects> {
  configured ??= (async () => {
    const bucket = env[attachmentEnv.bucket];
    if (bucket) {
      const { s3AttachmentObjects } = await import('./attachments-s3.ts');
      return s3AttachmentObjects(bucket);
    }
    const dir = env[attachmentEnv.localDir];
    const key = env[attachmentEnv.localKey];
    if (dir && key) {
      const { localAttachmentObjects } = await import('./attachments-local.ts');
      return localAttachmentObjects(dir, Buffer.from(key, 'base64'));
    }
    throw new AttachmentsUnavailableError(
      `No attachment store: set ${attachmentEnv.bucket} (cloud) or ${attachmentEnv.localDir} and ${attachmentEnv.localKey} (local).`,
    );
  })();
  configured.catch(() => {
    configured = undefined;
  });
  return configured;
}
