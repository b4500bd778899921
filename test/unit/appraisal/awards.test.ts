/**
 * The 服务之星 and 红旗窗口 proposals from a hand-built month (quota, eligibility, a tie at the
 * quota's edge), and their confirmation: as proposed, overridden with a reason, and every refusal
 * with the field or state it names; who may confirm which award.
 */
import { describe, expect, it } from 'vitest';
import {
  type AwardChoice,
  type AwardProposal,
  allConfirmed,
  confirmAward,
  proposals,
} from '../../../functions/domain/appraisal/awards.ts';
import { AppraisalError } from '../../../functions/domain/appraisal/errors.ts';
import { appraise } from '../../../functions/domain/appraisal/score.ts';
import type { Actor } from '../../../functions/domain/cases/types.ts';
import { type Period, parsePeriod } from '../../../functions/domain/figures/periods.ts';
import { clerk, decisions, event, rule, windows } from './fixtures.ts';

const november = parsePeriod('2026-11') as Period;
const december = new Date('2026-12-01T09:00:00+08:00');

const month = appraise(
  {
    events: [
      event('early', 'sw-01', 'sw-a'),
      event('early', 'sw-02', 'sw-b'),
      event('early', 'sw-02', 'sw-c'),
      event('validComplaint', 'sw-01', 'sw-d'),
      event('overdue', 'mz-01', 'mz-a'),
      event('commendation', 'mz-02', 'mz-b'),
      event('early', 'sj-01', 'sj-a'),
    ],
    decisions: [
      ...decisions('sw-01', 'sw-a', 3),
      ...decisions('sw-02', 'sw-b', 5),
      ...decisions('sw-02', 'sw-c', 2),
      ...decisions('sw-01', 'sw-d', 9),
      ...decisions('mz-01', 'mz-a', 4),
      ...decisions('mz-02', 'mz-b', 1),
      ...decisions('sj-01', 'sj-a', 1),
    ],
    takenIn: [],
    windows,
    staff: [clerk('sw-e', 'sw-02', '没办件'), clerk('mz-b', 'mz-02', '马表扬')],
  },
  rule,
);
const all = proposals(month, rule);
const proposal = (award: string) => all.find((candidate) => candidate.award === award) as AwardProposal;
const keys = (list: AwardProposal['proposed']) =>
  list.map((candidate) =>
    candidate.nominee.kind === 'clerk' ? candidate.nominee.username : candidate.nominee.window,
  );

const leader: Actor = { username: 'leader', displayName: '赵分管', roles: ['leader'], department: 'mz' };
const swChief: Actor = { username: 'chief-sw', roles: ['chief'], department: 'sw' };
const mzChief: Actor = { username: 'chief', roles: ['chief'], department: 'mz' };

function confirm(
  choice: Partial<AwardChoice> & { award: string },
  actor = leader,
  now = december,
  confirmed = new Set<string>(),
) {
  return confirmAward({
    period: november,
    proposals: all,
    choice: { proposalKey: proposal(choice.award).key, chosen: [], ...choice },
    actor,
    now,
    confirmed,
  });
}

function refused(run: () => unknown): AppraisalError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppraisalError) return error;
    throw error;
  }
  throw new Error('it was not refused');
}

