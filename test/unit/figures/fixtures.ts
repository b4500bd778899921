/** Hand-built case histories for the figure tests: each command at the instant the test names. */
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
  serial += 1;
  const item = options.item ?? promisedItem;
  const materials = allSubmitted(item).map((update, index) =>
    options.missing && index === 0 ? { ...update, state: 'missing' as const } : update,
  );
  return openCase(
    {
      caseNo: `YC0001-${at.slice(0, 10).replaceAll('-', '')}-${String(serial).padStart(4, '0')}`,
      centre: 'YC0001',
      item,
      applicant,
      materials,
    },
    options.clerk ?? leadClerk(item),
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
