/** Why a complaint command was refused. The HTTP layer maps each code to one status, in one place. */
export type ComplaintErrorCode =
  /** The command does not apply in the complaint's current status. */
  | 'invalid-transition'
  /** The actor may not give this command on this complaint (role, window, department). */
  | 'not-permitted'
  /** A field the command requires is missing or empty (what the complainant was told, the referral…). */
  | 'requirement-missing'
  /** An assignment to a department or window that does not exist or does not fit. */
  | 'invalid-target'
  /** The answer clock ran out: the answer must say why it is late. */
  | 'late-reason-required'
  /** Closing before the follow-up call (回访) was recorded. */
  | 'follow-up-required'
  /** A re-check without the complainant saying they are dissatisfied. */
  | 'not-dissatisfied'
  /** The current answer already has the complainant's feedback. */
  | 'feedback-already-given';

export class ComplaintError extends Error {
  override readonly name = 'ComplaintError';
  readonly code: ComplaintErrorCode;
  /** Request field the error is about (`body.lateReason`), when there is one. */
  readonly field: string | undefined;

  constructor(code: ComplaintErrorCode, message: string, options: { field?: string } = {}) {
    super(message);
    this.code = code;
    this.field = options.field;
  }
}
