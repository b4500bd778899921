/**
 * The port both attachment stores implement (attachments-s3.ts, attachments-local.ts), and what
 * they share; attachments.ts picks one from the environment.
 */

/** What the browser posts as multipart/form-data: these fields, then the file as `file`, last. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

export interface OpenLinkOptions {
  contentType: string;
  /** The name the browser shows and saves the file under. */
  fileName: string;
  expiresInSeconds: number;
}

export type ReadResult = { found: true; bytes: Uint8Array } | { found: false } | { tooLarge: true };

export interface AttachmentObjects {
  /** A presigned upload of exactly `bytes` bytes to `key`, valid for `expiresInSeconds`. */
  presignUpload(key: string, bytes: number, expiresInSeconds: number): Promise<PresignedUpload>;
  /** The object's bytes; never reads more than `maxBytes` + 1 of it. */
  read(key: string, maxBytes: number): Promise<ReadResult>;
  write(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Deletes the object; an absent one is not an error. */
  remove(key: string): Promise<void>;
  /** A link that opens the object for `expiresInSeconds` and no longer. */
  openLink(key: string, options: OpenLinkOptions): Promise<string>;
}

/** `inline; filename="1.jpg"; filename*=UTF-8''附件1.jpg`: shown in the browser, saved under its Chinese name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'attachment';
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
