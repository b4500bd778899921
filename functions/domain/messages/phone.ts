/**
 * The phones a message may go to: mainland China mobile numbers (the one rule, `mobileNumber` of
 * identity-number.ts). Kept and masked in the national form (the one mask, privacy.ts); written in
 * E.164 only where a provider asks for it (AWS End User Messaging). Alibaba Cloud takes the
 * national form.
 */

/** Whether a masked phone (`138****5678`, never a full number) is a mobile's: an SMS can reach it. */
export function isMaskedMobile(masked: string): boolean {
  return /^1[3-9]\d\*+\d{4}$/.test(masked);
}

/** `13812345678` → `+8613812345678`. */
export function e164(national: string): string {
  return `+86${national}`;
}
