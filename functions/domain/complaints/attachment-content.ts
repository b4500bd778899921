/**
 * What an uploaded file really is, judged by its bytes — never by its name or the type the browser
 * declared — and the copy of it that is kept: JPEG, PNG or PDF, each walked through its structure
 * (segments, chunks with their checksums, the cross-reference pointer), with the metadata that can
 * locate or identify the complainant taken out of the images (EXIF with GPS, XMP, IPTC, comments,
 * text chunks, anything appended after the end of the image).
 *
 * Nothing is decompressed or decoded: a zip bomb, a pixel flood or a compressed stream costs
 * nothing to check, because none of them is ever inflated here. The image's pixel count is read
 * from its header and refused when too large, so the viewer that later opens it is spared too.
 */
import { type AttachmentKind, attachmentLimits, type RemovedMetadata } from './attachments.ts';

export type ContentRule = 'content_type' | 'structure' | 'max_size' | 'min_size' | 'dimensions';

export interface ContentRefusal {
  rule: ContentRule;
  /** Chinese, for the complainant: what is wrong with the file. */
  message: string;
}

export interface CleanedContent {
  kind: AttachmentKind;
  /** The copy to keep: metadata removed, the image data byte for byte as uploaded. */
  bytes: Uint8Array;
  removed: RemovedMetadata[];
  width?: number;
  height?: number;
}

export type ContentCheck = { ok: true; content: CleanedContent } | { ok: false; refusal: ContentRefusal };

export interface ContentLimits {
  maxBytes: number;
  maxPixels: number;
}

class Refused extends Error {
  constructor(
    readonly rule: ContentRule,
    message: string,
  ) {
    super(message);
  }
}

const structure = (kind: string, what: string) =>
  new Refused('structure', `不是有效的 ${kind} 文件：${what}。`);

/**
 * Checks a file and returns the copy to keep, or why it is refused. Pure: bytes in, bytes out.
 */
export function checkAttachmentContent(
  bytes: Uint8Array,
  limits: ContentLimits = attachmentLimits,
): ContentCheck {
  try {
    if (bytes.length === 0) throw new Refused('min_size', '文件是空的。');
    if (bytes.length > limits.maxBytes) {
      throw new Refused('max_size', `文件超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB。`);
    }
    const kind = sniffKind(bytes);
    if (!kind) {
      const found = describeOther(bytes);
      throw new Refused(
        'content_type',
        `文件内容${found ? `是${found}` : '无法识别'}，不是 JPEG、PNG 图片或 PDF 文件（按文件内容判断，与文件名无关）。`,
      );
    }
    const content =
      kind === 'jpeg' ? cleanJpeg(bytes, limits) : kind === 'png' ? cleanPng(bytes, limits) : checkPdf(bytes);
    return { ok: true, content };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: { rule: error.rule, message: error.message } };
    throw error;
  }
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** The kind by its magic bytes; the structural check decides whether it really is one. */
export function sniffKind(bytes: Uint8Array): AttachmentKind | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, pngSignature)) return 'png';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  return undefined;
}

