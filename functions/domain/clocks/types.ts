/**
 * The clock value's types: a plain, JSON-safe record of a time limit counted in working days.
 * Their own module so that the operations (clock.ts) and the evaluation (evaluate.ts) both read
 * them without importing each other.
 */
import type { Calendar } from '../calendar/calendar.ts';
import type { Instant } from '../calendar/instant.ts';
import type { ClockSettings, SuspensionCause } from './settings.ts';

export type ClockKind =
  | 'correctionNotice'
  | 'decision'
  | 'delivery'
  | 'generic'
  /** 容缺受理: the owed materials' deadline. */
  | 'owedMaterials'
  /** 告知承诺制: the check of the commitment after the decision (事后核查). */
  | 'verification';

/** A decision is timed twice: the statutory limit (legal compliance) and the promised one (承诺). */
export type DecisionBasis = 'promised' | 'statutory';

export interface Suspension {
  reason: SuspensionCause;
  /** Free text, e.g. what the applicant was told about the expected duration. */
  note?: string;
  start: Instant;
  /** Absent while the suspension runs. */
  end?: Instant;
}

export interface Extension {
  /** Working days added to the budget. */
  days: number;
  /** Who approved it (the agency head; government level for joint handling). */
  approver: string;
  /** The reasons, as told to the applicant. */
  reason: string;
  grantedAt: Instant;
}

export interface Clock {
  kind: ClockKind;
  basis?: DecisionBasis;
  /** What it times, for people: e.g. `投诉办理（复杂）`. */
  label?: string;
  /** When the period starts (receipt, acceptance, decision…); that day itself is not counted. */
  start: Instant;
  /** Working days allowed, before any extension. */
  budget: number;
  /** The most an extension may add; 0 = no extension possible. */
  maxExtensionDays: number;
  /** Whether special procedures may suspend it (Art. 45 applies to decision limits). */
  suspendable: boolean;
  suspensions: Suspension[];
  extension?: Extension;
  /** When the timed work finished (decided, delivered, replied) or was withdrawn. */
  stoppedAt?: Instant;
}

/** The context every computation needs: the calendar and the centre's clock settings. */
export interface ClockContext {
  calendar: Calendar;
  settings: ClockSettings;
}