describe('the proposals', () => {
  it('proposes the quota from the eligible clerks of the group, in ranking order', () => {
    const tax = proposal('tax');
    // sw-a, sw-b and sw-c all have 100.5; more decided cases first: sw-b (5), sw-a (3), then sw-c (2).
    expect(keys(tax.proposed)).toEqual(['sw-b', 'sw-a']);
    expect(keys(tax.eligible)).toEqual(['sw-b', 'sw-a', 'sw-c']);
    expect(tax.notes).toEqual([
      expect.stringContaining(
        '同为 100.5 分，按本月办件数（办结及综合窗口收件，多者在前）、再按用户名排序提名',
      ),
    ]);
    expect(
      tax.ineligible.map((entry) => [
        entry.nominee.kind === 'clerk' && entry.nominee.username,
        entry.reasons,
      ]),
    ).toEqual([
      ['sw-e', ['本月办结 0 件，少于 1 件']],
      ['sw-d', ['本月有有效投诉']],
    ]);
    expect(tax.departments).toEqual(['sw']);
  });

  it('proposes across departments for a mixed group, and the best eligible window as the red flag', () => {
    const approval = proposal('approval');
    // mz-b's commendation (101) beats sj-a's early decision (100.5); mz-a's overdue case rules them out.
    expect(keys(approval.proposed)).toEqual(['mz-b']);
    expect(approval.departments).toEqual(['mz', 'sj']);
    expect(approval.notes).toEqual([]);
    const flag = proposal('redFlag');
    expect(flag.kind).toBe('redFlag');
    // sw-02 (two early decisions, 101) leads; mz-01 (overdue) and sw-01 (a complaint) are out.
    expect(keys(flag.proposed)).toEqual(['sw-02']);
    expect(
      flag.ineligible.map((entry) => entry.nominee.kind === 'window' && entry.nominee.window).sort(),
    ).toEqual(['mz-01', 'sw-01']);
  });

  it('counts a general window’s intake as its clerks’ work: they may be proposed without deciding a case', () => {
    const withGeneral: typeof rule = {
      ...rule,
      serviceStars: {
        ...rule.serviceStars,
        groups: [
          ...rule.serviceStars.groups,
          { code: 'general', name: '综合窗口', quota: 1, windows: ['zh-01'] },
        ],
      },
    };
    const general = proposals(
      appraise(
        {
          events: [],
          decisions: [],
          takenIn: [...decisions('zh-01', 'zh-a', 2), ...decisions('zh-01', 'zh-b', 3)],
          windows: [...windows, { code: 'zh-01', department: 'zh' }],
          staff: [
            clerk('zh-a', 'zh-01', '张综窗'),
            clerk('zh-b', 'zh-01', '赵综窗'),
            clerk('zh-c', 'zh-01', '钱新人'),
          ],
        },
        withGeneral,
      ),
      withGeneral,
    ).find((entry) => entry.award === 'general');
    // Equal scores: more cases taken in first.
    expect(keys(general?.proposed ?? [])).toEqual(['zh-b']);
    expect(general?.eligible.map((candidate) => [candidate.decided, candidate.takenIn])).toEqual([
      [0, 3],
      [0, 2],
    ]);
    expect(general?.ineligible.map((entry) => entry.reasons)).toEqual([['本月办结 0 件，少于 1 件']]);
    const twoNeeded = { ...withGeneral, serviceStars: { ...withGeneral.serviceStars, minimumDecided: 3 } };
    const reasons = proposals(
      appraise(
        {
          events: [],
          decisions: [],
          takenIn: decisions('zh-01', 'zh-a', 2),
          windows: [{ code: 'zh-01', department: 'zh' }],
          staff: [],
        },
        twoNeeded,
      ),
      twoNeeded,
    ).find((entry) => entry.award === 'general')?.ineligible[0]?.reasons;
    expect(reasons).toEqual(['本月办结 0 件、综合窗口收件 2 件，合计少于 3 件']);
  });

  it('says when fewer are eligible than the quota', () => {
    const empty = proposals(
      appraise({ events: [], decisions: [], takenIn: [], windows, staff: [] }, rule),
      rule,
    );
    expect(empty.every((entry) => entry.proposed.length === 0)).toBe(true);
    expect(empty[0]?.notes).toEqual(['符合条件的只有 0 个，少于名额 2 个。']);
  });

  it('changes its key when the proposal changes, not otherwise', () => {
    const again = proposals(month, rule);
    expect(again.map((entry) => entry.key)).toEqual(all.map((entry) => entry.key));
    const later = proposals(
      appraise(
        { events: [event('redCard', 'sw-02', 'sw-b')], decisions: [], takenIn: [], windows, staff: [] },
        rule,
      ),
      rule,
    );
    expect(later[0]?.key).not.toBe(proposal('tax').key);
  });
});

