/** Why a case command was refused. The HTTP layer maps each code to one status, in one place. */
export type CaseErrorCode =
  /** The command does not apply in the case's current status. */
  | 'invalid-transition'
  /** The actor may not give this command on this case (role, department, window or A/B post). */
  | 'not-permitted'
  /** A field the transition requires is missing or empty (reason, what the applicant was told…). */
  | 'requirement-missing'
  /** A material id the item's checklist does not have. */
  | 'unknown-material'
  /** Acceptance or an on-the-spot decision with required materials not submitted. */
  | 'materials-incomplete'
  /** A correction notice with nothing missing or defective. */
  | 'nothing-to-correct'
  /** A second correction notice for the same submission. */
  | 'correction-already-notified'
  /** A correction that brings no new material. */
  | 'no-new-material'
  /** The transition is for another item class (instant / promised / joint). */
  | 'wrong-item-class'
  /** A joint decision before every co-window gave its opinion. */
  | 'co-opinions-pending'
  /** A transfer to a department or window that does not fit the case. */
  | 'invalid-target'
  /** The clock engine refused (a second extension, an extension too late or too long…). */
  | 'clock-refused'
  /** 容缺受理 / 告知承诺制 not open to this item, material or intake (no rule, no signed commitment). */
  | 'path-not-allowed'
  /** The applicant broke a commitment and is barred from both paths until a date. */
  | 'commitment-barred'
  /** Approval, delivery or settlement while owed materials have not arrived. */
  | 'materials-owed'
  /** The owed materials' deadline has not passed (or nothing is owed). */
  | 'owed-not-late'
  /** No commitment to verify, or its result already recorded. */
  | 'nothing-to-verify'
  /** Closing a case whose commitment is still to be checked. */
  | 'verification-pending';

export class CaseError extends Error {
  override readonly name = 'CaseError';
  readonly code: CaseErrorCode;
  /** Request field the error is about (`body.reason`, `body.materials.m3`), when there is one. */
  readonly field: string | undefined;
  /** The clock engine's own code, for `clock-refused`. */
  readonly clockCode: string | undefined;

  constructor(code: CaseErrorCode, message: string, options: { field?: string; clockCode?: string } = {}) {
    super(message);
    this.code = code;
    this.field = options.field;
    this.clockCode = options.clockCode;
  }
}
