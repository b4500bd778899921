/**
 * Pure validators for the identifiers an application carries: the resident ID number (GB 11643),
 * the unified social credit code of an organisation (GB 32100) and phone numbers. Each returns the
 * rule that failed, so the HTTP layer can name it (`check_digit`, `birth_date`…); none throws.
 */

export type IdNumberRule = 'format' | 'area_code' | 'birth_date' | 'check_digit';

export type IdNumberCheck =
  | { ok: true; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; rule: IdNumberRule; message: string };

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const idCheckCharacters = '10X98765432';
/** First digit of the area code: 1–8 (provinces and the special regions, 81/82 Hong Kong/Macao). */
const provinceCodes = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

/** The check character (0–9 or X) of the first 17 digits of a resident ID number. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (const [index, weight] of idWeights.entries()) sum += Number(first17[index]) * weight;
  return idCheckCharacters[sum % 11] as string;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] as number);
}

/**
 * Checks an 18-character resident ID number: six-digit area code with a known province, a real
 * birth date from 1900-01-01 to `today` (YYYY-MM-DD, Beijing date), three-digit sequence and the
 * check character. A lower-case x is accepted as X.
 */
export function checkIdNumber(value: string, today: string): IdNumberCheck {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return {
      ok: false,
      rule: 'format',
      message: '身份证号码应为 18 位：17 位数字加 1 位校验码（数字或 X）。',
    };
  }
  if (!provinceCodes.has(Number(id.slice(0, 2))) || id.slice(2, 6) === '0000') {
    return { ok: false, rule: 'area_code', message: '身份证号码的行政区划代码无效。' };
  }
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(year, month, day) || year < 1900 || birthDate > today) {
    return { ok: false, rule: 'birth_date', message: '身份证号码中的出生日期无效。' };
  }
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) {
    return { ok: false, rule: 'check_digit', message: '身份证号码校验码不正确，请核对。' };
  }
  return { ok: true, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** The form in which an ID number is stored and compared: trimmed, X upper-case. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

const creditAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeCheck = { ok: true } | { ok: false; rule: 'format' | 'check_digit'; message: string };

/** Checks an 18-character unified social credit code (统一社会信用代码, GB 32100). */
export function checkCreditCode(value: string): CreditCodeCheck {
  const code = value.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    return {
      ok: false,
      rule: 'format',
      message: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）。',
    };
  }
  let sum = 0;
  for (const [index, weight] of creditWeights.entries()) {
    sum += creditAlphabet.indexOf(code[index] as string) * weight;
  }
  const check = creditAlphabet[(31 - (sum % 31)) % 31];
  if (check !== code[17]) {
    return { ok: false, rule: 'check_digit', message: '统一社会信用代码校验码不正确，请核对。' };
  }
  return { ok: true };
}

export type PhoneCheck = { ok: true; normalized: string; kind: 'mobile' | 'landline' } | { ok: false };

/**
 * A mainland mobile number (11 digits, 13x–19x) or a landline with area code (0 + 2–3 digits, then
 * 7–8 digits, an optional extension). Spaces and hyphens are allowed; the normalised form keeps a
 * hyphen after a landline's area code only.
 */
export function checkPhone(value: string): PhoneCheck {
  const compact = value.trim().replace(/^\+?86[\s-]?/, '');
  const digits = compact.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, normalized: digits, kind: 'mobile' };
  const landline = /^(0\d{2,3})[\s-]?(\d{7,8})(?:[\s-]?(?:转|ext\.?|-)?\s*(\d{1,6}))?$/i.exec(compact);
  if (landline) {
    const [, area, number, extension] = landline;
    return {
      ok: true,
      normalized: `${area}-${number}${extension ? `-${extension}` : ''}`,
      kind: 'landline',
    };
  }
  return { ok: false };
}

/**
 * The one mobile-number rule: a mainland mobile (`138 1234 5678`, `+86 13812345678`…) in its
 * national form `13812345678`, or undefined for a landline or anything else — what a booking, the
 * phone page's 到号提醒 and every SMS take.
 */
export function mobileNumber(value: string): string | undefined {
  const phone = checkPhone(value);
  return phone.ok && phone.kind === 'mobile' ? phone.normalized : undefined;
}
