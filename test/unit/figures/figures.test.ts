/**
 * The figure definitions on hand-built histories: a plain case, a correction, a suspension, an
 * extension, a refusal, a withdrawal, a non-acceptance, an instant settlement, a case spanning two
 * months, an overdue case still open and one decided late; an empty period (zero denominators).
 * November 2026 has no holidays: its working days are 2–6, 9–13, 16–20, 23–27 and 30.
 */
import { describe, expect, it } from 'vitest';
import {
  type CaseFigures,
  caseFacts,
  caseFigures,
  defaultFigureSettings,
  type FigureSettings,
  figureDefinitions,
  type Period,
  parseFigureSettings,
  parsePeriod,
  parseScope,
  readableScope,
} from '../../../functions/domain/figures/index.ts';
import { actors, clocks, commands, handled, instantItem, received, T } from './fixtures.ts';

const day = (d: string) => T(`${d}:00`);
const accept = (at: string) => [commands.accept(), day(at)] as const;

const plain = handled(
  received(day('2026-11-02T09:00')),
  [...accept('2026-11-02T10:00')],
  [commands.approve(), day('2026-11-04T10:00')],
  [commands.deliver(), day('2026-11-05T09:00')],
);
const corrected = handled(
  received(day('2026-11-02T09:00'), { missing: true }),
  [commands.requestCorrection(), day('2026-11-02T09:30')],
  [commands.correct([{ id: 'm1', state: 'submitted' }]), day('2026-11-03T09:00')],
  [...accept('2026-11-03T10:00')],
  [commands.approve(), day('2026-11-03T15:00')],
);
const suspended = handled(
  received(day('2026-11-02T09:00')),
  [...accept('2026-11-02T10:00')],
  [commands.suspend(), day('2026-11-03T10:00')],
  [commands.resume(), day('2026-11-10T10:00')],
  [commands.approve(), day('2026-11-12T10:00')],
);
const extended = handled(
  received(day('2026-11-02T09:00')),
  [...accept('2026-11-02T10:00')],
  [commands.extend(5), day('2026-11-12T10:00')],
  [commands.approve(), day('2026-11-19T10:00')],
);
const refused = handled(
  received(day('2026-11-02T09:00'), { clerk: actors.clerkOtherWindow }),
  [...accept('2026-11-02T10:00')],
  [commands.refuse(), day('2026-11-06T10:00')],
);
const withdrawn = handled(
  received(day('2026-11-02T09:00')),
  [...accept('2026-11-02T10:00')],
  [commands.withdraw(), day('2026-11-04T10:00')],
);
const notAccepted = handled(received(day('2026-11-02T09:00')), [
  commands.notAccept(),
  day('2026-11-02T11:00'),
]);
const instant = handled(received(day('2026-11-02T09:00'), { item: instantItem }), [
  commands.settleInstantly(),
  day('2026-11-02T09:10'),
]);
const spanning = handled(
  received(day('2026-11-27T09:00')),
  [...accept('2026-11-27T10:00')],
  [commands.approve(), day('2026-12-02T10:00')],
);
const overdueOpen = handled(received(day('2026-11-02T09:00')), [...accept('2026-11-02T10:00')]);
const decidedLate = handled(
  received(day('2026-11-02T09:00')),
  [...accept('2026-11-02T10:00')],
  [commands.approve(), day('2026-12-02T10:00')],
);

const all = [
  plain,
  corrected,
  suspended,
  extended,
  refused,
  withdrawn,
  notAccepted,
  instant,
  spanning,
  overdueOpen,
  decidedLate,
];
const now = new Date(T('2026-12-15T12:00:00'));

function figures(
  periodKey: string,
  options: { scope?: string; settings?: Partial<FigureSettings> } = {},
): CaseFigures {
  const scope = parseScope(options.scope ?? 'centre');
  const readable = scope && readableScope(actors.supervisor, scope);
  if (!readable) throw new Error('bad scope');
  return caseFigures({
    states: all,
    scope: readable,
    period: parsePeriod(periodKey) as Period,
    now,
    clocks,
    settings: { ...defaultFigureSettings, ...options.settings },
  });
}

describe('case facts', () => {
  it('counts working days without the suspension and judges on time against the extended promise', () => {
    expect(caseFacts(suspended, clocks, defaultFigureSettings).workdays).toEqual({
      used: 2,
      promised: 10,
      statutory: 20,
    });
    const withExtension = caseFacts(extended, clocks, defaultFigureSettings);
    expect(withExtension).toMatchObject({ onTime: true, early: true, workdays: { used: 12 } });
    const withoutExtension = caseFacts(extended, clocks, {
      ...defaultFigureSettings,
      extensionCountsForOnTime: false,
    });
    expect(withoutExtension).toMatchObject({ onTime: false, early: false });
  });

  it('puts the on-the-spot visit on the day the complete materials arrived, or on the first visit', () => {
    expect(caseFacts(corrected, clocks, defaultFigureSettings).onTheSpot).toBe(true);
    expect(
      caseFacts(corrected, clocks, { ...defaultFigureSettings, onTheSpotVisit: 'receipt' }).onTheSpot,
    ).toBe(false);
    expect(caseFacts(instant, clocks, defaultFigureSettings)).toMatchObject({
      onTime: true,
      early: false,
      onTheSpot: true,
      instantSettledOn: '2026-11-02',
      deliveredOn: '2026-11-02',
    });
    expect(caseFacts(instant, clocks, defaultFigureSettings).workdays).toBeUndefined();
  });
});

