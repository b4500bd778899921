/**
 * Attachments of a complaint (投诉附件, domain.md §7): what may be attached, how many and how large,
 * the value the complaint keeps of each, and where the objects live. The file content itself is
 * checked and cleaned by attachment-content.ts; storage and links are the store's.
 *
 * Objects, in the private bucket (cloud) or the data folder (local):
 *   pending/<uuid>                             an upload not yet named by a complaint; expires in a day
 *   complaints/<complaintNo>/<id>.<extension>  the cleaned copy a complaint references
 */

export const attachmentKinds = ['jpeg', 'png', 'pdf'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

export const attachmentContentTypes: Record<AttachmentKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

export const attachmentKindLabels: Record<AttachmentKind, string> = {
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  pdf: 'PDF 文档',
};

const extensions: Record<AttachmentKind, string> = { jpeg: 'jpg', png: 'png', pdf: 'pdf' };

/** The types a browser may declare when it asks for upload slots; the content decides in the end. */
export const declaredAttachmentTypes = Object.values(attachmentContentTypes);

export const attachmentLimits = {
  maxFiles: 5,
  /** 5 MiB per file, as uploaded and as stored. */
  maxBytes: 5 * 1024 * 1024,
  /**
   * Pixels of an image (width × height). A PNG or JPEG of a few kilobytes can claim billions of
   * pixels and freeze the viewer that opens it; a 108-megapixel phone photo still fits.
   */
  maxPixels: 120_000_000,
  /** How long an upload slot (presigned POST) stays valid. */
  uploadSeconds: 10 * 60,
  /** How long a staff member's link to open an attachment stays valid. */
  openSeconds: 5 * 60,
  /** Pending uploads no complaint named are deleted after this many days. */
  pendingDays: 1,
} as const;

/** Metadata removed from a file before it is kept: what staff are told was taken out. */
export type RemovedMetadata = 'exif' | 'location' | 'xmp' | 'iptc' | 'comment' | 'text' | 'trailer' | 'other';

export const removedMetadataLabels: Record<RemovedMetadata, string> = {
  exif: 'EXIF 拍摄信息',
  location: 'GPS 位置',
  xmp: 'XMP 元数据',
  iptc: 'IPTC 信息',
  comment: '注释',
  text: '文本信息块',
  trailer: '文件尾部附加数据',
  other: '其他元数据',
};

/** What a complaint keeps of one attachment. No file name: names often carry the complainant's. */
export interface ComplaintAttachment {
  /** `a1` … `a5`, in the order the complainant attached them. */
  id: string;
  kind: AttachmentKind;
  contentType: string;
  /** Bytes of the cleaned copy. */
  size: number;
  /** SHA-256 (hex) of the cleaned copy, so a copy can be shown to be the one received. */
  sha256: string;
  /** Metadata taken out of the file before it was kept. */
  removed: RemovedMetadata[];
  width?: number;
  height?: number;
}

export const attachmentIdPattern = /^a[1-9]$/;
export const pendingKeyPattern =
  /^pending\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function pendingAttachmentKey(uuid: string): string {
  const key = `pending/${uuid}`;
  if (!pendingKeyPattern.test(key)) throw new Error(`Not a random UUID: ${uuid}`);
  return key;
}

export function attachmentIdAt(index: number): string {
  return `a${index + 1}`;
}

export function attachmentObjectKey(
  complaintNo: string,
  attachment: Pick<ComplaintAttachment, 'id' | 'kind'>,
) {
  return `complaints/${complaintNo}/${attachment.id}.${extensions[attachment.kind]}`;
}

/** `附件1.jpg`: the name a staff member's browser saves it under. */
export function attachmentFileName(attachment: Pick<ComplaintAttachment, 'id' | 'kind'>): string {
  return `附件${attachment.id.slice(1)}.${extensions[attachment.kind]}`;
}

/** 1.2 MB, 356 KB: sizes as the forms and the desk show them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export interface DeclaredFile {
  size: number;
  type: string;
}

export interface SlotRefusal {
  /** Index of the file, or null for the request as a whole. */
  index: number | null;
  rule: 'max_files' | 'max_size' | 'min_size' | 'type';
  message: string;
}

/**
 * Which upload slots a request may have: at most five files of 1 byte to 5 MiB, each declared as
 * JPEG, PNG or PDF. The declaration only spares an upload that would be refused anyway; the
 * content is what is checked before a complaint may reference a file.
 */
export function refuseSlotRequest(files: readonly DeclaredFile[]): SlotRefusal[] {
  const refusals: SlotRefusal[] = [];
  if (files.length === 0 || files.length > attachmentLimits.maxFiles) {
    refusals.push({
      index: null,
      rule: 'max_files',
      message: `每件投诉可上传 1–${attachmentLimits.maxFiles} 个附件。`,
    });
  }
  files.forEach((file, index) => {
    const name = `附件 ${index + 1}`;
    if (!declaredAttachmentTypes.includes(file.type)) {
      refusals.push({ index, rule: 'type', message: `${name}：只能上传 JPEG、PNG 图片或 PDF 文件。` });
    }
    if (file.size > attachmentLimits.maxBytes) {
      refusals.push({
        index,
        rule: 'max_size',
        message: `${name}：文件为 ${formatBytes(file.size)}，不得超过 ${formatBytes(attachmentLimits.maxBytes)}。`,
      });
    } else if (file.size < 1) {
      refusals.push({ index, rule: 'min_size', message: `${name}：文件是空的。` });
    }
  });
  return refusals;
}
