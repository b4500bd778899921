/**
 * Attachments on their way into a complaint, in three steps (not a route):
 * 1. `grantUploadSlots` — the browser asks for slots; each is a presigned upload of exactly the
 *    declared size to a fresh key under `pending/`;
 * 2. the browser uploads each file straight to the store (S3, or the local upload endpoint);
 * 3. the complaint names the keys: `verifyAttachments` reads each pending object, checks it by its
 *    content and cleans it (domain/complaints/attachment-content.ts) — a refused file is deleted
 *    and the whole filing refused — and hands filing a batch: it `keep`s the copies under the
 *    complaint's prefix before the complaint references them, `discard`s them if the complaint
 *    is not stored after all, and `release`s (deletes) the uploads once it is. Filing itself
 *    never touches the store, so a function that files without attachments never bundles it.
 * Uploads no complaint names expire (the bucket's lifecycle rule; locally the runtime's sweep).
 */
import { createHash, randomUUID } from 'node:crypto';
import { formatInstant } from '../../domain/calendar/instant.ts';
import { type CleanedContent, checkAttachmentContent } from '../../domain/complaints/attachment-content.ts';
import {
  attachmentContentTypes,
  attachmentIdAt,
  attachmentLimits,
  attachmentObjectKey,
  type ComplaintAttachment,
  type DeclaredFile,
  pendingAttachmentKey,
} from '../../domain/complaints/attachments.ts';
import { attachmentObjects } from '../../store/complaints/attachments.ts';
import { logger } from '../observability.ts';
import { type FieldError, invalidRequest } from '../problems.ts';

export interface UploadSlot {
  key: string;
  url: string;
  fields: Record<string, string>;
  size: number;
}

export async function grantUploadSlots(
  files: readonly DeclaredFile[],
  now = new Date(),
): Promise<{ slots: UploadSlot[]; expiresAt: string }> {
  const objects = await attachmentObjects();
  const slots = await Promise.all(
    files.map(async (file) => {
      const key = pendingAttachmentKey(randomUUID());
      const upload = await objects.presignUpload(key, file.size, attachmentLimits.uploadSeconds);
      return { key, ...upload, size: file.size };
    }),
  );
  return { slots, expiresAt: formatInstant(now.getTime() + attachmentLimits.uploadSeconds * 1000) };
}

interface VerifiedAttachment {
  pendingKey: string;
  content: CleanedContent;
}

/** Checked uploads on their way into one complaint (filing.ts drives the steps). */
export interface AttachmentBatch {
  readonly count: number;
  /** Writes the cleaned copies under the complaint's prefix: what the complaint will reference. */
  keep(complaintNo: string): Promise<ComplaintAttachment[]>;
  /** Removes the copies again: the complaint was not stored after all. */
  discard(complaintNo: string, kept: readonly ComplaintAttachment[]): Promise<void>;
  /** Deletes the uploads once the complaint references their copies (else they expire in a day). */
  release(): Promise<void>;
}

/**
 * Reads and checks every named upload. Any refusal refuses them all, as one 400 naming each
 * attachment and its rule; the refused uploads are deleted (nothing of a hostile file stays),
 * the good ones are left for the corrected submission until they expire.
 */
export async function verifyAttachments(refs: readonly { key: string }[]): Promise<AttachmentBatch> {
  const objects = await attachmentObjects();
  const errors: FieldError[] = [];
  const refused: string[] = [];
  const verified: VerifiedAttachment[] = [];
  const seen = new Set<string>();
  for (const [index, { key }] of refs.entries()) {
    const field = `body.attachments.${index}`;
    const name = `附件 ${index + 1}`;
    if (seen.has(key)) {
      errors.push({ field: `${field}.key`, rule: 'duplicate', message: `${name}：与前面的附件重复。` });
      continue;
    }
    seen.add(key);
    const object = await objects.read(key, attachmentLimits.maxBytes);
    if ('tooLarge' in object) {
      errors.push({ field, rule: 'max_size', message: `${name}：文件超过 5 MB。` });
      refused.push(key);
      continue;
    }
    if (!object.found) {
      errors.push({
        field: `${field}.key`,
        rule: 'not_uploaded',
        message: `${name}：没有找到上传的文件（上传未完成，或已超过一天未提交）。`,
      });
      continue;
    }
    const check = checkAttachmentContent(object.bytes, attachmentLimits);
    if (!check.ok) {
      errors.push({ field, rule: check.refusal.rule, message: `${name}：${check.refusal.message}` });
      refused.push(key);
      continue;
    }
    verified.push({ pendingKey: key, content: check.content });
  }
  if (errors.length > 0) {
    await Promise.all(refused.map((key) => objects.remove(key)));
    logger.info('Attachments refused', {
      rules: errors.map((error) => error.rule),
      deleted: refused.length,
    });
    throw invalidRequest(errors);
  }
  return {
    count: verified.length,
    keep: (complaintNo) => keepAttachments(complaintNo, verified),
    discard: (complaintNo, kept) => discardAttachments(complaintNo, kept),
    release: () => releasePending(verified),
  };
}

async function keepAttachments(
  complaintNo: string,
  verified: readonly VerifiedAttachment[],
): Promise<ComplaintAttachment[]> {
  const objects = await attachmentObjects();
  const attachments = verified.map(
    ({ content }, index): ComplaintAttachment => ({
      id: attachmentIdAt(index),
      kind: content.kind,
      contentType: attachmentContentTypes[content.kind],
      size: content.bytes.length,
      sha256: createHash('sha256').update(content.bytes).digest('hex'),
      removed: content.removed,
      ...(content.width !== undefined && content.height !== undefined
        ? { width: content.width, height: content.height }
        : {}),
    }),
  );
  const written = await Promise.allSettled(
    attachments.map((attachment, index) =>
      objects.write(
        attachmentObjectKey(complaintNo, attachment),
        (verified[index] as VerifiedAttachment).content.bytes,
        attachment.contentType,
      ),
    ),
  );
  const failure = written.find((result) => result.status === 'rejected');
  if (failure) {
    // All or none: a complaint that is not filed leaves no copy behind.
    await discardAttachments(complaintNo, attachments);
    throw failure.reason;
  }
  return attachments;
}

async function discardAttachments(
  complaintNo: string,
  attachments: readonly ComplaintAttachment[],
): Promise<void> {
  const objects = await attachmentObjects();
  await Promise.all(
    attachments.map((attachment) => objects.remove(attachmentObjectKey(complaintNo, attachment))),
  );
}

async function releasePending(verified: readonly VerifiedAttachment[]): Promise<void> {
  const objects = await attachmentObjects();
  const results = await Promise.allSettled(verified.map(({ pendingKey }) => objects.remove(pendingKey)));
  const failed = results.filter((result) => result.status === 'rejected').length;
  if (failed > 0) logger.warn('Pending uploads not deleted; they expire', { failed });
}
