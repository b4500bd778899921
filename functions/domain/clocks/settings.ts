/**
 * Clock settings of a centre (supervision thresholds, accepted suspension reasons). The adapter
 * reads them from the centre configuration (key `warnings`, optional `suspensionReasons`) and
 * passes them in.
 *
 * `warnings` in centre.json: `{ "remindWorkdaysBefore": 1, "yellowWorkdaysBefore": 0 }`.
 * A level starts at 00:00 (Beijing time) of the counted working day that many working days before
 * the due day: with the defaults, *remind* from the start of the working day before the due day,
 * *yellow* from the start of the due day, and *red* once the due instant (close of business of the
 * due day) has passed — the thresholds of domain.md §6, where "1 working day before" is the local
 * default.
 */
import { type SpecialProcedure, specialProcedureLabels } from '../special-procedures.ts';
import { ClockError } from './errors.ts';

export type WarningLevel = 'normal' | 'remind' | 'yellow' | 'red';

export const warningLevels: readonly WarningLevel[] = ['normal', 'remind', 'yellow', 'red'];

export const warningLevelLabels: Record<WarningLevel, string> = {
  normal: '正常',
  remind: '提醒',
  yellow: '黄牌预警',
  red: '红牌',
};

/** Special procedures whose time is not counted: the clocks suspend for them. */
export const suspensionReasonLabels = specialProcedureLabels;

export type SuspensionReason = SpecialProcedure;

/**
 * Why a clock is suspended: a special procedure a clerk starts, or — set by an item's 容缺受理
 * rule, never chosen at the window — owed materials past their deadline (time waiting for the
 * applicant is not counted).
 */
export type SuspensionCause = SuspensionReason | 'owedMaterials';

export const suspensionCauseLabels: Record<SuspensionCause, string> = {
  ...suspensionReasonLabels,
  owedMaterials: '容缺材料逾期待补齐',
};

export const allSuspensionReasons = Object.keys(suspensionReasonLabels) as SuspensionReason[];

export interface WarningSettings {
  remindWorkdaysBefore: number;
  yellowWorkdaysBefore: number;
}

export interface ClockSettings {
  warnings: WarningSettings;
  /** Reasons this centre accepts for a suspension; default: the eight of Art. 45 and the two local ones. */
  suspensionReasons: SuspensionReason[];
}

export const defaultWarningSettings: WarningSettings = { remindWorkdaysBefore: 1, yellowWorkdaysBefore: 0 };

export const defaultClockSettings: ClockSettings = {
  warnings: defaultWarningSettings,
  suspensionReasons: allSuspensionReasons,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new ClockError('invalid-settings', message);
}

function workdayCount(value: unknown, key: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 60) {
    fail(`warnings.${key}: expected a whole number of working days 0–60, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Validated clock settings from a centre configuration object (other keys ignored). */
export function parseClockSettings(raw: unknown): ClockSettings {
  if (!isRecord(raw)) fail('Centre configuration: expected an object.');
  const warningsRaw = raw.warnings ?? {};
  if (!isRecord(warningsRaw)) fail('warnings: expected { remindWorkdaysBefore, yellowWorkdaysBefore }.');
  const remindWorkdaysBefore = workdayCount(
    warningsRaw.remindWorkdaysBefore,
    'remindWorkdaysBefore',
    defaultWarningSettings.remindWorkdaysBefore,
  );
  const yellowWorkdaysBefore = workdayCount(
    warningsRaw.yellowWorkdaysBefore,
    'yellowWorkdaysBefore',
    defaultWarningSettings.yellowWorkdaysBefore,
  );
  if (yellowWorkdaysBefore > remindWorkdaysBefore) {
    fail('warnings: yellowWorkdaysBefore must not exceed remindWorkdaysBefore (yellow comes after remind).');
  }
  const reasonsRaw = raw.suspensionReasons ?? allSuspensionReasons;
  if (!Array.isArray(reasonsRaw) || reasonsRaw.some((reason) => !(reason in suspensionReasonLabels))) {
    fail(`suspensionReasons: expected a list drawn from ${allSuspensionReasons.join(', ')}.`);
  }
  return {
    warnings: { remindWorkdaysBefore, yellowWorkdaysBefore },
    suspensionReasons: reasonsRaw as SuspensionReason[],
  };
}
