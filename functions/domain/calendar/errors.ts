/** Why a calendar operation refused its input. Adapters map these to a message or an HTTP 400. */
export type CalendarErrorCode =
  | 'invalid-date'
  | 'invalid-instant'
  | 'out-of-range'
  | 'invalid-argument'
  | 'invalid-schedule'
  | 'invalid-settings';

export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
