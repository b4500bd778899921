/**
 * The local stand-in for the attachment bucket: the runtime's upload endpoint and file endpoint,
 * over `<data folder>/attachments` (functions/store/complaints/attachments-local.ts holds the
 * format both sides sign and check).
 *
 * - `POST /local-attachments/upload` — multipart/form-data as a browser posts to S3: the slot's
 *   fields (`key`, `policy`, `signature`), then `file`. Refused unless the policy is signed and
 *   unexpired, the key is the policy's, and the file is exactly the size it fixes; a body larger
 *   than any slot allows is refused before it is read. Answers 204 like S3; nothing is written
 *   on a refusal.
 * - `GET /local-attachments/files/<key>?expires&type&name&signature` — a signed, expiring link.
 * - uploads no complaint named are deleted after a day (`sweepPendingUploads`), at start and hourly.
 */

import { readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { attachmentLimits } from '../../functions/domain/complaints/attachments.ts';
import { problemContentType } from '../../functions/http/problems.ts';
import {
  localAttachmentPaths,
  readLocalAttachment,
  verifyLocalLink,
  verifyLocalUpload,
  writeLocalAttachment,
} from '../../functions/store/complaints/attachments-local.ts';

export interface LocalResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Room for the form's fields around the largest file a slot allows. */
export const uploadBodyLimit = attachmentLimits.maxBytes + 64 * 1024;

/** What a local file link is served with: no script at all, the image or PDF viewer allowed. */
export const fileContentSecurityPolicy =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'none'";

const typeBase = 'https://yichuang.dev/problems';

function problem(
  status: number,
  type: string,
  title: string,
  detail: string,
  error?: { field: string; rule: string },
): LocalResponse {
  return {
    status,
    headers: { 'content-type': problemContentType, 'cache-control': 'no-store' },
    body: Buffer.from(
      JSON.stringify({
        type: `${typeBase}/${type}`,
        title,
        status,
        detail,
        ...(error ? { errors: [{ ...error, message: detail }] } : {}),
      }),
    ),
  };
}

const tooLarge = () =>
  problem(
    413,
    'payload-too-large',
    '上传文件过大',
    `文件不得超过 ${attachmentLimits.maxBytes / 1024 / 1024} MB。`,
    {
      field: 'file',
      rule: 'max_size',
    },
  );

/** Reads at most `limit` bytes of the body; past it, the rest is read and dropped, and `null` returned. */
function readCapped(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : null));
    request.on('error', reject);
  });
}

export interface MultipartForm {
  fields: Record<string, string>;
  file?: Buffer;
}

/** The fields and the `file` part of a multipart/form-data body; undefined when it is not one. */
export function parseMultipart(body: Buffer, contentType: string): MultipartForm | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!/^multipart\/form-data/i.test(contentType) || !mark) return undefined;
  const delimiter = Buffer.from(`--${mark}`);
  const next = Buffer.from(`\r\n--${mark}`);
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  const form: MultipartForm = { fields: {} };
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return form;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) return undefined;
    const headersEnd = body.indexOf('\r\n\r\n', at);
    if (headersEnd < 0) return undefined;
    const headers = body.subarray(at + 2, headersEnd).toString('utf8');
    const end = body.indexOf(next, headersEnd + 4);
    if (end < 0) return undefined;
    const content = body.subarray(headersEnd + 4, end);
    const name = /;\s*name="([^"]*)"/i.exec(headers)?.[1];
    if (name === 'file') form.file = content;
    else if (name) form.fields[name] = content.toString('utf8');
    at = end + 2;
  }
}

export interface LocalAttachments {
  handles(method: string, pathname: string): boolean;
  handle(request: IncomingMessage, url: URL): Promise<LocalResponse>;
  /** Deletes uploads older than a day that no complaint named; answers how many. */
  sweep(now?: Date): Promise<number>;
}

export function createLocalAttachments(dir: string, signingKey: Uint8Array): LocalAttachments {
  async function upload(request: IncomingMessage): Promise<LocalResponse> {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    // Refused from its header: a 50 MB body is never read into memory, only drained.
    if (declared > uploadBodyLimit) {
      request.resume();
      return tooLarge();
    }
    const body = await readCapped(request, uploadBodyLimit);
    if (body === null) return tooLarge();
    const form = parseMultipart(body, request.headers['content-type'] ?? '');
    if (!form) {
      return problem(400, 'invalid-request', '上传内容有误', '请求体不是 multipart/form-data 表单。', {
        field: 'body',
        rule: 'multipart',
      });
    }
    const verdict = verifyLocalUpload(signingKey, form.fields, new Date());
    if (!verdict.ok) {
      const reasons = {
        signature: ['上传凭证无效', '上传凭证（policy、signature）无效或已被改动。', 'policy', 'signature'],
        expired: ['上传凭证已过期', '上传凭证已过期，请重新申请上传。', 'policy', 'expired'],
        policy: ['上传凭证不符', '文件的 key 与上传凭证不符。', 'key', 'policy'],
      } as const;
      const [title, detail, field, rule] = reasons[verdict.reason];
      return problem(403, 'forbidden', title, detail, { field, rule });
    }
    if (!form.file) {
      return problem(400, 'invalid-request', '上传内容有误', '表单中没有文件（file）。', {
        field: 'file',
        rule: 'required',
      });
    }
    if (form.file.length < verdict.minBytes || form.file.length > verdict.maxBytes) {
      return problem(
        400,
        'invalid-request',
        '上传文件大小不符',
        `文件为 ${form.file.length} 字节，与申请上传时声明的 ${verdict.maxBytes} 字节不符。`,
        { field: 'file', rule: 'content_length_range' },
      );
    }
    await writeLocalAttachment(dir, verdict.key, form.file);
    return { status: 204, headers: { 'cache-control': 'no-store' }, body: Buffer.alloc(0) };
  }

  async function file(url: URL): Promise<LocalResponse> {
    const verdict = verifyLocalLink(signingKey, url, new Date());
    if (!verdict.ok) {
      return verdict.reason === 'expired'
        ? problem(403, 'forbidden', '链接已过期', '查看附件的链接已过期，请回到投诉页面重新打开。')
        : problem(403, 'forbidden', '链接无效', '查看附件的链接无效。');
    }
    try {
      return {
        status: 200,
        headers: {
          'content-type': verdict.contentType,
          'content-disposition': verdict.disposition,
          'cache-control': 'private, no-store',
          'content-security-policy': fileContentSecurityPolicy,
        },
        body: await readLocalAttachment(dir, verdict.key),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return problem(404, 'not-found', '未找到', '附件不存在。');
    }
  }

  return {
    handles(method, pathname) {
      return (
        (method === 'POST' && pathname === localAttachmentPaths.upload) ||
        ((method === 'GET' || method === 'HEAD') && pathname.startsWith(localAttachmentPaths.files))
      );
    },
    handle(request, url) {
      return url.pathname === localAttachmentPaths.upload ? upload(request) : file(url);
    },
    sweep: (now = new Date()) => sweepPendingUploads(dir, now),
  };
}

/** The local counterpart of the bucket's lifecycle rule on `pending/`. */
export async function sweepPendingUploads(dir: string, now: Date): Promise<number> {
  const pending = path.join(dir, 'pending');
  const cutoff = now.getTime() - attachmentLimits.pendingDays * 86_400_000;
  let names: string[];
  try {
    names = await readdir(pending);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let deleted = 0;
  for (const name of names) {
    const file = path.join(pending, name);
    if ((await stat(file)).mtimeMs < cutoff) {
      await rm(file, { force: true });
      deleted += 1;
    }
  }
  return deleted;
}
