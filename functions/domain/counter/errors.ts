/** Why a counter command was refused. The HTTP layer maps each code in one place (http/counter/support.ts). */
export type CounterErrorCode =
  /** The centre's configuration of the counter is wrong (read on start). */
  | 'invalid-settings'
  /** The hall is closed: a rest day, or outside the opening hours. */
  | 'hall-closed'
  /** No such category, or a priority reason the centre does not accept. */
  | 'unknown-category'
  | 'unknown-priority'
  /** The ticket is not in a state the command applies to (called, waiting, ended…). */
  | 'invalid-step'
  /** The window does not serve the ticket (another window called it, or not its category). */
  | 'not-permitted'
  /** A no-show rejoins at most once. */
  | 'rejoined-already';

export class CounterError extends Error {
  override readonly name = 'CounterError';
  readonly code: CounterErrorCode;
  /** Request field the error is about (`body.category`), when there is one. */
  readonly field: string | undefined;

  constructor(code: CounterErrorCode, message: string, options: { field?: string } = {}) {
    super(message);
    this.code = code;
    this.field = options.field;
  }
}
