/**
 * Masking of personal data: the one function for public responses, logs and indexes. One mask per
 * kind everywhere, because different masks of one number can be combined to rebuild it.
 */

const residentIdPattern = /\b(\d{2})\d{14}(\d[\dXx])\b/g;
/** A mainland mobile, national or with the country code (`+86`, `86`): an SMS provider's request and errors carry E.164. */
const mobilePattern = /(?<!\d)(\+?86[\s-]?)?(1[3-9]\d{9})(?!\d)/g;

/** 11010519491231002X → 11**************2X (first 2 and last 2 kept). */
export function maskIdNumber(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
}

/**
 * 13812341234 → 138****1234 (with a country code, +8613812341234, the same); other numbers keep
 * their first 3 and last 4 digits.
 */
export function maskPhone(value: string): string {
  const all = value.replace(/\D/g, '');
  const digits = /^861[3-9]\d{9}$/.test(all) ? all.slice(2) : all;
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** 张三 → 张*, 欧阳修文 → 欧***: the family name's first character only. */
export function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length === 0) return '';
  return `${chars[0]}${'*'.repeat(Math.max(chars.length - 1, 1))}`;
}

/**
 * A secret the visitor holds (a booking code): every character hidden, its length kept — staff
 * see that a message carries one, never any part of it.
 */
export function maskSecret(value: string): string {
  return '*'.repeat([...value].length);
}

/** Masks ID numbers and mobile numbers wherever they stand inside free text. */
export function maskText(value: string): string {
  return value
    .replace(residentIdPattern, (match) => maskIdNumber(match))
    .replace(
      mobilePattern,
      (_, prefix: string | undefined, national: string) => `${prefix ?? ''}${maskPhone(national)}`,
    );
}

export type PersonalField = 'idNumber' | 'phone' | 'name';

/**
 * Field names that hold personal data, by kind. Any key in an object passed to `maskPersonalData`
 * with one of these names is masked whatever its value looks like. A bare `name` is not listed:
 * items, functions and errors have names too; personal names are always qualified.
 */
export const personalFields: Record<string, PersonalField> = {
  idNumber: 'idNumber',
  residentId: 'idNumber',
  phone: 'phone',
  mobile: 'phone',
  contactPhone: 'phone',
  applicantName: 'name',
  complainantName: 'name',
  contactName: 'name',
  personName: 'name',
};

const maskers: Record<PersonalField, (value: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  name: maskName,
};

/**
 * A deep copy of `value` with personal data masked: known personal fields by their kind, and ID
 * and mobile numbers inside any other string.
 */
export function maskPersonalData<T>(value: T): T {
  return maskValue(value, undefined) as T;
}

function maskValue(value: unknown, field: PersonalField | undefined): unknown {
  if (typeof value === 'string') return field ? maskers[field](value) : maskText(value);
  if (Array.isArray(value)) return value.map((entry) => maskValue(entry, field));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, maskValue(entry, personalFields[key] ?? field)]),
    );
  }
  return value;
}