describe('case figures', () => {
  it('counts November: intake by receipt, completion by event', () => {
    const november = figures('2026-11');
    expect(november.counts).toEqual({
      received: 11,
      accepted: 10,
      notAccepted: 1,
      correctionNotices: 1,
      instantSettlements: 1,
      decided: 6,
      approved: 5,
      refused: 1,
      delivered: 2,
      withdrawn: 1,
    });
    expect(november.rates.correctionNotice).toEqual({ numerator: 1, denominator: 11, value: 1 / 11 });
    expect(november.rates.onTime).toEqual({ numerator: 6, denominator: 6, value: 1 });
    expect(november.rates.early).toEqual({ numerator: 5, denominator: 6, value: 5 / 6 });
    expect(november.rates.onTheSpot).toEqual({ numerator: 2, denominator: 10, value: 0.2 });
    expect(november.rates.instantShare).toEqual({ numerator: 1, denominator: 6, value: 1 / 6 });
    expect(november.workdays).toEqual({
      decisions: 5,
      meanUsed: 18 / 5,
      meanPromised: 10,
      meanStatutory: 20,
      speedUp: { numerator: 18, denominator: 100, value: 1 - 18 / 100 },
    });
    // Both were past their statutory limit (30 November 17:30) at the end of November, undecided.
    expect(november.overdue.cases.map((entry) => entry.caseNo).sort()).toEqual(
      [overdueOpen.caseNo, decidedLate.caseNo].sort(),
    );
    expect(november.overdue.cases.every((entry) => entry.decidedAt === undefined)).toBe(true);
    expect(november.overdue.count).toBe(2);
  });

  it('counts December: the spanning case is decided, nothing is received (zero denominators)', () => {
    const december = figures('2026-12');
    expect(december.counts.received).toBe(0);
    expect(december.counts.decided).toBe(2);
    expect(december.rates.correctionNotice).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(december.rates.onTheSpot.value).toBeNull();
    expect(december.rates.onTime).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(december.rates.early).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(december.workdays.speedUp).toEqual({ numerator: 23, denominator: 40, value: 1 - 23 / 40 });
    const late = december.overdue.cases.find((entry) => entry.caseNo === decidedLate.caseNo);
    expect(late?.decidedAt).toBe(T('2026-12-02T10:00:00'));
    expect(december.overdue.cases.find((entry) => entry.caseNo === overdueOpen.caseNo)?.overdueWorkdays).toBe(
      10,
    );
    expect(december.overdue.count).toBe(2);
  });

  it('gives an empty period zero counts and no rates', () => {
    const october = figures('2026-10');
    expect(Object.values(october.counts).every((count) => count === 0)).toBe(true);
    for (const value of Object.values(october.rates)) expect(value.value).toBeNull();
    expect(october.workdays.meanUsed).toBeNull();
    expect(october.workdays.speedUp.value).toBeNull();
    expect(october.overdue).toEqual({ count: 0, cases: [] });
  });

  it('counts a day, a quarter and a year', () => {
    expect(figures('2026-11-02').counts.received).toBe(10);
    expect(figures('2026-11-02').counts.decided).toBe(1);
    expect(figures('2026-12-02').counts.decided).toBe(2);
    expect(figures('2026-Q4').counts).toMatchObject({ received: 11, decided: 8 });
    expect(figures('2026').counts).toMatchObject({ received: 11, decided: 8, delivered: 2 });
  });

  it('counts a window, a clerk and a department', () => {
    expect(figures('2026-11', { scope: 'window:mz-02' }).counts).toMatchObject({
      received: 1,
      decided: 1,
      refused: 1,
    });
    expect(figures('2026-11', { scope: 'clerk:clerk-mz2' }).counts.received).toBe(1);
    expect(figures('2026-11', { scope: 'department:mz' }).counts.received).toBe(10);
    expect(figures('2026-11', { scope: 'department:rs' }).counts.instantSettlements).toBe(1);
  });

  it('follows the settings: intake by event, completion by receipt', () => {
    const byReceipt = figures('2026-11', { settings: { completionBy: 'received' } });
    expect(byReceipt.counts.decided).toBe(8);
    expect(figures('2026-12', { settings: { completionBy: 'received' } }).counts.decided).toBe(0);
    const byEvent = figures('2026-11-03', { settings: { intakeBy: 'event' } });
    expect(byEvent.counts).toMatchObject({ received: 0, accepted: 1, correctionNotices: 0 });
  });
});

describe('definitions and settings', () => {
  it('defines every figure once, in Chinese', () => {
    const keys = figureDefinitions.map((definition) => definition.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of [
      'onTimeRate',
      'earlyRate',
      'onTheSpotRate',
      'overdue',
      'speedUp',
      'correctionNoticeRate',
    ]) {
      expect(keys).toContain(key);
    }
  });

  it('refuses a bad setting and names the key', () => {
    expect(parseFigureSettings({ intakeBy: 'event' }).intakeBy).toBe('event');
    expect(() => parseFigureSettings({ intakeBy: 'decided' })).toThrow(/"intakeBy" must be one of/);
    expect(() => parseFigureSettings({ speed: true })).toThrow(/unknown key "speed"/);
  });
});
