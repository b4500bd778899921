/**
 * The public scorecard from a month's figures, ratings and confirmed awards: rates with numerator
 * and denominator, null where nothing divides; the awards with name and window only. And the
 * month's praise within a scope, for the report draft.
 */
import { describe, expect, it } from 'vitest';
import type { AwardRecord } from '../../../functions/domain/appraisal/awards.ts';
import {
  buildScorecard,
  praiseInScope,
  praisePrompts,
} from '../../../functions/domain/appraisal/scorecard.ts';
import {
  caseFigures,
  defaultFigureSettings,
  type Period,
  parsePeriod,
} from '../../../functions/domain/figures/index.ts';
import { recordRating } from '../../../functions/domain/ratings/decide.ts';
import { clocks, commands, handled, received, T } from '../figures/fixtures.ts';
import { invitation } from '../ratings/fixtures.ts';
import { event } from './fixtures.ts';

const november = parsePeriod('2026-11') as Period;
const day = (d: string) => T(`${d}:00`);
const now = new Date(day('2026-12-01T09:00'));

const decided = handled(
  received(day('2026-11-02T09:00')),
  [commands.accept(), day('2026-11-02T10:00')],
  [commands.approve(), day('2026-11-04T10:00')],
);
const figuresOf = (scope: Parameters<typeof caseFigures>[0]['scope']) =>
  caseFigures({ states: [decided], scope, period: november, now, clocks, settings: defaultFigureSettings });

const award = (overrides: Partial<AwardRecord>): AwardRecord => ({
  period: '2026-11',
  award: 'approval',
  kind: 'serviceStar',
  label: '服务之星（审批）',
  proposed: [],
  chosen: [],
  overridden: false,
  reason: null,
  proposalKey: '00000000',
  confirmedBy: { username: 'leader', name: '赵分管', role: 'leader' },
  confirmedAt: day('2026-12-01T09:00'),
  ...overrides,
});

const awards = [
  award({
    chosen: [{ kind: 'clerk', username: 'clerk', name: '王窗口', window: 'mz-01', department: 'mz' }],
  }),
  award({
    award: 'redFlag',
    kind: 'redFlag',
    label: '红旗窗口',
    chosen: [{ kind: 'window', window: 'mz-01', department: 'mz' }],
  }),
];

describe('the scorecard', () => {
  const visits = [
    recordRating(invitation({ caseNo: 'YC0001-20261102-0001' }), { overall: 5 }, day('2026-11-02T11:00'))
      .state,
    recordRating(invitation({ caseNo: 'YC0001-20261102-0002' }), { overall: 2 }, day('2026-11-02T11:00'))
      .state,
    invitation({ caseNo: 'YC0001-20261102-0003' }),
  ];
  const scorecard = buildScorecard({
    period: november,
    departments: [
      { id: 'mz', name: '云川市民政局' },
      { id: 'sw', name: '国家税务总局云川市税务局' },
    ],
    figures: new Map([
      ['mz', figuresOf({ scope: { kind: 'department', code: 'mz' } })],
      ['centre', figuresOf({ scope: { kind: 'centre' } })],
    ]),
    ratings: visits,
    awards,
    publishedAt: day('2026-12-01T09:00'),
  });

  it('gives each department its cases and rates, numerator and denominator', () => {
    expect(scorecard.departments[0]).toEqual({
      department: 'mz',
      name: '云川市民政局',
      received: 1,
      decided: 1,
      onTime: { numerator: 1, denominator: 1, value: 1 },
      satisfaction: { numerator: 1, denominator: 2, value: 0.5 },
      badRatingsRectified: { numerator: 0, denominator: 1, value: 0 },
    });
  });

  it('gives "nothing divides" as null, not 0 % or 100 %', () => {
    const sw = scorecard.departments[1];
    expect(sw).toMatchObject({ department: 'sw', received: 0, decided: 0 });
    expect([sw?.onTime.value, sw?.satisfaction.value, sw?.badRatingsRectified.value]).toEqual([
      null,
      null,
      null,
    ]);
    expect(scorecard.centre).toMatchObject({ department: 'centre', name: '全中心', decided: 1 });
  });

  it('names the stars by name and window only, and the red-flag windows', () => {
    expect(scorecard.serviceStars).toEqual([
      {
        award: 'approval',
        label: '服务之星（审批）',
        name: '王窗口',
        window: 'mz-01',
        departmentName: '云川市民政局',
      },
    ]);
    expect(scorecard.redFlags).toEqual([{ window: 'mz-01', departmentName: '云川市民政局' }]);
    expect(JSON.stringify(scorecard)).not.toContain('"clerk"');
  });
});

describe('the month’s praise within a scope', () => {
  const praise = { ...event('commendation', 'mz-01', 'clerk'), quote: '耐心' };
  const elsewhere = event('commendation', 'sw-01', 'clerk-sw');

  it('keeps the awards and commendations of the scope', () => {
    const ofMz = praiseInScope([praise, elsewhere, event('badRating', 'mz-01', 'clerk')], awards, {
      scope: { kind: 'department', code: 'mz' },
    });
    expect(ofMz.awards.map((entry) => entry.award)).toEqual(['approval', 'redFlag']);
    expect(ofMz.commendations).toEqual([
      expect.objectContaining({ caseNo: praise.ref.id, window: 'mz-01', clerk: 'clerk', quote: '耐心' }),
    ]);
    const ofSw = praiseInScope([praise, elsewhere], awards, { scope: { kind: 'department', code: 'sw' } });
    expect(ofSw.awards).toEqual([]);
    expect(ofSw.commendations.map((entry) => entry.clerk)).toEqual(['clerk-sw']);
    // A clerk's scope: their own star, not their window's red flag.
    const ofClerk = praiseInScope([praise], awards, { scope: { kind: 'clerk', username: 'clerk' } });
    expect(ofClerk.awards.map((entry) => entry.award)).toEqual(['approval']);
  });

  it('gives the report one prompt a line: the confirmed awards, then each commendation with its words', () => {
    const prompts = praisePrompts(
      praiseInScope([praise, event('commendation', 'mz-02', null)], awards, {
        scope: { kind: 'department', code: 'mz' },
      }),
    ).map((prompt) => prompt.text);
    expect(prompts).toEqual([
      '服务之星（审批）：王窗口（mz-01）（已确认）。',
      '红旗窗口：mz-01 窗口（已确认）。',
      `群众表扬：${praise.text}，mz-01窗口，留言“耐心”。`,
      expect.stringMatching(/^群众表扬：.+，mz-02窗口。$/),
    ]);
  });
});
