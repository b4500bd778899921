/**
 * The cases behind a number (drill-down): for every figure that opens a list, on hand-built
 * histories, in a month, a day and a year, for the centre, a window and a clerk, under both choices
 * of each counting setting, the list holds exactly as many cases as the number counts — and the
 * cases it should.
 */
import { describe, expect, it } from 'vitest';
import { caseListLabel } from '../../../functions/domain/figures/definitions.ts';
import {
  type CaseFigures,
  type CaseListFigure,
  caseFigures,
  caseListFigures,
  casesBehind,
  defaultFigureSettings,
  type FigureSettings,
  type Period,
  parsePeriod,
  parseScope,
  readableScope,
} from '../../../functions/domain/figures/index.ts';
import { actors, clocks, commands, handled, instantItem, received, T } from './fixtures.ts';

const at = (d: string) => T(`${d}:00`);

const approved = handled(
  received(at('2026-11-02T09:00')),
  [commands.accept(), at('2026-11-02T10:00')],
  [commands.approve(), at('2026-11-04T10:00')],
  [commands.deliver(), at('2026-11-05T09:00')],
);
const corrected = handled(
  received(at('2026-11-02T09:00'), { missing: true }),
  [commands.requestCorrection(), at('2026-11-02T09:30')],
  [commands.correct([{ id: 'm1', state: 'submitted' }]), at('2026-11-03T09:00')],
  [commands.accept(), at('2026-11-03T10:00')],
  [commands.approve(), at('2026-11-03T15:00')],
);
const refused = handled(
  received(at('2026-11-02T09:00'), { clerk: actors.clerkOtherWindow }),
  [commands.accept(), at('2026-11-02T10:00')],
  [commands.refuse(), at('2026-11-06T10:00')],
);
const withdrawn = handled(
  received(at('2026-11-02T09:00')),
  [commands.accept(), at('2026-11-02T10:00')],
  [commands.withdraw(), at('2026-11-04T10:00')],
);
const notAccepted = handled(received(at('2026-11-02T09:00')), [commands.notAccept(), at('2026-11-02T11:00')]);
const instant = handled(received(at('2026-11-02T09:00'), { item: instantItem }), [
  commands.settleInstantly(),
  at('2026-11-02T09:10'),
]);
const spanning = handled(
  received(at('2026-11-27T09:00')),
  [commands.accept(), at('2026-11-27T10:00')],
  [commands.approve(), at('2026-12-02T10:00')],
);
const late = handled(
  received(at('2026-11-02T09:00')),
  [commands.accept(), at('2026-11-02T10:00')],
  [commands.approve(), at('2026-12-02T10:00')],
);
const states = [approved, corrected, refused, withdrawn, notAccepted, instant, spanning, late];
const now = new Date(T('2026-12-15T12:00:00'));

/** The number a figure's list must match: a count, or a rate's numerator. */
function numberOf(figures: CaseFigures, figure: CaseListFigure): number {
  if (figure === 'onTime' || figure === 'early' || figure === 'onTheSpot') {
    return figures.rates[figure].numerator;
  }
  return figures.counts[figure];
}

const settingsVariants: FigureSettings[] = [
  defaultFigureSettings,
  { ...defaultFigureSettings, intakeBy: 'event', completionBy: 'received' },
  { ...defaultFigureSettings, onTheSpotVisit: 'receipt', extensionCountsForOnTime: false },
];

describe('the cases behind a number', () => {
  it('holds as many cases as the number counts, for every figure, period, scope and setting', () => {
    let compared = 0;
    for (const settings of settingsVariants) {
      for (const periodKey of ['2026-11', '2026-12', '2026-11-02', '2026']) {
        for (const scopeText of ['centre', 'window:mz-01', 'clerk:clerk']) {
          const readable = readableScope(actors.supervisor, parseScope(scopeText) as never);
          if (!readable) throw new Error(scopeText);
          const period = parsePeriod(periodKey) as Period;
          const figures = caseFigures({ states, scope: readable, period, now, clocks, settings });
          for (const figure of caseListFigures) {
            const list = casesBehind({ states, scope: readable, period, clocks, settings, figure });
            expect(list.length, `${figure} ${periodKey} ${scopeText} ${JSON.stringify(settings)}`).toBe(
              numberOf(figures, figure),
            );
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBe(settingsVariants.length * 4 * 3 * caseListFigures.length);
  });

  it('lists the cases themselves: the month’s decisions, the refused one, the late one', () => {
    const readable = { scope: { kind: 'centre' as const } };
    const list = (figure: CaseListFigure, key: string) =>
      casesBehind({
        states,
        scope: readable,
        period: parsePeriod(key) as Period,
        clocks,
        settings: defaultFigureSettings,
        figure,
      }).map((entry) => entry.caseNo);
    expect(list('decided', '2026-12').sort()).toEqual([spanning.caseNo, late.caseNo].sort());
    expect(list('refused', '2026-11')).toEqual([refused.caseNo]);
    expect(list('onTime', '2026-12')).toEqual([spanning.caseNo]);
    const entry = casesBehind({
      states,
      scope: readable,
      period: parsePeriod('2026-11') as Period,
      clocks,
      settings: defaultFigureSettings,
      figure: 'refused',
    })[0];
    expect(entry).toEqual({
      caseNo: refused.caseNo,
      item: { code: refused.item.code, name: refused.item.name },
      owner: { department: refused.department, window: refused.window, handler: refused.handler },
      status: refused.status,
      receivedOn: '2026-11-02',
      acceptedOn: '2026-11-02',
      decidedOn: '2026-11-06',
      outcome: 'refused',
      onTime: true,
    });
    // Item, window, clerk and dates only: nothing of the applicant.
    expect(JSON.stringify(entry)).not.toContain('applicant');
  });

  it('names each list: a count by its label, a rate’s numerator by what it counts', () => {
    expect(caseListLabel('received')).toBe('收件量');
    expect(caseListLabel('decided')).toBe('办结量');
    expect(caseListLabel('onTime')).toBe('按时办结');
    for (const figure of caseListFigures) expect(caseListLabel(figure)).not.toBe(figure);
  });
});
