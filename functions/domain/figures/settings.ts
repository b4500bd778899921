/**
 * The choices inside the figure definitions, as settings (functions/config/figures.json). Each is
 * named in the definitions table (definitions.ts) where it applies.
 */

export interface FigureSettings {
  /**
   * Which cases the intake figures (received, accepted, not accepted, correction notices, instant
   * settlements, 现场办结率) count: `received` — the cases received in the period, whatever
   * happened to them later (a cohort); `event` — each event in the period in which it happened.
   */
  intakeBy: 'received' | 'event';
  /**
   * Which cases the completion figures (decided, delivered, withdrawn, 按时/提前办结率, working days)
   * count: `event` — each decision, delivery or withdrawal in the period in which it happened;
   * `received` — the cases received in the period.
   */
  completionBy: 'event' | 'received';
  /**
   * The visit 现场办结 compares the decision day with: `lastSubmission` — the day the complete
   * materials arrived (after a correction, the correcting visit); `receipt` — the first visit.
   */
  onTheSpotVisit: 'lastSubmission' | 'receipt';
  /** Whether an approved extension (延期) moves the promised deadline that 按时办结 is judged by. */
  extensionCountsForOnTime: boolean;
}

export const defaultFigureSettings: FigureSettings = {
  intakeBy: 'received',
  completionBy: 'event',
  onTheSpotVisit: 'lastSubmission',
  extensionCountsForOnTime: true,
};

export class FigureSettingsError extends Error {
  override readonly name = 'FigureSettingsError';
}

const choices: { [K in keyof FigureSettings]: readonly FigureSettings[K][] } = {
  intakeBy: ['received', 'event'],
  completionBy: ['event', 'received'],
  onTheSpotVisit: ['lastSubmission', 'receipt'],
  extensionCountsForOnTime: [true, false],
};

/** Validates settings (missing keys take the default); the error names the bad key and its choices. */
export function parseFigureSettings(raw: unknown, source = 'figures.json'): FigureSettings {
  if (raw === undefined) return defaultFigureSettings;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FigureSettingsError(`${source}: expected an object of figure settings.`);
  }
  const settings: Record<string, unknown> = { ...defaultFigureSettings };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$comment') continue;
    if (!(key in choices)) {
      throw new FigureSettingsError(
        `${source}: unknown key "${key}" (known: ${Object.keys(choices).join(', ')}).`,
      );
    }
    const allowed = choices[key as keyof FigureSettings] as readonly unknown[];
    if (!allowed.includes(value)) {
      throw new FigureSettingsError(
        `${source}: "${key}" must be one of ${allowed.map((choice) => JSON.stringify(choice)).join(' | ')}, got ${JSON.stringify(value)}.`,
      );
    }
    settings[key] = value;
  }
  return settings as unknown as FigureSettings;
}
