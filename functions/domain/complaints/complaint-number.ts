/**
 * Complaint numbers (投诉编号): readable, unique per day — `TS-20261127-0001` — with the day's serial
 * from a counter in the store. The query code given once to the complainant is the case query
 * code's (case-number.ts): same alphabet, length, and stored only as a salted keyed hash.
 */
import type { CivilDate } from '../calendar/civil.ts';
import { formatCaseNo } from '../cases/case-number.ts';

export const complaintNoPrefix = 'TS';
export const complaintNoPattern = /^TS-\d{8}-\d{4,6}$/;

export function formatComplaintNo(date: CivilDate, serial: number): string {
  return formatCaseNo(complaintNoPrefix, date, serial);
}