const otherKinds: { label: string; test: (bytes: Uint8Array) => boolean }[] = [
  { label: ' ZIP 压缩包', test: (b) => startsWith(b, [0x50, 0x4b]) && [3, 5, 7].includes(b[2] ?? 0) },
  { label: ' GZIP 压缩包', test: (b) => startsWith(b, [0x1f, 0x8b]) },
  { label: ' RAR 压缩包', test: (b) => startsWith(b, ascii('Rar!')) },
  { label: ' 7z 压缩包', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { label: ' GIF 图片', test: (b) => startsWith(b, ascii('GIF8')) },
  { label: ' WebP 图片', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { label: ' HEIC 图片', test: (b) => startsWith(b, ascii('ftyp'), 4) },
  {
    label: ' TIFF 图片',
    test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0]) || startsWith(b, [0x4d, 0x4d, 0, 0x2a]),
  },
  { label: ' Windows 可执行程序', test: (b) => startsWith(b, ascii('MZ')) },
  { label: ' ELF 可执行程序', test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
];

function describeOther(bytes: Uint8Array): string | undefined {
  const known = otherKinds.find((candidate) => candidate.test(bytes));
  if (known) return known.label;
  const head = bytes.subarray(0, 512);
  // Text, HTML or a script: no control bytes other than whitespace.
  if (head.every((byte) => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d))
    return '文本或脚本';
  return undefined;
}

function checkPixels(kind: string, width: number, height: number, limits: ContentLimits): void {
  if (width === 0 || height === 0) throw structure(kind, '图像宽度或高度为 0');
  if (width * height > limits.maxPixels) {
    throw new Refused(
      'dimensions',
      `图像为 ${width} × ${height} 像素，超过 ${Math.round(limits.maxPixels / 1_000_000)} 百万像素的上限。`,
    );
  }
}

// ——— EXIF (TIFF) ———

interface ExifSummary {
  orientation: number;
  gps: boolean;
}

/** Orientation (tag 0x0112) and whether a GPS directory (tag 0x8825) is present, from a TIFF block. */
export function readExif(tiff: Uint8Array): ExifSummary {
  const summary: ExifSummary = { orientation: 1, gps: false };
  const little = startsWith(tiff, [0x49, 0x49]);
  if (!little && !startsWith(tiff, [0x4d, 0x4d])) return summary;
  const u16 = (at: number) => {
    if (at + 2 > tiff.length) return undefined;
    const [a, b] = [tiff[at] as number, tiff[at + 1] as number];
    return little ? a | (b << 8) : (a << 8) | b;
  };
  const u32 = (at: number) => {
    const high = u16(little ? at + 2 : at);
    const low = u16(little ? at : at + 2);
    return high === undefined || low === undefined ? undefined : high * 0x10000 + low;
  };
  if (u16(2) !== 42) return summary;
  const directory = u32(4);
  const count = directory === undefined ? undefined : u16(directory);
  if (directory === undefined || count === undefined) return summary;
  for (let i = 0; i < count; i += 1) {
    const entry = directory + 2 + i * 12;
    const tag = u16(entry);
    if (tag === undefined) break;
    if (tag === 0x8825) summary.gps = true;
    if (tag === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      if (value !== undefined && value >= 1 && value <= 8) summary.orientation = value;
    }
  }
  return summary;
}

const exifHeader = [...ascii('Exif'), 0, 0];

/**
 * A TIFF block holding only the orientation: the one EXIF tag worth keeping, so a phone photo
 * taken upright still shows upright once its camera, time and GPS tags are gone.
 */
export function orientationTiff(orientation: number): number[] {
  // MM, 42, IFD0 at 8; one entry: 0x0112 SHORT ×1 = orientation; no next IFD.
  return [
    0x4d,
    0x4d,
    0,
    42,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
}

/** The JPEG APP1 segment of {@link orientationTiff}. */
export function orientationSegment(orientation: number): Uint8Array {
  const tiff = orientationTiff(orientation);
  const length = 2 + exifHeader.length + tiff.length;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...exifHeader, ...tiff]);
}

// ——— JPEG ———

/** Start-of-frame markers of the JPEG processes (all but DHT C4, JPG C8, DAC CC). */
const startOfFrame = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Table and control segments a decoder needs: DQT, DHT, DRI, DAC, DNL, DHP, EXP. */
const tables = new Set([0xdb, 0xc4, 0xdd, 0xcc, 0xdc, 0xde, 0xdf]);

function isSignature(data: Uint8Array, text: string): boolean {
  return startsWith(data, [...ascii(text), 0]);
}

