/**
 * Attachment content: the kind by its bytes, the structure walked, the location and identity
 * metadata taken out of photos — checked with independent readers (exifr for EXIF/XMP GPS, jpeg-js
 * and pngjs to decode), on real files made in test/support/attachment-files.ts.
 */
import exifr from 'exifr';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  type CleanedContent,
  checkAttachmentContent,
  crc32,
  readExif,
} from '../../../functions/domain/complaints/attachment-content.ts';
import { attachmentLimits, refuseSlotRequest } from '../../../functions/domain/complaints/attachments.ts';
import {
  exifWithGps,
  gpsFix,
  jpegWithGps,
  pixelFloodPng,
  plainJpeg,
  plainPng,
  pngWithBadChecksum,
  pngWithGps,
  scriptAsJpeg,
  smallPdf,
  zipBomb,
} from '../../support/attachment-files.ts';

function cleaned(bytes: Uint8Array): CleanedContent {
  const check = checkAttachmentContent(bytes);
  if (!check.ok) throw new Error(`refused: ${check.refusal.rule} ${check.refusal.message}`);
  return check.content;
}

function refusal(bytes: Uint8Array) {
  const check = checkAttachmentContent(bytes);
  if (check.ok) throw new Error(`accepted as ${check.content.kind}`);
  return check.refusal;
}

const contains = (bytes: Uint8Array, needle: string) =>
  Buffer.from(bytes).includes(Buffer.from(needle, 'utf8'));

describe('a photo with GPS in EXIF and XMP', () => {
  const input = jpegWithGps(32, 24, 6);

  it('really carries the location, as an independent reader sees it', async () => {
    const gps = await exifr.gps(Buffer.from(input));
    expect(gps?.latitude).toBeCloseTo(gpsFix.latitude, 3);
    expect(gps?.longitude).toBeCloseTo(gpsFix.longitude, 3);
    const tags = await exifr.parse(Buffer.from(input), { tiff: true, xmp: true, iptc: true });
    expect(tags).toMatchObject({ Make: gpsFix.make, City: 'Shanghai' });
    expect(readExif(exifWithGps())).toEqual({ orientation: 6, gps: true });
  });

  it('comes out without GPS, camera, owner, XMP, IPTC, comment or appended data', async () => {
    const content = cleaned(input);
    expect(content.kind).toBe('jpeg');
    expect(content.removed.sort()).toEqual(['comment', 'exif', 'iptc', 'location', 'trailer', 'xmp']);
    expect(await exifr.gps(Buffer.from(content.bytes))).toBeUndefined();
    const tags = (await exifr.parse(Buffer.from(content.bytes), { tiff: true, xmp: true, iptc: true })) ?? {};
    expect(Object.keys(tags).filter((tag) => /GPS|Make|Owner|latitude/i.test(tag))).toEqual([]);
    for (const secret of [gpsFix.make, gpsFix.owner, 'GPSLatitude', 'xpacket', 'Shanghai', 'MOTION-CLIP']) {
      expect(contains(content.bytes, secret), secret).toBe(false);
    }
    // The end of the image is the end of the file.
    expect([...content.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('keeps the orientation, so the photo still shows upright', async () => {
    const content = cleaned(input);
    expect(await exifr.orientation(Buffer.from(content.bytes))).toBe(6);
  });

  it('is still a valid JPEG with every pixel of the original', () => {
    const content = cleaned(input);
    const before = jpeg.decode(Buffer.from(input), { useTArray: true });
    const after = jpeg.decode(Buffer.from(content.bytes), { useTArray: true });
    expect([after.width, after.height]).toEqual([32, 24]);
    expect([content.width, content.height]).toEqual([32, 24]);
    expect(Buffer.from(after.data).equals(Buffer.from(before.data))).toBe(true);
    // Checking the copy again finds only the orientation block it wrote.
    expect(cleaned(content.bytes).removed).toEqual(['exif']);
  });

  it('leaves a photo without metadata byte for byte as it was', () => {
    const plain = plainJpeg();
    const content = cleaned(plain);
    expect(content.removed).toEqual([]);
    expect(Buffer.from(content.bytes).equals(Buffer.from(plain))).toBe(true);
  });
});

describe('a PNG with eXIf, XMP and text chunks', () => {
  const input = pngWithGps(8, 6);

  it('comes out without them, and decodes to the same pixels', async () => {
    expect((await exifr.gps(Buffer.from(input)))?.latitude).toBeCloseTo(gpsFix.latitude, 3);
    const content = cleaned(input);
    expect(content.kind).toBe('png');
    expect(content.removed.sort()).toEqual(['exif', 'location', 'other', 'text', 'xmp']);
    for (const chunk of ['eXIf', 'iTXt', 'tEXt', 'tIME', 'GPS', '13812345678']) {
      expect(contains(content.bytes, chunk), chunk).toBe(false);
    }
    expect(await exifr.gps(Buffer.from(content.bytes))).toBeUndefined();
    const before = PNG.sync.read(Buffer.from(input));
    const after = PNG.sync.read(Buffer.from(content.bytes));
    expect([after.width, after.height]).toEqual([8, 6]);
    expect(after.data.equals(before.data)).toBe(true);
    expect(Buffer.from(content.bytes).equals(Buffer.from(plainPng(8, 6)))).toBe(true);
  });

  it('keeps the orientation in an eXIf chunk of its own, before the image data', async () => {
    const content = cleaned(pngWithGps(8, 6, 8));
    expect(await exifr.orientation(Buffer.from(content.bytes))).toBe(8);
    expect(await exifr.gps(Buffer.from(content.bytes))).toBeUndefined();
    expect(contains(content.bytes, gpsFix.make)).toBe(false);
    const exif = Buffer.from(content.bytes).indexOf('eXIf');
    expect(exif).toBeGreaterThan(0);
    expect(exif).toBeLessThan(Buffer.from(content.bytes).indexOf('IDAT'));
    expect(PNG.sync.read(Buffer.from(content.bytes)).width).toBe(8);
    // Its checksum is right: checking the copy again passes.
    expect(cleaned(content.bytes).removed).toEqual(['exif']);
  });

  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new Uint8Array(Buffer.from('IEND')))).toBe(0xae426082);
  });
});

