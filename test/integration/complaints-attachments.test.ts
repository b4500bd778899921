/**
 * Complaint attachments against the real local runtime: slots, uploads to the runtime's upload
 * endpoint, the complaint naming them, the cleaned copies in the data folder (no GPS, still a
 * JPEG), staff opening them through signed, expiring links (each opening logged, without personal
 * data), and hostile files — a script named .jpg, a zip bomb named .pdf, a PNG with a broken
 * checksum, a 50 MB body, a forged policy — refused with problem+json and nothing kept.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import exifr from 'exifr';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateAt } from '../../functions/domain/calendar/instant.ts';
import { formatComplaintNo } from '../../functions/domain/complaints/complaint-number.ts';
import {
  localAttachmentKey,
  localAttachmentObjects,
} from '../../functions/store/complaints/attachments-local.ts';
import { loadOrCreateLocalPersonalDataKey } from '../../functions/store/personal-data/local-key.ts';
import { sweepPendingUploads } from '../../infra/local/attachments.ts';
import {
  jpegWithGps,
  pngWithBadChecksum,
  scriptAsJpeg,
  smallPdf,
  zipBomb,
} from '../support/attachment-files.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
const tokens = new Map<string, string>();

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

async function read(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, text, body };
}

async function call(method: string, path: string, user?: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (user) {
    if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
    headers.authorization = `Bearer ${tokens.get(user)}`;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  return read(
    await fetch(`${runtime.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

interface Slot {
  key: string;
  url: string;
  fields: Record<string, string>;
  size: number;
}

async function slots(files: { size: number; type: string }[]): Promise<Slot[]> {
  const reply = await call('POST', '/api/public/complaints/attachments', undefined, { files });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.slots as Slot[];
}

async function upload(
  slot: Slot,
  bytes: Uint8Array,
  name = 'photo.jpg',
  fields = slot.fields,
): Promise<Reply> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return read(await fetch(`${runtime.baseUrl}${slot.url}`, { method: 'POST', body: form }));
}

/** Asks a slot for `bytes` (declared as `type`), uploads it, answers the key. */
async function uploaded(bytes: Uint8Array, type: string, name = 'file'): Promise<string> {
  const [slot] = await slots([{ size: bytes.length, type }]);
  if (!slot) throw new Error('no slot');
  const reply = await upload(slot, bytes, name);
  expect(reply.status, reply.text).toBe(204);
  return slot.key;
}

const complainantName = '诸葛明亮';
const complainantPhone = '13755556666';

const complaint = (keys: string[]) => ({
  category: 'attitude',
  facts: '窗口工作人员态度生硬，附现场照片。',
  complainant: { realName: true, name: complainantName, phone: complainantPhone, contactPreference: 'web' },
  respondent: { department: 'mz', window: 'mz-01' },
  attachments: keys.map((key) => ({ key })),
});

const attachmentsDir = () => path.join(runtime.dataDir, 'attachments');

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
}

const pendingFiles = async () =>
  (await filesUnder(attachmentsDir())).filter((file) => file.startsWith('pending'));

async function complaintCount(): Promise<number> {
  const result = await runtime.store.client.send(new ScanCommand({ TableName: 'yichuang' }));
  return (result.Items ?? []).filter((item) => item.type === 'complaint').length;
}