/** Which APPn segments stay (JFIF, the ICC colour profile, Adobe's colour transform) and what the others were. */
function classifyApp(marker: number, data: Uint8Array): RemovedMetadata[] | 'keep' {
  switch (marker) {
    case 0xe0:
      return isSignature(data, 'JFIF') || isSignature(data, 'JFXX') ? 'keep' : ['other'];
    case 0xe1: {
      if (startsWith(data, exifHeader)) {
        return readExif(data.subarray(exifHeader.length)).gps ? ['exif', 'location'] : ['exif'];
      }
      if (
        isSignature(data, 'http://ns.adobe.com/xap/1.0/') ||
        isSignature(data, 'http://ns.adobe.com/xmp/extension/')
      ) {
        return latin1(data).includes('GPS') ? ['xmp', 'location'] : ['xmp'];
      }
      return ['other'];
    }
    case 0xe2:
      return isSignature(data, 'ICC_PROFILE') ? 'keep' : ['other'];
    case 0xed:
      return ['iptc'];
    case 0xee:
      return startsWith(data, ascii('Adobe')) ? 'keep' : ['other'];
    default:
      return ['other'];
  }
}

function cleanJpeg(bytes: Uint8Array, limits: ContentLimits): CleanedContent {
  const bad = (what: string) => structure('JPEG', what);
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  const removed = new Set<RemovedMetadata>();
  let orientation = 1;
  // After SOI, or after a JFIF APP0 that comes first (JFIF requires it right after SOI).
  let exifAt = 1;
  let frame: { width: number; height: number } | undefined;
  let scans = 0;
  let pos = 2;
  let first = true;
  for (;;) {
    if (pos >= bytes.length) throw bad('文件在结束标记（EOI）之前就结束了');
    if (bytes[pos] !== 0xff) throw bad(`第 ${pos} 字节处应为段标记`);
    let at = pos + 1;
    while (bytes[at] === 0xff) at += 1;
    if (at >= bytes.length) throw bad('文件在结束标记（EOI）之前就结束了');
    const marker = bytes[at] as number;
    pos = at + 1;
    if (marker === 0xd9) {
      kept.push(bytes.subarray(at - 1, pos));
      if (pos < bytes.length) removed.add('trailer');
      break;
    }
    if (marker === 0x01) continue;
    if (marker === 0x00 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      throw bad(`第 ${at} 字节处出现了不应出现的标记 0x${marker.toString(16)}`);
    }
    if (pos + 2 > bytes.length) throw bad('段头不完整');
    const length = ((bytes[pos] as number) << 8) | (bytes[pos + 1] as number);
    const end = pos + length;
    if (length < 2 || end > bytes.length) throw bad('段长度超出文件');
    const data = bytes.subarray(pos + 2, end);
    const segment = bytes.subarray(at - 1, end);
    pos = end;
    const wasFirst = first;
    first = false;
    if (startOfFrame.has(marker)) {
      if (frame) throw bad('有多个帧头（SOF）');
      const components = data[5] ?? 0;
      if (data.length !== 6 + 3 * components || components === 0) throw bad('帧头（SOF）长度不符');
      frame = {
        height: ((data[1] as number) << 8) | (data[2] as number),
        width: ((data[3] as number) << 8) | (data[4] as number),
      };
      checkPixels('JPEG', frame.width, frame.height, limits);
      kept.push(segment);
    } else if (marker === 0xda) {
      if (!frame) throw bad('扫描数据出现在帧头（SOF）之前');
      const components = data[0] ?? 0;
      if (data.length !== 4 + 2 * components || components === 0) throw bad('扫描头（SOS）长度不符');
      kept.push(segment);
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let scanEnd = pos;
      for (;;) {
        if (scanEnd + 1 >= bytes.length) throw bad('图像数据在结束标记（EOI）之前就结束了');
        if (bytes[scanEnd] !== 0xff) {
          scanEnd += 1;
          continue;
        }
        const next = bytes[scanEnd + 1] as number;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) scanEnd += 2;
        else if (next === 0xff) scanEnd += 1;
        else break;
      }
      kept.push(bytes.subarray(pos, scanEnd));
      pos = scanEnd;
      scans += 1;
    } else if (marker >= 0xe0 && marker <= 0xef) {
      const verdict = classifyApp(marker, data);
      if (verdict === 'keep') {
        kept.push(segment);
        if (wasFirst && marker === 0xe0) exifAt = 2;
      } else {
        for (const kind of verdict) removed.add(kind);
        if (marker === 0xe1 && startsWith(data, exifHeader)) {
          orientation = readExif(data.subarray(exifHeader.length)).orientation;
        }
      }
    } else if (marker === 0xfe) {
      removed.add('comment');
    } else if (tables.has(marker)) {
      kept.push(segment);
    } else {
      throw bad(`不支持的段标记 0x${marker.toString(16)}`);
    }
  }
  if (!frame) throw bad('没有帧头（SOF）');
  if (scans === 0) throw bad('没有图像数据（SOS）');
  if (orientation !== 1) kept.splice(exifAt, 0, orientationSegment(orientation));
  return { kind: 'jpeg', bytes: concat(kept), removed: [...removed], ...frame };
}

