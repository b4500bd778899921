/**
 * Intake of a bundle at a general window (综合窗口, 无差别受理): who may take one in, the merged
 * material list's states mapped back to each item's own checklist (a shared material submitted
 * once counts for every item it covers), and each part opened as a case of its own department —
 * the case domain's intake, with the general window as the first contact and the department's
 * back-office window as the owner.
 */
import type { Instant } from '../calendar/instant.ts';
import { CaseError } from '../cases/errors.ts';
import { isGeneralWindowClerk, openAtGeneralWindow } from '../cases/general-window.ts';
import type { IntakeInput } from '../cases/intake.ts';
import type { Actor, CaseState, MaterialState, MaterialUpdate } from '../cases/types.ts';
import type { MergedMaterial } from '../catalogue/bundles.ts';
import type { Bundle } from '../catalogue/schema.ts';
import type { ClockContext } from '../clocks/clock.ts';
import type { BundleMaterialLine } from './types.ts';

/** The state of one line of the merged list, as the general window records it. */
export interface LineUpdate {
  id: string;
  state: MaterialState;
  note?: string;
}

export function lineId(index: number): string {
  return `b${index + 1}`;
}

/** Only a clerk of a general window takes in a bundle. */
export function assertGeneralWindowClerk(actor: Actor, generalWindows: readonly string[]): void {
  if (!isGeneralWindowClerk(actor, generalWindows)) {
    throw new CaseError(
      'not-permitted',
      `“一件事”由综合窗口（${generalWindows.join('、')}）统一收件；本窗口不能收件。`,
    );
  }
}

/**
 * The merged list with the recorded states: lines left out are not applicable when conditional;
 * a required line left out is the caller's field error (see {@link linesWithoutState}).
 */
export function recordedLines(
  merged: readonly MergedMaterial[],
  updates: readonly LineUpdate[],
): BundleMaterialLine[] {
  return merged.map((line, index) => {
    const id = lineId(index);
    const update = updates.find((candidate) => candidate.id === id);
    const note = update?.note?.trim();
    return {
      id,
      name: line.name,
      required: line.required,
      ...(line.condition ? { condition: line.condition } : {}),
      state: update?.state ?? (line.required ? 'missing' : 'notApplicable'),
      ...(note ? { note } : {}),
      parts: line.parts.map((part) => ({ item: part.item, material: part.material })),
    };
  });
}

export function linesWithoutState(
  merged: readonly MergedMaterial[],
  updates: readonly LineUpdate[],
): string[] {
  const given = new Set(updates.map((update) => update.id));
  return merged.flatMap((line, index) => (line.required && !given.has(lineId(index)) ? [lineId(index)] : []));
}

/**
 * Each item's material updates from the merged lines: every part of a line gets the line's state.
 * A line required for the bundle may stand for a conditional material of one item: there it is
 * applicable, so the state carries over as it is.
 */
export function partMaterials(lines: readonly BundleMaterialLine[], itemCode: string): MaterialUpdate[] {
  return lines.flatMap((line) =>
    line.parts
      .filter((part) => part.item === itemCode)
      .map((part) => ({
        id: `m${part.material}`,
        state: line.state,
        ...(line.note ? { note: line.note } : {}),
      })),
  );
}

/** Every missing or defective line, once: the one correction notice of the whole bundle. */
export function outstandingLines(lines: readonly BundleMaterialLine[]): BundleMaterialLine[] {
  return lines.filter((line) => line.state === 'missing' || line.state === 'defective');
}

/** The bundle step (0-based) of each item. */
export function stepOf(bundle: Bundle, itemCode: string): number {
  return bundle.steps.findIndex((step) => step.items.includes(itemCode));
}

export interface PartInput extends Omit<IntakeInput, 'caseNo'> {
  caseNo: string;
  bundleNo: string;
  /** The department's back-office window that handles the case. */
  backOfficeWindow: string;
  /**
   * What the bundle's one correction notice told the applicant; given when a line of the merged
   * list is missing or defective, so each part records that notice as its own.
   */
  correctionTold?: string;
}

/**
 * Opens one part as a case of its department, taken in at the general window and handed to the
 * back-office window's queue with no handler yet (cases/general-window.ts: any clerk of that
 * window takes it; the general window stays on record as the intake window and first contact).
 *
 * When the part's materials are incomplete, the bundle's one correction notice (一次性告知, given
 * at the general window at intake) is recorded on the part as its notice for this submission:
 * its correction-notice clock stops in time and the department does not notify a second time.
 */
export function openPart(
  input: PartInput,
  actor: Actor,
  generalWindows: readonly string[],
  now: Instant | Date,
  clocks: ClockContext,
): CaseState {
  assertGeneralWindowClerk(actor, generalWindows);
  const { bundleNo, backOfficeWindow, correctionTold, ...intake } = input;
  const opened = openAtGeneralWindow(
    intake,
    actor,
    { generalWindows, backOfficeWindow, clocks, ...(correctionTold ? { correctionTold } : {}) },
    now,
  );
  return { ...opened, bundleNo };
}
