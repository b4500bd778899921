/** Why an award confirmation was refused. The HTTP layer maps each code in one place (http/appraisal/support.ts). */
export type AppraisalErrorCode =
  /** The caller may not confirm this award (a chief confirms only groups of their own department). */
  | 'not-permitted'
  /** The month has not ended: its figures may still change. */
  | 'month-open'
  /** The award of this month was confirmed already. */
  | 'already-confirmed'
  /** The proposal changed since the caller read it (a late event moved the ranking). */
  | 'stale-proposal'
  /** No such award this month. */
  | 'unknown-award'
  /** More nominees than the award's quota. */
  | 'too-many'
  /** The same nominee twice. */
  | 'duplicate'
  /** The nominee is not of the group's windows, or is not eligible (too little work, an excluding event). */
  | 'not-eligible'
  /** A clerk for a window award, or a window for a clerk award. */
  | 'wrong-nominee'
  /** An override (a choice other than the proposal) needs its reason. */
  | 'required';

export class AppraisalError extends Error {
  override readonly name = 'AppraisalError';
  readonly code: AppraisalErrorCode;
  /** Request field the error is about (`body.reason`, `body.chosen.0.username`), when there is one. */
  readonly field: string | undefined;

  constructor(code: AppraisalErrorCode, message: string, options: { field?: string } = {}) {
    super(message);
    this.code = code;
    this.field = options.field;
  }
}
