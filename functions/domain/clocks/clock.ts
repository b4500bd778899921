/**
 * The clock value: a plain, JSON-safe record of a time limit counted in working days — its start,
 * budget, suspensions, at most one extension and a stop — stored as is on the item it times (a
 * case, a complaint, a rating). Every operation returns a new value; nothing here knows the date.
 * What the clock *says* at an instant (due, days used and left, warning level) is in evaluate.ts.
 */
import type { Calendar } from '../calendar/calendar.ts';
import { type Instant, normalizeInstant, toEpochMs } from '../calendar/instant.ts';
import { ClockError } from './errors.ts';
import { dueOf } from './evaluate.ts';
import {
  type ClockSettings,
  defaultClockSettings,
  type SuspensionCause,
  suspensionReasonLabels,
} from './settings.ts';
import type { Clock, ClockContext, ClockKind, DecisionBasis, Suspension } from './types.ts';

export type { Clock, ClockContext, ClockKind, DecisionBasis, Extension, Suspension } from './types.ts';

export function clockContext(
  calendar: Calendar,
  settings: ClockSettings = defaultClockSettings,
): ClockContext {
  return { calendar, settings };
}

export interface ClockInit {
  kind: ClockKind;
  basis?: DecisionBasis;
  label?: string;
  start: Instant | Date;
  budget: number;
  maxExtensionDays?: number;
  suspendable?: boolean;
}

function wholeDays(value: number, what: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > 1000) {
    throw new ClockError(
      'invalid-argument',
      `${what} must be a whole number of working days ${min}–1000, got ${value}.`,
    );
  }
  return value;
}

function instant(value: Instant | Date, what: string): Instant {
  try {
    return normalizeInstant(value);
  } catch (error) {
    throw new ClockError('invalid-argument', `${what}: ${(error as Error).message}`);
  }
}

function text(value: string | undefined, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ClockError('invalid-argument', `${what} is required.`);
  }
  return value.trim();
}

/** A new running clock. */
export function startClock(init: ClockInit): Clock {
  return {
    kind: init.kind,
    ...(init.basis === undefined ? {} : { basis: init.basis }),
    ...(init.label === undefined ? {} : { label: init.label }),
    start: instant(init.start, 'Clock start'),
    budget: wholeDays(init.budget, 'The budget', 0),
    maxExtensionDays: wholeDays(init.maxExtensionDays ?? 0, 'The maximum extension', 0),
    suspendable: init.suspendable ?? false,
    suspensions: [],
  };
}

/** The latest instant recorded on the clock; a new event may not precede it. */
export function lastEventMs(clock: Clock): number {
  let latest = toEpochMs(clock.start);
  for (const suspension of clock.suspensions) {
    latest = Math.max(
      latest,
      toEpochMs(suspension.start),
      suspension.end ? toEpochMs(suspension.end) : latest,
    );
  }
  if (clock.extension) latest = Math.max(latest, toEpochMs(clock.extension.grantedAt));
  if (clock.stoppedAt) latest = Math.max(latest, toEpochMs(clock.stoppedAt));
  return latest;
}

function checkEvent(clock: Clock, at: Instant, what: string): void {
  if (clock.stoppedAt !== undefined) {
    throw new ClockError('stopped', `Cannot ${what}: the clock stopped at ${clock.stoppedAt}.`);
  }
  if (toEpochMs(at) < lastEventMs(clock)) {
    throw new ClockError(
      'out-of-order',
      `Cannot ${what} at ${at}: it is before the clock's last recorded event.`,
    );
  }
}

export function openSuspension(clock: Clock): Suspension | undefined {
  const last = clock.suspensions.at(-1);
  return last && last.end === undefined ? last : undefined;
}

export interface SuspendInput {
  at: Instant | Date;
  reason: SuspensionCause;
  note?: string;
}

/** Suspends the clock for a special procedure (特别程序): its working days are not counted. */
export function suspend(
  clock: Clock,
  input: SuspendInput,
  settings: ClockSettings = defaultClockSettings,
): Clock {
  const at = instant(input.at, 'Suspension start');
  if (!clock.suspendable) {
    throw new ClockError('not-suspendable', `A ${clock.kind} clock cannot be suspended.`);
  }
  checkEvent(clock, at, 'suspend');
  if (openSuspension(clock)) throw new ClockError('already-suspended', 'The clock is already suspended.');
  // Owed materials suspend by the item's own rule (容缺受理), not as a special procedure the centre lists.
  const accepted =
    input.reason === 'owedMaterials' ||
    (input.reason in suspensionReasonLabels && settings.suspensionReasons.includes(input.reason));
  if (!accepted) {
    throw new ClockError(
      'suspension-reason',
      `"${input.reason}" is not a special procedure this centre accepts (${settings.suspensionReasons.join(', ')}).`,
    );
  }
  const note = input.note?.trim();
  const suspension: Suspension = { reason: input.reason, ...(note ? { note } : {}), start: at };
  return { ...clock, suspensions: [...clock.suspensions, suspension] };
}

/** Ends the running suspension. */
export function resume(clock: Clock, at: Instant | Date): Clock {
  const when = instant(at, 'Suspension end');
  checkEvent(clock, when, 'resume');
  const open = openSuspension(clock);
  if (!open) throw new ClockError('not-suspended', 'The clock is not suspended.');
  return { ...clock, suspensions: [...clock.suspensions.slice(0, -1), { ...open, end: when }] };
}

export interface ExtendInput {
  at: Instant | Date;
  days: number;
  approver: string;
  reason: string;
}

/**
 * Grants the one extension the law allows (Art. 42): at most `maxExtensionDays`, with an approver
 * and reasons, decided before the limit has run out. `calendar` is needed for that last check.
 */
export function extend(clock: Clock, input: ExtendInput, calendar: Calendar): Clock {
  const at = instant(input.at, 'Extension');
  checkEvent(clock, at, 'extend');
  if (clock.maxExtensionDays === 0) {
    throw new ClockError('extension-not-allowed', `A ${clock.kind} clock cannot be extended.`);
  }
  if (clock.extension) {
    throw new ClockError(
      'extension-exists',
      `The limit was already extended once (${clock.extension.days} days, ${clock.extension.grantedAt}); only one extension is allowed.`,
    );
  }
  if (!Number.isSafeInteger(input.days) || input.days < 1 || input.days > clock.maxExtensionDays) {
    throw new ClockError(
      'extension-invalid',
      `An extension is 1–${clock.maxExtensionDays} working days, got ${input.days}.`,
    );
  }
  let approver: string;
  let reason: string;
  try {
    approver = text(input.approver, 'The approver of an extension');
    reason = text(input.reason, 'The reason for an extension');
  } catch (error) {
    throw new ClockError('extension-invalid', (error as Error).message);
  }
  const due = dueOf(clock, calendar, at);
  if (due !== null && toEpochMs(at) >= toEpochMs(due.dueAt)) {
    throw new ClockError('extension-too-late', 'An extension must be decided before the limit runs out.');
  }
  return { ...clock, extension: { days: input.days, approver, reason, grantedAt: at } };
}

/** Stops the clock (work done or withdrawn); a running suspension ends at the same instant. */
export function stop(clock: Clock, at: Instant | Date): Clock {
  const when = instant(at, 'Stop');
  checkEvent(clock, when, 'stop');
  const open = openSuspension(clock);
  const suspensions = open ? [...clock.suspensions.slice(0, -1), { ...open, end: when }] : clock.suspensions;
  return { ...clock, suspensions, stoppedAt: when };
}
