/**
 * The phones a message may go to: mainland China mobile numbers (the one phone check,
 * identity-number.ts). Kept and masked in the national form (the one mask, privacy.ts); written in
 * E.164 only where a provider asks for it (AWS End User Messaging). Alibaba Cloud takes the
 * national form.
 */
import { checkPhone } from '../identity-number.ts';

/** `138 1234 5678`, `+86 13812345678` → `13812345678`; undefined for a landline or anything else. */
export function mobileNumber(value: string): string | undefined {
  const phone = checkPhone(value);
  return phone.ok && phone.kind === 'mobile' ? phone.normalized : undefined;
}

/** Whether a masked phone (`138****5678`, never a full number) is a mobile's: an SMS can reach it. */
export function isMaskedMobile(masked: string): boolean {
  return /^1[3-9]\d\*+\d{4}$/.test(masked);
}

/** `13812345678` → `+8613812345678`. */
export function e164(national: string): string {
  return `+86${national}`;
}
