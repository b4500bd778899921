/**
 * The bundle record (一件事受理记录): one number and one query code for a whole life event taken in
 * at a general window, the merged material list as it was taken in, and its parts — one case per
 * item, each in its own department's queue. The parts' statuses live on the cases; the record
 * holds what does not change after intake.
 */
import type { Instant } from '../calendar/instant.ts';
import type { ApplicantSummary, MaterialState } from '../cases/types.ts';

/** A line of the merged list with the state the general window recorded for it. */
export interface BundleMaterialLine {
  /** `b1`, `b2`… in the order of the merged list. */
  id: string;
  name: string;
  required: boolean;
  condition?: string;
  state: MaterialState;
  note?: string;
  /** The items' materials the line stands for (`m<material>` of each item). */
  parts: { item: string; material: number }[];
}

export interface BundlePart {
  caseNo: string;
  itemCode: string;
  itemName: string;
  department: string;
  /** The department's back-office window whose queue handles the case. */
  window: string;
  /** The bundle step (0-based) the item belongs to, and its name: the items of a step run in parallel. */
  step: number;
  stepName: string;
}

export interface BundleRecord {
  bundleNo: string;
  centre: string;
  bundle: { code: string; version: string; name: string };
  applicant: ApplicantSummary;
  /** The general window that took it in (无差别受理), and the clerk. */
  intakeWindow: string;
  takenInBy: string;
  receivedAt: Instant;
  materials: BundleMaterialLine[];
  parts: BundlePart[];
  told?: string;
}