beforeAll(async () => {
  runtime = await startTestRuntime({ logLevel: 'INFO' });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('attaching files to a complaint', () => {
  it('uploads, files, keeps cleaned copies, and lets only readers of the complaint open them, logged', async () => {
    const photo = jpegWithGps(40, 30, 6);
    const pdf = smallPdf();
    const [photoSlot, pdfSlot] = await slots([
      { size: photo.length, type: 'image/jpeg' },
      { size: pdf.length, type: 'application/pdf' },
    ]);
    if (!photoSlot || !pdfSlot) throw new Error('two slots expected');
    expect(photoSlot.key).toMatch(/^pending\/[0-9a-f-]{36}$/);
    expect(photoSlot.url).toBe('/local-attachments/upload');
    // File names often carry who complained; none is kept.
    expect((await upload(photoSlot, photo, `${complainantName}-现场.jpg`)).status).toBe(204);
    expect((await upload(pdfSlot, pdf, 'receipt.pdf')).status).toBe(204);
    expect((await pendingFiles()).length).toBe(2);

    const filed = await call(
      'POST',
      '/api/public/complaints',
      undefined,
      complaint([photoSlot.key, pdfSlot.key]),
    );
    expect(filed.status, filed.text).toBe(201);
    const complaintNo = filed.body.complaintNo as string;

    // The uploads are gone; the complaint's copies are in place.
    expect(await pendingFiles()).toEqual([]);
    expect((await filesUnder(path.join(attachmentsDir(), 'complaints', complaintNo))).sort()).toEqual([
      'a1.jpg',
      'a2.pdf',
    ]);
    const kept = await readFile(path.join(attachmentsDir(), 'complaints', complaintNo, 'a1.jpg'));
    expect(await exifr.gps(kept)).toBeUndefined();
    expect(kept.includes(Buffer.from('YichuangCam'))).toBe(false);
    expect(jpeg.decode(kept).width).toBe(40);

    const office = await call('GET', `/api/complaints/${complaintNo}`, 'supervisor');
    const attachments = office.body.attachments as {
      id: string;
      kind: string;
      size: number;
      sha256: string;
      removed: string[];
    }[];
    expect(attachments.map(({ id, kind }) => [id, kind])).toEqual([
      ['a1', 'jpeg'],
      ['a2', 'pdf'],
    ]);
    expect(attachments[0]?.removed).toEqual(expect.arrayContaining(['exif', 'location', 'xmp']));
    expect(attachments[0]?.sha256).toBe(createHash('sha256').update(kept).digest('hex'));
    expect(attachments[0]?.size).toBe(kept.length);
    expect(office.text).not.toContain('现场.jpg');

    // Before triage only the office reads the complaint, and so its files.
    const open = (user: string, id = 'a1') =>
      call('GET', `/api/complaints/${complaintNo}/attachments/${id}`, user);
    expect((await open('clerk')).status).toBe(403);
    runtime.functionLog.length = 0;
    const link = await open('supervisor');
    expect(link.status, link.text).toBe(200);
    expect(link.body).toMatchObject({ attachmentId: 'a1', contentType: 'image/jpeg', fileName: '附件1.jpg' });
    const expiresIn = Date.parse(link.body.expiresAt as string) - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);
    const served = await fetch(`${runtime.baseUrl}${link.body.url as string}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('content-disposition')).toContain("filename*=UTF-8''%E9%99%84%E4%BB%B61.jpg");
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(Buffer.from(await served.arrayBuffer()).equals(kept)).toBe(true);

    const assigned = await call('POST', `/api/complaints/${complaintNo}/triage-assign`, 'supervisor', {
      version: 1,
      department: 'mz',
      window: 'mz-01',
      complexity: 'simple',
      told: '已转民政窗口。',
    });
    expect(assigned.status, assigned.text).toBe(200);
    expect((await open('clerk', 'a2')).status).toBe(200);
    expect((await open('chief')).status).toBe(200);
    expect((await open('clerk-sw')).status).toBe(403);
    expect((await open('supervisor', 'a3')).status).toBe(404);
    expect((await open('supervisor', 'x1')).status).toBe(400);

    // Each opening one audit line: who, which complaint, which file — never the complainant.
    const audit = runtime.functionLog.filter((line) => line.includes('attachment-open'));
    expect(audit).toHaveLength(3);
    const first = JSON.parse(audit[0] as string) as Record<string, unknown>;
    expect(first).toMatchObject({ complaintNo, attachment: 'a1', username: 'supervisor', as: 'supervisor' });
    expect(
      audit.some((line) => line.includes('"attachment":"a2"') && line.includes('"username":"clerk"')),
    ).toBe(true);
    for (const line of runtime.functionLog) {
      expect(line).not.toContain(complainantName);
      expect(line).not.toContain(complainantPhone);
      expect(line).not.toContain('/local-attachments/files/');
    }

    // A changed link, or one past its time, opens nothing.
    const url = new URL(link.body.url as string, runtime.baseUrl);
    url.searchParams.set('type', 'text/html');
    expect((await fetch(url)).status).toBe(403);
    const signingKey = localAttachmentKey(await loadOrCreateLocalPersonalDataKey(runtime.dataDir));
    const expired = await localAttachmentObjects(
      attachmentsDir(),
      Buffer.from(signingKey, 'base64'),
    ).openLink(`complaints/${complaintNo}/a1.jpg`, {
      contentType: 'image/jpeg',
      fileName: '附件1.jpg',
      expiresInSeconds: -1,
    });
    const late = await read(await fetch(`${runtime.baseUrl}${expired}`));
    expect(late.status).toBe(403);
    expect(late.body.title).toBe('链接已过期');

    // The public lookup shows no attachment detail.
    const lookup = await call('POST', '/api/public/complaints/lookup', undefined, {
      complaintNo,
      queryCode: filed.body.queryCode,
    });
    expect(lookup.status).toBe(200);
    expect(lookup.text).not.toContain('sha256');
  });
});

describe('a complaint that cannot be stored', () => {
  it('leaves no copy of its attachments behind; the upload waits for a retry', async () => {
    // Occupy the number the next filing will draw, so its one conditional put fails.
    const client = runtime.store.client;
    const date = civilDateAt(new Date());
    const counter = await client.send(
      new GetCommand({ TableName: 'yichuang', Key: { pk: 'counter#complaint', sk: date } }),
    );
    const complaintNo = formatComplaintNo(date, Number(counter.Item?.serial ?? 0) + 1);
    const blocker = { pk: `complaint#${complaintNo}`, sk: 'complaint' };
    await client.send(new PutCommand({ TableName: 'yichuang', Item: { ...blocker, type: 'blocker' } }));
    try {
      const key = await uploaded(jpegWithGps(), 'image/jpeg');
      const reply = await call('POST', '/api/public/complaints', undefined, complaint([key]));
      expect(reply.status).toBe(500);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(await filesUnder(path.join(attachmentsDir(), 'complaints', complaintNo))).toEqual([]);
      expect(await pendingFiles()).toContain(key);
    } finally {
      await client.send(new DeleteCommand({ TableName: 'yichuang', Key: blocker }));
    }
  });
});

describe('hostile files', () => {
  async function refusedFiling(bytes: Uint8Array, type: string, name: string) {
    const before = await complaintCount();
    const copiesBefore = await filesUnder(path.join(attachmentsDir(), 'complaints'));
    const key = await uploaded(bytes, type, name);
    expect(await pendingFiles()).toContain(key);
    const reply = await call('POST', '/api/public/complaints', undefined, complaint([key]));
    expect(reply.status, reply.text).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.title).toBe('请求内容有误');
    // Nothing of it stays: no upload, no copy, no complaint.
    expect(await pendingFiles()).not.toContain(key);
    expect(await filesUnder(path.join(attachmentsDir(), 'complaints'))).toEqual(copiesBefore);
    expect(await complaintCount()).toBe(before);
    return (reply.body.errors as { field: string; rule: string; message: string }[])[0];
  }

  it('a script named .jpg is refused by its content', async () => {
    expect(await refusedFiling(scriptAsJpeg, 'image/jpeg', 'photo.jpg')).toMatchObject({
      field: 'body.attachments.0',
      rule: 'content_type',
      message: expect.stringContaining('文本或脚本'),
    });
  });

  it('a zip bomb named .pdf is a zip, not a PDF', async () => {
    expect(await refusedFiling(zipBomb(), 'application/pdf', 'report.pdf')).toMatchObject({
      field: 'body.attachments.0',
      rule: 'content_type',
      message: expect.stringContaining('ZIP'),
    });
  });

  it('a PNG with a wrong structure is refused', async () => {
    expect(await refusedFiling(pngWithBadChecksum(), 'image/png', 'scan.png')).toMatchObject({
      field: 'body.attachments.0',
      rule: 'structure',
    });
  });

  it('a 50 MB file gets no slot, and a 50 MB body is refused by the upload endpoint without being kept', async () => {
    const reply = await call('POST', '/api/public/complaints/attachments', undefined, {
      files: [{ size: 50 * 1024 * 1024, type: 'image/jpeg' }],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      expect.objectContaining({ field: 'body.files.0.size', rule: 'max_size' }),
    ]);

    const [slot] = await slots([{ size: 1000, type: 'image/jpeg' }]);
    if (!slot) throw new Error('no slot');
    const huge = await upload(slot, new Uint8Array(50 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
    expect(huge.body).toMatchObject({ title: '上传文件过大', errors: [{ field: 'file', rule: 'max_size' }] });
    // Larger than the slot's exact size, though under the limit: S3's content-length-range, locally.
    const larger = await upload(slot, new Uint8Array(2000));
    expect(larger.status).toBe(400);
    expect(larger.body.errors).toEqual([
      expect.objectContaining({ field: 'file', rule: 'content_length_range' }),
    ]);
    expect(await pendingFiles()).not.toContain(slot.key);
  });

  it('a forged or altered upload policy writes nothing', async () => {
    const [slot] = await slots([{ size: 10, type: 'image/png' }]);
    if (!slot) throw new Error('no slot');
    const bytes = new Uint8Array(10);
    const otherKey = await upload(slot, bytes, 'x.png', {
      ...slot.fields,
      key: 'pending/00000000-0000-4000-8000-000000000000',
    });
    expect(otherKey.status).toBe(403);
    expect(otherKey.body.errors).toEqual([expect.objectContaining({ field: 'key', rule: 'policy' })]);
    const policy = JSON.parse(Buffer.from(slot.fields.policy as string, 'base64').toString()) as {
      conditions: unknown[];
    };
    policy.conditions[1] = ['content-length-range', 1, 50 * 1024 * 1024];
    const forged = await upload(slot, bytes, 'x.png', {
      ...slot.fields,
      policy: Buffer.from(JSON.stringify(policy)).toString('base64'),
    });
    expect(forged.status).toBe(403);
    expect(forged.body.errors).toEqual([expect.objectContaining({ field: 'policy', rule: 'signature' })]);
    expect(await pendingFiles()).not.toContain(slot.key);
  });

  it('refuses six files, a zip type and a key never uploaded; one bad file refuses the filing, the good one waits', async () => {
    const many = await call('POST', '/api/public/complaints/attachments', undefined, {
      files: new Array(6).fill({ size: 100, type: 'image/png' }),
    });
    expect(many.status).toBe(400);
    expect(many.body.errors).toEqual([expect.objectContaining({ field: 'body.files', rule: 'max_files' })]);
    const zipType = await call('POST', '/api/public/complaints/attachments', undefined, {
      files: [{ size: 100, type: 'application/zip' }],
    });
    expect(zipType.body.errors).toEqual([
      expect.objectContaining({ field: 'body.files.0.type', rule: 'type' }),
    ]);

    const never = await call(
      'POST',
      '/api/public/complaints',
      undefined,
      complaint(['pending/11111111-1111-4111-8111-111111111111']),
    );
    expect(never.status).toBe(400);
    expect(never.body.errors).toEqual([
      expect.objectContaining({ field: 'body.attachments.0.key', rule: 'not_uploaded' }),
    ]);

    const good = await uploaded(smallPdf(), 'application/pdf');
    const bad = await uploaded(zipBomb(), 'application/pdf');
    const before = await complaintCount();
    const mixed = await call('POST', '/api/public/complaints', undefined, complaint([good, bad]));
    expect(mixed.status).toBe(400);
    expect((mixed.body.errors as { field: string }[]).map((error) => error.field)).toEqual([
      'body.attachments.1',
    ]);
    expect(await complaintCount()).toBe(before);
    const pending = await pendingFiles();
    expect(pending).toContain(good);
    expect(pending).not.toContain(bad);
    const fixed = await call('POST', '/api/public/complaints', undefined, complaint([good]));
    expect(fixed.status, fixed.text).toBe(201);
    expect(await pendingFiles()).not.toContain(good);
  });

  it('keeps no byte of any refused file anywhere in the data folder', async () => {
    const hostile = [scriptAsJpeg, zipBomb().subarray(0, 64)].map((bytes) => Buffer.from(bytes));
    for (const file of await filesUnder(attachmentsDir())) {
      const content = await readFile(path.join(attachmentsDir(), file));
      for (const bytes of hostile) expect(content.includes(bytes), file).toBe(false);
    }
  });
});

describe('uploads no complaint names', () => {
  it('are swept after a day, as the bucket’s lifecycle rule expires them', async () => {
    const key = await uploaded(smallPdf(), 'application/pdf');
    const file = path.join(attachmentsDir(), ...key.split('/'));
    const fresh = await uploaded(smallPdf(), 'application/pdf');
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    await utimes(file, dayAgo, dayAgo);
    await writeFile(path.join(attachmentsDir(), 'pending', '.stale.part'), 'x');
    await utimes(path.join(attachmentsDir(), 'pending', '.stale.part'), dayAgo, dayAgo);
    expect(await sweepPendingUploads(attachmentsDir(), new Date())).toBe(2);
    const pending = await pendingFiles();
    expect(pending).not.toContain(key);
    expect(pending).toContain(fresh);
  });
});
