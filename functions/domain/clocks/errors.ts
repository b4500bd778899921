/** Why a clock operation was refused. Adapters map these to a message or an HTTP 409/400. */
export type ClockErrorCode =
  | 'invalid-argument'
  | 'out-of-order'
  | 'stopped'
  | 'not-suspendable'
  | 'suspension-reason'
  | 'already-suspended'
  | 'not-suspended'
  | 'extension-not-allowed'
  | 'extension-exists'
  | 'extension-invalid'
  | 'extension-too-late'
  | 'invalid-settings';

export class ClockError extends Error {
  override readonly name = 'ClockError';
  readonly code: ClockErrorCode;

  constructor(code: ClockErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