// ——— PNG ———

let crcTable: Uint32Array | undefined;

/** The CRC-32 table, made on the first PNG: at import it would cost every public complaint function's cold start. */
function crcTableOnce(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 as PNG computes it over a chunk's type and data. */
export function crc32(bytes: Uint8Array): number {
  const table = crcTableOnce();
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function u32be(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] as number) * 0x1000000 +
    (((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number))
  );
}

/** Ancillary chunks that change how the image looks; every other ancillary chunk is metadata. */
const renderingChunks = new Set([
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'bKGD',
  'pHYs',
  'hIST',
  'sPLT',
  'cICP',
  'mDCV',
  'cLLI',
]);

/** Bit depths allowed for each PNG colour type. */
const bitDepths: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

const pngExifTiff = (data: Uint8Array) =>
  startsWith(data, exifHeader) ? data.subarray(exifHeader.length) : data;

/** The PNG eXIf chunk of {@link orientationTiff}. */
function orientationChunk(orientation: number): Uint8Array {
  const body = [...ascii('eXIf'), ...orientationTiff(orientation)];
  const crc = crc32(Uint8Array.from(body));
  const length = body.length - 4;
  return Uint8Array.from([
    0,
    0,
    0,
    length,
    ...body,
    crc >>> 24,
    (crc >>> 16) & 0xff,
    (crc >>> 8) & 0xff,
    crc & 0xff,
  ]);
}

function classifyPngChunk(name: string, data: Uint8Array): RemovedMetadata[] {
  switch (name) {
    case 'eXIf':
      return readExif(pngExifTiff(data)).gps ? ['exif', 'location'] : ['exif'];
    case 'iTXt':
      if (startsWith(data, [...ascii('XML:com.adobe.xmp'), 0])) {
        return latin1(data).includes('GPS') ? ['xmp', 'location'] : ['xmp'];
      }
      return ['text'];
    case 'tEXt':
    case 'zTXt':
      return ['text'];
    default:
      return ['other'];
  }
}

