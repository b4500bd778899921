/**
 * Case numbers (受理编号) and query codes (查询码).
 *
 * A case number is readable and unique per centre and day: centre code, Beijing date, serial —
 * `YC0001-20261127-0001`. The serial comes from a counter in the store; at least four digits,
 * more after 9 999 cases in a day.
 *
 * A query code is 8 characters drawn from an alphabet without look-alikes (no 0/O, 1/I/L): 31
 * symbols, about 40 bits. It is shown once, on the receipt; the store keeps only a keyed hash. Random
 * bytes come in as a parameter: the core does not draw them.
 */
import type { CivilDate } from '../calendar/civil.ts';

export const caseNoPattern = /^([A-Z0-9]{2,12})-(\d{8})-(\d{4,6})$/;

export function formatCaseNo(centre: string, date: CivilDate, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > 999_999) {
    throw new RangeError(`A case serial is 1–999999, got ${serial}.`);
  }
  return `${centre}-${date.replaceAll('-', '')}-${String(serial).padStart(4, '0')}`;
}

export function parseCaseNo(caseNo: string): { centre: string; date: CivilDate; serial: number } | undefined {
  const match = caseNoPattern.exec(caseNo);
  if (!match) return undefined;
  const [, centre, day, serial] = match as unknown as [string, string, string, string];
  return {
    centre,
    date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
    serial: Number(serial),
  };
}

/** The symbols of an unambiguous query code: digits 2–9 and capitals without I, L, O. */
export const queryCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const queryCodeLength = 8;
export const queryCodePattern = /^[2-9A-HJKMNP-Z]{8}$/;
const symbols = queryCodeAlphabet;

/**
 * A query code from at least 8 random bytes. 31 symbols: each byte is used only when it falls in
 * the largest multiple of 31 below 256 (rejection sampling, no bias); pass 16 bytes or more so
 * rejected bytes leave enough.
 */
export function queryCodeFromBytes(bytes: Uint8Array): string {
  const limit = 256 - (256 % symbols.length);
  let code = '';
  for (const byte of bytes) {
    if (byte >= limit) continue;
    code += symbols[byte % symbols.length];
    if (code.length === queryCodeLength) return code;
  }
  throw new RangeError('Not enough random bytes for a query code.');
}

/** Applicants type codes in lower case and with spaces: compare in this form. */
export function normalizeQueryCode(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}