describe('a PDF', () => {
  it('passes when its cross-reference pointer is right', () => {
    const content = cleaned(smallPdf());
    expect(content.kind).toBe('pdf');
    expect(content.removed).toEqual([]);
  });

  it('ends at its last %%EOF: what was appended is not kept', () => {
    const content = cleaned(smallPdf('PK\u0003\u0004appended'));
    expect(content.removed).toEqual(['trailer']);
    expect(contains(content.bytes, 'appended')).toBe(false);
  });

  it('is refused when startxref points nowhere', () => {
    const text = Buffer.from(smallPdf())
      .toString('latin1')
      .replace(/startxref\n\d+/, 'startxref\n9');
    expect(refusal(new Uint8Array(Buffer.from(text, 'latin1'))).rule).toBe('structure');
  });
});

describe('hostile files', () => {
  it('a script named .jpg is refused by its content', () => {
    const found = refusal(scriptAsJpeg);
    expect(found.rule).toBe('content_type');
    expect(found.message).toContain('文本或脚本');
    expect(found.message).toContain('与文件名无关');
  });

  it('a zip bomb named .pdf is a zip, not a PDF, and is never inflated', () => {
    const started = performance.now();
    const found = refusal(zipBomb());
    expect(found.rule).toBe('content_type');
    expect(found.message).toContain('ZIP');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a zip behind a PDF header fails the structure check', () => {
    const bytes = Uint8Array.from([...Buffer.from('%PDF-1.7\n'), ...zipBomb()]);
    expect(refusal(bytes).rule).toBe('structure');
  });

  it('a PNG with a broken checksum, a missing end or a bad header is refused', () => {
    expect(refusal(pngWithBadChecksum())).toMatchObject({ rule: 'structure' });
    expect(refusal(pngWithBadChecksum()).message).toContain('CRC');
    const png = plainPng();
    expect(refusal(png.subarray(0, png.length - 12)).message).toContain('IEND');
    const badDepth = Uint8Array.from(png);
    badDepth[8 + 8 + 8] = 3; // bit depth 3 exists for no colour type
    expect(refusal(badDepth).rule).toBe('structure');
  });

  it('a truncated or re-ordered JPEG is refused', () => {
    const photo = plainJpeg();
    expect(refusal(photo.subarray(0, photo.length / 2)).rule).toBe('structure');
    const sosAt = Buffer.from(photo).indexOf(Buffer.from([0xff, 0xda]));
    const noFrame = Uint8Array.from([0xff, 0xd8, ...photo.subarray(sosAt)]);
    expect(refusal(noFrame).message).toContain('帧头');
  });

  it('a pixel flood is refused from its header, an empty or oversized file by its size', () => {
    expect(refusal(pixelFloodPng(100_000, 100_000))).toMatchObject({ rule: 'dimensions' });
    expect(cleaned(pixelFloodPng(1000, 1000)).kind).toBe('png');
    expect(refusal(new Uint8Array(0)).rule).toBe('min_size');
    expect(refusal(new Uint8Array(attachmentLimits.maxBytes + 1)).rule).toBe('max_size');
  });

  it('never throws, whatever the bytes: mutated and truncated photos are refused or cleaned', () => {
    const seeds = [jpegWithGps(), pngWithGps(), smallPdf()];
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }),
        fc.nat(),
        (seed, flips, cut) => {
          const bytes = Uint8Array.from(seed);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          const check = checkAttachmentContent(bytes.subarray(0, 1 + (cut % bytes.length)));
          if (check.ok) expect(check.content.bytes.length).toBeLessThanOrEqual(bytes.length + 40);
        },
      ),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => checkAttachmentContent(bytes) !== null),
    );
  });
});

describe('upload slots', () => {
  it('allows one to five JPEG, PNG or PDF files of up to 5 MB each', () => {
    expect(refuseSlotRequest([{ size: 1000, type: 'image/jpeg' }])).toEqual([]);
    expect(
      refuseSlotRequest(new Array(5).fill({ size: attachmentLimits.maxBytes, type: 'application/pdf' })),
    ).toEqual([]);
  });

  it('names each file and rule it refuses', () => {
    expect(refuseSlotRequest([])).toEqual([expect.objectContaining({ index: null, rule: 'max_files' })]);
    expect(refuseSlotRequest(new Array(6).fill({ size: 1, type: 'image/png' }))[0]?.rule).toBe('max_files');
    expect(
      refuseSlotRequest([
        { size: 50 * 1024 * 1024, type: 'image/jpeg' },
        { size: 10, type: 'application/zip' },
        { size: 0, type: 'image/png' },
      ]).map(({ index, rule }) => [index, rule]),
    ).toEqual([
      [0, 'max_size'],
      [1, 'type'],
      [2, 'min_size'],
    ]);
  });
});