function cleanPng(bytes: Uint8Array, limits: ContentLimits): CleanedContent {
  const bad = (what: string) => structure('PNG', what);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  const removed = new Set<RemovedMetadata>();
  let header: { width: number; height: number; colourType: number } | undefined;
  let palette = false;
  let imageData: 'none' | 'inside' | 'after' = 'none';
  let ended = false;
  let orientation = 1;
  let pos = 8;
  while (pos < bytes.length && !ended) {
    if (pos + 12 > bytes.length) throw bad('数据块不完整');
    const length = u32be(bytes, pos);
    if (length > 0x7fffffff) throw bad('数据块长度无效');
    const end = pos + 12 + length;
    if (end > bytes.length) throw bad('数据块超出文件');
    const typeBytes = bytes.subarray(pos + 4, pos + 8);
    if (!typeBytes.every((byte) => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a))) {
      throw bad('数据块类型无效');
    }
    const name = latin1(typeBytes);
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== u32be(bytes, pos + 8 + length)) {
      throw bad(`${name} 数据块校验和（CRC）错误`);
    }
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    const chunk = bytes.subarray(pos, end);
    pos = end;
    if (!header && name !== 'IHDR') throw bad('第一个数据块不是 IHDR');
    if (name !== 'IDAT' && imageData === 'inside') imageData = 'after';
    switch (name) {
      case 'IHDR': {
        if (header) throw bad('有多个 IHDR 数据块');
        if (length !== 13) throw bad('IHDR 数据块长度不是 13');
        const [bitDepth, colourType, compression, filter, interlace] = [...data.subarray(8, 13)] as number[];
        if (!bitDepths[colourType as number]?.includes(bitDepth as number)) throw bad('颜色类型与位深度不符');
        if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) {
          throw bad('压缩、过滤或隔行方式无效');
        }
        header = { width: u32be(data, 0), height: u32be(data, 4), colourType: colourType as number };
        if (header.width > 0x7fffffff || header.height > 0x7fffffff) throw bad('宽度或高度无效');
        checkPixels('PNG', header.width, header.height, limits);
        kept.push(chunk);
        break;
      }
      case 'PLTE':
        if (imageData !== 'none' || palette) throw bad('PLTE 数据块位置不对');
        if (length === 0 || length % 3 !== 0 || length > 768) throw bad('调色板长度无效');
        palette = true;
        kept.push(chunk);
        break;
      case 'IDAT':
        if (imageData === 'after') throw bad('IDAT 数据块不连续');
        imageData = 'inside';
        kept.push(chunk);
        break;
      case 'IEND':
        if (length !== 0) throw bad('IEND 数据块不为空');
        kept.push(chunk);
        ended = true;
        break;
      default: {
        // Bit 5 of the first letter: lower case is ancillary; an unknown critical chunk cannot be skipped.
        if (((typeBytes[0] as number) & 0x20) === 0) throw bad(`未知的关键数据块 ${name}`);
        if (renderingChunks.has(name)) kept.push(chunk);
        else for (const kind of classifyPngChunk(name, data)) removed.add(kind);
        if (name === 'eXIf' && imageData === 'none') orientation = readExif(pngExifTiff(data)).orientation;
      }
    }
  }
  if (!ended) throw bad('没有结束数据块 IEND');
  if (imageData === 'none') throw bad('没有图像数据块 IDAT');
  if (header?.colourType === 3 && !palette) throw bad('索引色图像缺少调色板 PLTE');
  if (pos < bytes.length) removed.add('trailer');
  // eXIf must come before the image data: right after IHDR.
  if (orientation !== 1) kept.splice(2, 0, orientationChunk(orientation));
  return {
    kind: 'png',
    bytes: concat(kept),
    removed: [...removed],
    ...(header ? { width: header.width, height: header.height } : {}),
  };
}

// ——— PDF ———

function checkPdf(bytes: Uint8Array): CleanedContent {
  const bad = (what: string) => structure('PDF', what);
  if (!/^%PDF-(1\.[0-7]|2\.0)\s/.test(latin1(bytes.subarray(0, 9)))) throw bad('文件头版本号无效');
  const tailStart = Math.max(0, bytes.length - 1024);
  const tail = latin1(bytes.subarray(tailStart));
  const eof = tail.lastIndexOf('%%EOF');
  if (eof < 0) throw bad('缺少文件结束标记 %%EOF');
  const pointer = /startxref\s+(\d{1,10})\s+$/.exec(tail.slice(0, eof));
  if (!pointer) throw bad('缺少交叉引用表位置（startxref）');
  const offset = Number(pointer[1]);
  const target = offset < tailStart + eof ? latin1(bytes.subarray(offset, offset + 40)) : '';
  if (!/^(xref\s|\d+\s+\d+\s+obj\b)/.test(target)) throw bad('交叉引用表位置（startxref）不指向交叉引用表');
  // Readers ignore whatever follows the last %%EOF; the copy ends there.
  let end = tailStart + eof + 5;
  if (bytes[end] === 0x0d) end += 1;
  if (bytes[end] === 0x0a) end += 1;
  const rest = bytes.subarray(end);
  const removed: RemovedMetadata[] = rest.some((byte) => byte > 0x20) ? ['trailer'] : [];
  return { kind: 'pdf', bytes: bytes.subarray(0, end), removed };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
