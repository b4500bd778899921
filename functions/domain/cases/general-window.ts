/**
 * The general window (综合窗口, 无差别受理): a window that takes in any item of the centre and hands
 * each case to the back office of the item's department. The case is the department's from the
 * start — its queue, its clocks, its handling — with no handler until a clerk of the back-office
 * window takes it; the general window stays on record as the intake window and the first contact
 * (首问负责), and reads the cases it took in.
 */
import type { Instant } from '../calendar/instant.ts';
import type { ClockContext } from '../clocks/clock.ts';
import { decide } from './decide.ts';
import { CaseError } from './errors.ts';
import { type IntakeInput, openCase } from './intake.ts';
import type { Actor, CaseState } from './types.ts';

// The department a window belongs to, by the centre's convention for window codes: `zh-01` → `zh`.

export function isGeneralWindowClerk(actor: Actor, generalWindows: readonly string[]): boolean {
  return actor.roles.includes('clerk') && actor.window !== undefined && generalWindows.includes(actor.window);
}

export interface GeneralWindowIntake {
  generalWindows: readonly string[];
  /** The window of the item's department whose queue handles the case. */
  backOfficeWindow: string;
  /**
   * The correction notice the general window gave at intake (一次性告知, e.g. the one notice of a
   * whole 一件事): recorded on the case, when its materials are incomplete, as its notice for this
   * submission, so the department does not notify a second time.
   */
  correctionTold?: string;
  clocks: ClockContext;
}

/**
 * Opens a case taken in at a general window: its department's case, in `backOfficeWindow`'s queue
 * with no handler. Refused to anyone but a clerk of a general window.
 */
export function openAtGeneralWindow(
  input: IntakeInput,
  actor: Actor,
  at: GeneralWindowIntake,
  now: Instant | Date,
): CaseState {
  if (!isGeneralWindowClerk(actor, at.generalWindows)) {
    throw new CaseError(
      'not-permitted',
      `只有综合窗口（${at.generalWindows.join('、')}）的工作人员可以为其他部门收件。`,
    );
  }
  // Opened as the department's; the general window's clerk is its first contact.
  const asDepartment: Actor = { ...actor, department: input.item.department };
  let opened = openCase(input, asDepartment, now);
  const incomplete = opened.materials.some(
    (material) => material.state === 'missing' || material.state === 'defective',
  );
  if (incomplete && at.correctionTold) {
    opened = decide(opened, { type: 'requestCorrection', told: at.correctionTold }, asDepartment, now, {
      clocks: at.clocks,
      handlerAway: false,
    }).state;
  }
  return { ...opened, window: at.backOfficeWindow, handler: null, intakeWindow: actor.window as string };
}
