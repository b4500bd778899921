/** Hand-built case histories for the figure tests: each command at the instant the test names. */

import { openPart } from '../../../functions/domain/bundles/intake.ts';
import { openAtGeneralWindow } from '../../../functions/domain/cases/general-window.ts';
import {
  type Actor,
  type CaseCommand,
  type CaseState,
  decide,
  openCase,
} from '../../../functions/domain/cases/index.ts';
import type { IntakeSnapshot } from '../../../functions/domain/catalogue/catalogue.ts';
import {
  actors,
  allSubmitted,
  applicant,
  ctx,
  leadChief,
  leadClerk,
  promisedItem,
} from '../cases/fixtures.ts';

export { actors, clocks, commands, instantItem, promisedItem, T } from '../cases/fixtures.ts';

let serial = 0;

/** A new case of `item` received at `at` by `clerk` (its window is the clerk's). */
export function received(
  at: string,
  options: { item?: IntakeSnapshot; clerk?: Actor; missing?: boolean } = {},
): CaseState {
  const item = options.item ?? promisedItem;
  return openCase(intakeInput(at, item, options.missing), options.clerk ?? leadClerk(item), at);
}

/** A new case number of the day, and every required material submitted — or the first missing. */
function intakeInput(at: string, item: IntakeSnapshot, missing = false) {
  serial += 1;
  return {
    caseNo: `YC0001-${at.slice(0, 10).replaceAll('-', '')}-${String(serial).padStart(4, '0')}`,
    centre: 'YC0001',
    item,
    applicant,
    materials: allSubmitted(item).map((update, index) =>
      missing && index === 0 ? { ...update, state: 'missing' as const } : update,
    ),
  };
}

/** The clerk of the general window zh-01 (综合窗口). */
export const generalClerk: Actor = {
  username: 'clerk-zh',
  roles: ['clerk'],
  department: 'zh',
  window: 'zh-01',
};

/**
 * A case of `item` taken in at `at` at the general window zh-01 by clerk-zh, handed to its
 * department's back office (`<department>-01`, no handler yet): a part of the 一件事 `bundleNo` when
 * given. Materials missing get the general window's one correction notice at intake.
 */
export function receivedAtGeneralWindow(
  at: string,
  options: { item?: IntakeSnapshot; missing?: boolean; bundleNo?: string } = {},
): CaseState {
  const item = options.item ?? promisedItem;
  const input = intakeInput(at, item, options.missing);
  const backOfficeWindow = `${item.department}-01`;
  const correctionTold = options.missing ? '一次性告知：缺少的材料。' : undefined;
  const general = ['zh-01'];
  if (options.bundleNo) {
    return openPart(
      {
        ...input,
        bundleNo: options.bundleNo,
        backOfficeWindow,
        ...(correctionTold ? { correctionTold } : {}),
      },
      generalClerk,
      general,
      at,
      ctx.clocks,
    );
  }
  return openAtGeneralWindow(
    input,
    generalClerk,
    {
      generalWindows: general,
      backOfficeWindow,
      clocks: ctx.clocks,
      ...(correctionTold ? { correctionTold } : {}),
    },
    at,
  );
}

/** Applies `[command, instant, actor?]` in order; the chief gives extensions and refusals. */
export function handled(state: CaseState, ...steps: [CaseCommand, string, Actor?][]): CaseState {
  return steps.reduce((current, [command, at, actor]) => {
    const chiefOnly = command.type === 'extend' || command.type === 'refuse';
    const who =
      actor ??
      (chiefOnly
        ? leadChief(current.item)
        : current.handler === 'clerk-mz2'
          ? actors.clerkOtherWindow
          : leadClerk(current.item));
    return decide(current, command, who, at, ctx).state;
  }, state);
}