describe('confirming an award', () => {
  it('records the proposal as confirmed: who, when, what was proposed and chosen', () => {
    const record = confirm({
      award: 'tax',
      chosen: [
        { username: 'sw-b', name: ' 吴二 ' },
        { username: 'sw-a', name: '吴一' },
      ],
    });
    expect(record).toMatchObject({
      period: '2026-11',
      award: 'tax',
      kind: 'serviceStar',
      label: '服务之星（税务）',
      overridden: false,
      reason: null,
      confirmedBy: { username: 'leader', name: '赵分管', role: 'leader' },
      confirmedAt: '2026-12-01T09:00:00+08:00',
    });
    expect(keys(record.proposed)).toEqual(['sw-b', 'sw-a']);
    expect(record.chosen).toEqual([
      { kind: 'clerk', username: 'sw-b', name: '吴二', window: 'sw-02', department: 'sw' },
      { kind: 'clerk', username: 'sw-a', name: '吴一', window: 'sw-01', department: 'sw' },
    ]);
  });

  it('records another eligible choice as an override, with its reason', () => {
    const record = confirm(
      {
        award: 'tax',
        chosen: [
          { username: 'sw-b', name: '吴二' },
          { username: 'sw-c', name: '吴三' },
        ],
        reason: '同分，吴三本月承担了两次延时服务。',
      },
      swChief,
    );
    expect(record).toMatchObject({ overridden: true, reason: '同分，吴三本月承担了两次延时服务。' });
    expect(record.confirmedBy.role).toBe('chief');
  });

  it('refuses an override without a reason, naming body.reason', () => {
    const error = refused(() =>
      confirm({ award: 'tax', chosen: [{ username: 'sw-c', name: '吴三' }], reason: '  ' }),
    );
    expect([error.code, error.field]).toEqual(['required', 'body.reason']);
  });

  it('takes a vacancy with a reason, and the red flag as a window', () => {
    const vacancy = confirm({ award: 'approval', chosen: [], reason: '本月空缺' });
    expect(vacancy).toMatchObject({ overridden: true, chosen: [] });
    const flag = confirm({ award: 'redFlag', chosen: [{ window: 'sw-02' }] });
    expect(flag.chosen).toEqual([{ kind: 'window', window: 'sw-02', department: 'sw' }]);
  });

  it.each([
    [
      'an ineligible clerk',
      { award: 'tax', chosen: [{ username: 'sw-d', name: '丁' }] },
      'not-eligible',
      'body.chosen.0.username',
      '本月有有效投诉',
    ],
    [
      'a clerk of another group',
      { award: 'tax', chosen: [{ username: 'mz-b', name: '马' }] },
      'not-eligible',
      'body.chosen.0.username',
      '不在服务之星（税务）的评选范围内',
    ],
    [
      'the same clerk twice',
      {
        award: 'tax',
        chosen: [
          { username: 'sw-a', name: '一' },
          { username: 'sw-a', name: '一' },
        ],
      },
      'duplicate',
      'body.chosen.1.username',
      '选了两次',
    ],
    [
      'more than the quota',
      {
        award: 'approval',
        chosen: [
          { username: 'mz-b', name: '马' },
          { username: 'sj-a', name: '郑' },
        ],
      },
      'too-many',
      'body.chosen',
      '名额为 1 个',
    ],
    [
      'a window for a star',
      { award: 'tax', chosen: [{ window: 'sw-01' }] },
      'wrong-nominee',
      'body.chosen.0.username',
      '工作人员',
    ],
    [
      'a clerk for the red flag',
      { award: 'redFlag', chosen: [{ username: 'sw-a', name: '一' }] },
      'wrong-nominee',
      'body.chosen.0.window',
      '窗口',
    ],
    [
      'an unknown award',
      { award: 'best', chosen: [] },
      'unknown-award',
      'body.award',
      '可选：tax、approval、redFlag',
    ],
  ])('refuses %s, naming the field', (_what, choice, code, field, words) => {
    const error = refused(() =>
      confirmAward({
        period: november,
        proposals: all,
        choice: { proposalKey: proposal(choice.award)?.key ?? '00000000', ...choice } as AwardChoice,
        actor: leader,
        now: december,
        confirmed: new Set(),
      }),
    );
    expect([error.code, error.field]).toEqual([code, field]);
    expect(error.message).toContain(words);
  });

  it('refuses before the month has ended, once confirmed, and on a stale proposal', () => {
    const proposed = [
      { username: 'sw-b', name: '吴二' },
      { username: 'sw-a', name: '吴一' },
    ];
    expect(
      refused(() =>
        confirm({ award: 'tax', chosen: proposed }, leader, new Date('2026-11-30T23:59:00+08:00')),
      ).code,
    ).toBe('month-open');
    expect(
      refused(() => confirm({ award: 'tax', chosen: proposed }, leader, december, new Set(['tax']))).code,
    ).toBe('already-confirmed');
    expect(refused(() => confirm({ award: 'tax', chosen: proposed, proposalKey: 'ffffffff' })).code).toBe(
      'stale-proposal',
    );
  });

  it('lets a chief confirm only a group of their own department, and the red flag only the leader', () => {
    const tax = [
      { username: 'sw-b', name: '吴二' },
      { username: 'sw-a', name: '吴一' },
    ];
    expect(confirm({ award: 'tax', chosen: tax }, swChief).confirmedBy.role).toBe('chief');
    expect(refused(() => confirm({ award: 'tax', chosen: tax }, mzChief)).code).toBe('not-permitted');
    // The approval group spans mz and sj: the leader's.
    expect(
      refused(() => confirm({ award: 'approval', chosen: [{ username: 'mz-b', name: '马' }] }, mzChief)).code,
    ).toBe('not-permitted');
    expect(refused(() => confirm({ award: 'redFlag', chosen: [{ window: 'sw-02' }] }, swChief)).message).toBe(
      '红旗窗口由分管领导确认。',
    );
  });

  it('publishes the month once every award is confirmed', () => {
    expect(allConfirmed(rule, [{ award: 'tax' }, { award: 'approval' }])).toBe(false);
    expect(allConfirmed(rule, [{ award: 'tax' }, { award: 'approval' }, { award: 'redFlag' }])).toBe(true);
  });
});
