/**
 * The figure definitions on hand-built histories: a plain case, a correction, a suspension, an
 * extension, a refusal, a withdrawal, a non-acceptance, an instant settlement, a case spanning two
 * months, an overdue case still open and one decided late; an empty period (zero denominators).
 * November 2026 has no holidays: its working days are 2–6, 9–13, 16–20, 23–27 and 30.
 */
import { describe, expect, it } from 'vitest';
import {
  type CaseFigures,
  type CaseListFigure,
  caseContributions,
  caseCountKeys,
  caseFacts,
  caseFigures,
  casesBehind,
  caseTouchesScope,
  defaultFigureSettings,
  type FigureSettings,
  figureDefinitions,
  keptCells,
  ledgerRow,
  type Period,
  parseFigureSettings,
  parsePeriod,
  parseScope,
  type ReadableScope,
  readableScope,
} from '../../../functions/domain/figures/index.ts';
import {
  actors,
  clocks,
  commands,
  handled,
  instantItem,
  received,
  receivedAtGeneralWindow,
  T,
} from './fixtures.ts';

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

describe('a case taken in at the general window (综合窗口)', () => {
  // A single item with a material missing: the general window gives the one correction notice at
  // intake; mz-01's clerk takes it from the queue once corrected. And a 一件事's part, complete.
  const single = handled(
    receivedAtGeneralWindow(day('2026-11-02T09:00'), { missing: true }),
    [commands.correct([{ id: 'm1', state: 'submitted' }]), day('2026-11-03T09:00')],
    [...accept('2026-11-03T10:00')],
    [commands.approve(), day('2026-11-04T10:00')],
    [commands.deliver(), day('2026-11-05T09:00')],
  );
  const part = handled(
    receivedAtGeneralWindow(day('2026-11-02T10:00'), { bundleNo: 'YJYC0001-20261102-0001' }),
    [...accept('2026-11-02T11:00')],
    [commands.approve(), day('2026-11-10T10:00')],
  );
  const own = handled(
    received(day('2026-11-02T09:00')),
    [...accept('2026-11-02T10:00')],
    [commands.approve(), day('2026-11-04T10:00')],
  );
  const states = [single, part, own];
  const count = (scope: string) =>
    caseFigures({
      states,
      scope: readableScope(actors.supervisor, parseScope(scope) as never) as ReadableScope,
      period: parsePeriod('2026-11') as Period,
      now,
      clocks,
      settings: defaultFigureSettings,
    });

  it('counts its intake — received, the correction notice and its rate — for the general window and its clerk', () => {
    expect(single).toMatchObject({ window: 'mz-01', handler: 'clerk', intakeWindow: 'zh-01' });
    expect(part).toMatchObject({ window: 'mz-01', handler: 'clerk', bundleNo: 'YJYC0001-20261102-0001' });
    for (const scope of ['window:zh-01', 'clerk:clerk-zh', 'department:zh']) {
      const figures = count(scope);
      // Its intake, nothing else: accepting and deciding are the departments'.
      const none = Object.fromEntries(caseCountKeys.map((key) => [key, 0]));
      expect(figures.counts, scope).toEqual({ ...none, received: 2, correctionNotices: 1 });
      expect(figures.rates.correctionNotice, scope).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
      expect(figures.rates.onTime.value, scope).toBeNull();
      expect(figures.overdue.count, scope).toBe(0);
    }
  });

  it('counts its handling for the department, its window and clerk — not its intake', () => {
    for (const scope of ['department:mz', 'window:mz-01', 'clerk:clerk']) {
      const figures = count(scope);
      expect(figures.counts, scope).toMatchObject({
        received: 1,
        correctionNotices: 0,
        accepted: 3,
        decided: 3,
        approved: 3,
        delivered: 1,
      });
      expect(figures.rates.correctionNotice, scope).toEqual({ numerator: 0, denominator: 1, value: 0 });
      expect(figures.rates.onTime, scope).toEqual({ numerator: 3, denominator: 3, value: 1 });
      expect(figures.workdays.decisions, scope).toBe(3);
    }
  });

  it('counts each case once for the centre: the general window’s and the departments’ figures add up to it', () => {
    const centre = count('centre');
    expect(centre.counts).toMatchObject({ received: 3, correctionNotices: 1, accepted: 3, decided: 3 });
    const zh = count('department:zh');
    const mz = count('department:mz');
    for (const key of caseCountKeys) {
      expect(zh.counts[key] + mz.counts[key], key).toBe(centre.counts[key]);
    }
  });

  it('keeps the same: its intake in the general window’s sums, its handling in the department’s', () => {
    const cells = keptCells(caseContributions(single, clocks, defaultFigureSettings)).filter(
      (cell) => cell.period === '2026-11',
    );
    const of = (kind: string, code: string) => cells.find((cell) => cell.kind === kind && cell.code === code);
    for (const [kind, code] of [
      ['window', 'zh-01'],
      ['clerk', 'clerk-zh'],
    ] as const) {
      expect(of(kind, code)).toMatchObject({
        department: 'zh',
        counts: { received: 1, correctionNotices: 1 },
      });
      expect(Object.keys(of(kind, code)?.counts ?? {}).sort()).toEqual(['correctionNotices', 'received']);
    }
    for (const [kind, code] of [
      ['window', 'mz-01'],
      ['clerk', 'clerk'],
    ] as const) {
      expect(of(kind, code)).toMatchObject({
        department: 'mz',
        counts: { accepted: 1, decided: 1, approved: 1, onTime: 1, delivered: 1, timedDecisions: 1 },
      });
      expect(of(kind, code)?.counts).not.toHaveProperty('received');
      expect(of(kind, code)?.counts).not.toHaveProperty('correctionNotices');
    }
    expect(cells).toHaveLength(4);
  });

  it('lists it behind the general window’s intake numbers and the department’s handling numbers', () => {
    const behind = (figure: CaseListFigure, scope: string) =>
      casesBehind({
        states,
        scope: readableScope(actors.supervisor, parseScope(scope) as never) as ReadableScope,
        period: parsePeriod('2026-11') as Period,
        clocks,
        settings: defaultFigureSettings,
        figure,
      });
    expect(behind('received', 'window:zh-01').map((entry) => [entry.caseNo, entry.owner])).toEqual([
      [single.caseNo, { department: 'zh', window: 'zh-01', handler: 'clerk-zh' }],
      [part.caseNo, { department: 'zh', window: 'zh-01', handler: 'clerk-zh' }],
    ]);
    expect(behind('correctionNotices', 'clerk:clerk-zh').map((entry) => entry.caseNo)).toEqual([
      single.caseNo,
    ]);
    expect(behind('accepted', 'window:zh-01')).toEqual([]);
    expect(behind('received', 'department:mz').map((entry) => entry.caseNo)).toEqual([own.caseNo]);
    expect(behind('decided', 'department:mz').map((entry) => [entry.caseNo, entry.owner.window])).toEqual([
      [single.caseNo, 'mz-01'],
      [part.caseNo, 'mz-01'],
      [own.caseNo, 'mz-01'],
    ]);
  });

  it('is a ledger row of the general window and of the department, naming the general window', () => {
    expect(ledgerRow(single, now, clocks, defaultFigureSettings)).toMatchObject({
      window: 'mz-01',
      handler: 'clerk',
      intakeWindow: 'zh-01',
    });
    const scope = (text: string) =>
      readableScope(actors.supervisor, parseScope(text) as never) as ReadableScope;
    for (const text of ['window:zh-01', 'clerk:clerk-zh', 'department:mz', 'window:mz-01', 'centre']) {
      expect(states.filter((state) => caseTouchesScope(state, scope(text))).length, text).toBe(
        text.includes('zh') ? 2 : 3,
      );
    }
    expect(caseTouchesScope(own, scope('window:zh-01'))).toBe(false);
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
