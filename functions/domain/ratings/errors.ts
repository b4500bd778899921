/** Why a rating or rectification command was refused. The HTTP layer maps each code in one place. */
export type RatingErrorCode =
  /** The step does not apply in the rectification's current status (or there is none). */
  | 'invalid-step'
  /** The actor may not take this step (not the assignee, their A/B backup or chief; not a supervisor). */
  | 'not-permitted'
  /** A field the step requires is missing or empty. */
  | 'requirement-missing'
  /** The visit was rated already: one rating per visit. */
  | 'already-rated';

export class RatingError extends Error {
  override readonly name = 'RatingError';
  readonly code: RatingErrorCode;
  /** Request field the error is about (`body.verified`), when there is one. */
  readonly field: string | undefined;

  constructor(code: RatingErrorCode, message: string, options: { field?: string } = {}) {
    super(message);
    this.code = code;
    this.field = options.field;
  }
}
