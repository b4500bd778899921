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
  | 'rejoined-already'
  | AppointmentErrorCode;

/** Why a booking (预约), a cancellation or a check-in was refused (domain/counter/appointments.ts). */
export type AppointmentErrorCode =
  /** An item no category covers (400, naming the field). */
  | 'unknown-item'
  /** The category takes no appointments (its seats are 0). */
  | 'no-appointments'
  /** The day: a rest day or a closure of the calendar, or a day of a year whose schedule is unpublished. */
  | 'rest-day'
  | 'provisional-day'
  /** The time is not a slot of that day (outside the opening hours and the 延时服务 opened). */
  | 'outside-hours'
  /** The slot has begun or is over; the day is further ahead than the booking window. */
  | 'slot-past'
  | 'beyond-window'
  | 'slot-full'
  /** The phone's no-shows suspend its booking; too many bookings still open on the phone. */
  | 'booking-suspended'
  | 'too-many-bookings'
  /** Check-in before its window opens, after the grace period (forfeit); a booking cancelled or checked in. */
  | 'check-in-early'
  | 'appointment-forfeited'
  | 'appointment-cancelled'
  | 'appointment-checked-in'
  /** A cancellation after the slot began. */
  | 'appointment-started';

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
