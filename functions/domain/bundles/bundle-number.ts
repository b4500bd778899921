/**
 * Bundle numbers (一件事受理编号): `YJ` + the centre's case-number form — `YJYC0001-20261204-0001` —
 * so an applicant tells a bundle receipt from a case receipt at a glance, and the public lookup
 * tells them apart by the prefix alone. The serial comes from its own counter in the store.
 */
import type { CivilDate } from '../calendar/civil.ts';
import { formatCaseNo } from '../cases/case-number.ts';

export const bundleNoPrefix = 'YJ';
export const bundleNoPattern = /^YJ([A-Z0-9]{2,12})-(\d{8})-(\d{4,6})$/;

export function formatBundleNo(centre: string, date: CivilDate, serial: number): string {
  return `${bundleNoPrefix}${formatCaseNo(centre, date, serial)}`;
}

export function isBundleNo(value: string): boolean {
  return bundleNoPattern.test(value);
}
