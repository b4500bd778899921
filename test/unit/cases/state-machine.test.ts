import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type CaseCommand,
  type CaseCommandType,
  CaseError,
  type CaseState,
  caseStatuses,
  decide,
  openCase,
  type TransitionRule,
  terminalStatuses,
  transitions,
} from '../../../functions/domain/cases/index.ts';
import {
  actors,
  allSubmitted,
  commands,
  ctx,
  instantItem,
  intake,
  jointItem,
  leadChief,
  leadClerk,
  promisedItem,
  reach,
  run,
  T,
} from './fixtures.ts';

const at = T('2026-11-04T10:00:00');

function refusal(fn: () => unknown): CaseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaseError) return error;
    throw error;
  }
  throw new Error('Expected a CaseError, but the command was accepted');
}

const commandFor: Record<CaseCommandType, () => CaseCommand> = {
  requestCorrection: () => commands.requestCorrection([{ id: 'm1', state: 'missing' }]),
  correct: () => commands.correct([{ id: 'm1', state: 'submitted' }]),
  accept: commands.accept,
  notAccept: commands.notAccept,
  settleInstantly: commands.settleInstantly,
  transfer: () => commands.transfer(),
  suspend: commands.suspend,
  resume: commands.resume,
  extend: () => commands.extend(),
  coOpinion: commands.coOpinion,
  approve: commands.approve,
  refuse: commands.refuse,
  deliver: commands.deliver,
  close: commands.close,
  withdraw: commands.withdraw,
  return: commands.return,
  flagPriority: commands.flagPriority,
  supplyOwed: () => commands.supplyOwed(),
  applyOwedLateness: commands.applyOwedLateness,
  recordVerification: () => commands.recordVerification(),
};

/** An actor the rule allows, for a case of `item`. */
function allowedActor(rule: TransitionRule, state: CaseState): Actor {
  const kind = rule.actors[0];
  if (kind === 'chief') return leadChief(state.item);
  if (kind === 'coClerk') return actors.clerkSw;
  return leadClerk(state.item);
}

describe('the transition table', () => {
  it('has one row per command, only known statuses, and no way out of a terminal status', () => {
    expect(new Set(transitions.map((rule) => rule.type)).size).toBe(transitions.length);
    expect(Object.keys(commandFor).sort()).toEqual(transitions.map((rule) => rule.type).sort());
    for (const rule of transitions) {
      expect(rule.actors.length).toBeGreaterThan(0);
      for (const from of rule.from) {
        expect(caseStatuses).toContain(from);
        expect(terminalStatuses).not.toContain(from);
      }
    }
  });

  it('leaves every non-terminal status some way onward', () => {
    for (const status of caseStatuses.filter((s) => !terminalStatuses.includes(s))) {
      expect(transitions.some((rule) => rule.from.includes(status) && rule.to !== 'same')).toBe(true);
    }
  });

  it('keeps refusals and extensions to the chief, and leaves supervisors and leaders out', () => {
    expect(transitions.find((rule) => rule.type === 'refuse')?.actors).toEqual(['chief']);
    expect(transitions.find((rule) => rule.type === 'extend')?.actors).toEqual(['chief']);
    for (const rule of transitions) {
      expect(rule.actors).not.toContain('supervisor');
      expect(rule.actors).not.toContain('leader');
    }
  });
});

describe('refusals to transition', () => {
  for (const rule of transitions) {
    const item = rule.type === 'coOpinion' ? jointItem : promisedItem;
    for (const status of caseStatuses.filter((s) => !rule.from.includes(s))) {
      it(`refuses ${rule.type} from ${status} with invalid-transition`, () => {
        const state = reach(status, item);
        expect(state.status).toBe(status);
        const error = refusal(() =>
          decide(state, commandFor[rule.type](), allowedActor(rule, state), at, ctx),
        );
        expect(error.code).toBe('invalid-transition');
      });
    }
  }

  const outsiders: [string, Actor][] = [
    ['a supervisor', actors.supervisor],
    ['a leader', actors.leader],
    ['an admin', actors.admin],
    ['a clerk of another department', actors.clerkSw],
  ];
  for (const rule of transitions) {
    const item = rule.type === 'coOpinion' ? jointItem : promisedItem;
    const state = reach(rule.from[0] as CaseState['status'], item);
    const cast: [string, Actor][] =
      rule.type === 'coOpinion'
        ? [
            ['the lead clerk', actors.clerkSj],
            ['the lead chief', actors.chiefSj],
            ['a supervisor', actors.supervisor],
          ]
        : [
            ...outsiders,
            ...(!rule.actors.includes('chief') ? ([['the chief', actors.chief]] as [string, Actor][]) : []),
            ...(!rule.actors.includes('owner')
              ? ([
                  ['the handling clerk', actors.clerk],
                  ['the backup clerk', actors.clerkB],
                ] as [string, Actor][])
              : ([
                  ['the backup clerk while the handler is present', actors.clerkB],
                  ['a clerk of another window', actors.clerkOtherWindow],
                ] as [string, Actor][])),
          ];
    for (const [who, actor] of cast) {
      it(`refuses ${rule.type} by ${who} with not-permitted`, () => {
        const error = refusal(() => decide(state, commandFor[rule.type](), actor, at, ctx));
        expect(error.code).toBe('not-permitted');
      });
    }
  }

  it('refuses every transition requiring text when the text is blank', () => {
    const blank: [CaseCommandType, CaseCommand, string][] = [
      ['notAccept', { ...commands.notAccept(), reason: ' ' } as CaseCommand, 'body.reason'],
      ['notAccept', { ...commands.notAccept(), remedies: '' } as CaseCommand, 'body.remedies'],
      ['withdraw', { ...commands.withdraw(), told: '' } as CaseCommand, 'body.told'],
      ['accept', { ...commands.accept(), told: '' } as CaseCommand, 'body.told'],
      ['return', { ...commands.return(), reason: '' } as CaseCommand, 'body.reason'],
    ];
    for (const [, command, field] of blank) {
      const error = refusal(() => decide(reach('received'), command, actors.clerk, at, ctx));
      expect(error.code).toBe('requirement-missing');
      expect(error.field).toBe(field);
    }
    const refuse = { ...commands.refuse(), remedies: ' ' } as CaseCommand;
    expect(refusal(() => decide(reach('inReview'), refuse, actors.chief, at, ctx)).field).toBe(
      'body.remedies',
    );
    const extendBlank = { ...commands.extend(), reason: '' } as CaseCommand;
    expect(refusal(() => decide(reach('inReview'), extendBlank, actors.chief, at, ctx)).field).toBe(
      'body.reason',
    );
  });
});

describe('intake', () => {
  it('records the first-contact owner, the handler, the window and the correction-notice clock', () => {
    const state = intake();
    expect(state).toMatchObject({
      status: 'received',
      version: 1,
      handler: 'clerk',
      window: 'mz-01',
      department: 'mz',
      firstContact: { username: 'clerk', at: T('2026-11-02T09:00:00') },
      priority: { flagged: false },
    });
    expect(state.clocks.correctionNotice?.kind).toBe('correctionNotice');
    expect(state.history).toHaveLength(1);
    expect(state.history[0]).toMatchObject({ transition: 'intake', from: null, to: 'received', version: 1 });
    expect(state.materials.map((m) => [m.id, m.state])).toEqual([
      ['m1', 'submitted'],
      ['m2', 'submitted'],
      ['m3', 'submitted'],
      ['m4', 'notApplicable'],
    ]);
  });

  it('refuses a clerk of another department, a chief and a clerk without a window', () => {
    for (const actor of [actors.clerkSw, actors.chief, { ...actors.clerk, window: undefined }] as Actor[]) {
      const error = refusal(() =>
        openCase(
          {
            caseNo: 'YC0001-20261104-0001',
            centre: 'YC0001',
            item: promisedItem,
            applicant: { kind: 'individual', name: '张*', idNumber: 'x', phone: 'y' },
            materials: allSubmitted(promisedItem),
          },
          actor,
          at,
        ),
      );
      expect(error.code).toBe('not-permitted');
    }
  });

  it('refuses an intake that leaves a required material without a state, naming it', () => {
    const error = refusal(() => intake(promisedItem, [{ id: 'm1', state: 'submitted' }]));
    expect(error.code).toBe('requirement-missing');
    expect(error.field).toBe('body.materials.m2');
    expect(error.message).toContain('m3');
  });

  it('refuses a required material marked not applicable and an unknown material', () => {
    const materials = allSubmitted(promisedItem).map((m) =>
      m.id === 'm2' ? { ...m, state: 'notApplicable' as const } : m,
    );
    expect(refusal(() => intake(promisedItem, materials)).field).toBe('body.materials.m2');
    expect(
      refusal(() => intake(promisedItem, [...allSubmitted(promisedItem), { id: 'm9', state: 'submitted' }]))
        .code,
    ).toBe('unknown-material');
  });

  it('flags the priority lane with its reason', () => {
    const state = openCase(
      {
        caseNo: 'YC0001-20261104-0001',
        centre: 'YC0001',
        item: promisedItem,
        applicant: { kind: 'individual', name: '张*', idNumber: 'x', phone: 'y' },
        materials: allSubmitted(promisedItem),
        priority: { reason: '重点项目' },
      },
      actors.clerk,
      at,
    );
    expect(state.priority).toMatchObject({ flagged: true, reason: '重点项目', by: 'clerk' });
  });
});

describe('correction notice (一次性告知)', () => {
  const incomplete = allSubmitted(promisedItem).map((m) =>
    m.id === 'm1'
      ? { ...m, state: 'missing' as const }
      : m.id === 'm3'
        ? { ...m, state: 'defective' as const, note: '未盖章' }
        : m,
  );

  it('lists every missing or defective material at once and stops its clock', () => {
    const { state, entry } = decide(
      intake(promisedItem, incomplete),
      commands.requestCorrection(),
      actors.clerk,
      at,
      ctx,
    );
    expect(state.status).toBe('correctionRequested');
    expect(state.correctionNotices).toHaveLength(1);
    expect(state.correctionNotices[0]?.items).toEqual([
      { id: 'm1', name: '变更登记申请表', problem: 'missing' },
      { id: 'm3', name: '理事会决议', problem: 'defective', note: '未盖章' },
    ]);
    expect(state.correctionNotices[0]?.inTime).toBe(true);
    expect(state.clocks.correctionNotice?.stoppedAt).toBe(at);
    expect(entry.clocks).toEqual(['correctionNotice:stop']);
  });

  it('includes materials the clerk marks in the same command', () => {
    const { state } = decide(
      intake(promisedItem, incomplete),
      commands.requestCorrection([{ id: 'm4', state: 'missing', note: '变更住所的须提供' }]),
      actors.clerk,
      at,
      ctx,
    );
    expect(state.correctionNotices[0]?.items.map((item) => item.id)).toEqual(['m1', 'm3', 'm4']);
  });

  it('refuses a notice with nothing to correct', () => {
    expect(refusal(() => decide(intake(), commands.requestCorrection(), actors.clerk, at, ctx)).code).toBe(
      'nothing-to-correct',
    );
  });

  it('refuses a second notice for the same submission, allows one after new material', () => {
    const notified = run(intake(promisedItem, incomplete), [[commands.requestCorrection()]]);
    // A correction that brings nothing new is refused, so the submission cannot advance without material.
    expect(
      refusal(() =>
        decide(notified, commands.correct([{ id: 'm1', state: 'missing' }]), actors.clerk, at, ctx),
      ).code,
    ).toBe('no-new-material');
    const corrected = decide(
      notified,
      commands.correct([{ id: 'm1', state: 'submitted' }]),
      actors.clerk,
      at,
      ctx,
    ).state;
    expect(corrected).toMatchObject({ status: 'corrected', submission: 2, lastSubmissionAt: at });
    expect(corrected.clocks.correctionNotice?.start).toBe(at);
    expect(corrected.clocks.correctionNotice?.stoppedAt).toBeUndefined();
    const second = decide(
      corrected,
      commands.requestCorrection(),
      actors.clerk,
      T('2026-11-05T10:00:00'),
      ctx,
    ).state;
    expect(second.correctionNotices.map((notice) => notice.submission)).toEqual([1, 2]);
    expect(second.correctionNotices[1]?.items.map((item) => item.id)).toEqual(['m3']);
  });

  it('refuses a second notice when a state is forced back to received with the same submission', () => {
    const notified = run(intake(promisedItem, incomplete), [[commands.requestCorrection()]]);
    const forged: CaseState = { ...notified, status: 'received' };
    expect(refusal(() => decide(forged, commands.requestCorrection(), actors.clerk, at, ctx)).code).toBe(
      'correction-already-notified',
    );
  });

  it('a late notice makes the case count as accepted from the receipt of the materials', () => {
    const received = intake(promisedItem, incomplete, T('2026-11-02T09:00:00'));
    // 5 working days after Mon 2026-11-02 end at close of business on Mon 2026-11-09.
    const late = decide(
      received,
      commands.requestCorrection(),
      actors.clerk,
      T('2026-11-10T09:00:00'),
      ctx,
    ).state;
    expect(late.correctionNotices[0]?.inTime).toBe(false);
    expect(late.deemedAcceptedFrom).toBe(T('2026-11-02T09:00:00'));
    const corrected = run(
      late,
      [
        [
          commands.correct([
            { id: 'm1', state: 'submitted' },
            { id: 'm3', state: 'submitted' },
          ]),
        ],
        [commands.accept()],
      ],
      T('2026-11-11T10:00:00'),
    );
    expect(corrected.decisionClockStart).toBe(T('2026-11-02T09:00:00'));
    expect(corrected.clocks.promised?.start).toBe(T('2026-11-02T09:00:00'));
  });

  it('an acceptance after a correction counts from the day the complete correction arrived', () => {
    const state = run(intake(promisedItem, incomplete), [
      [commands.requestCorrection()],
      [
        commands.correct([
          { id: 'm1', state: 'submitted' },
          { id: 'm3', state: 'submitted' },
        ]),
      ],
    ]);
    const accepted = decide(state, commands.accept(), actors.clerk, T('2026-11-04T15:00:00'), ctx).state;
    expect(accepted.decisionClockStart).toBe(state.lastSubmissionAt);
    expect(accepted.acceptedAt).toBe(T('2026-11-04T15:00:00'));
  });

  it('an acceptance without any notice after 5 working days counts from the receipt', () => {
    const accepted = decide(intake(), commands.accept(), actors.clerk, T('2026-11-12T10:00:00'), ctx).state;
    expect(accepted.deemedAcceptedFrom).toBe(T('2026-11-02T09:00:00'));
    expect(accepted.decisionClockStart).toBe(T('2026-11-02T09:00:00'));
  });
});

describe('acceptance and review', () => {
  it('accepts with complete materials and starts both decision clocks', () => {
    const { state, entry } = decide(intake(), commands.accept(), actors.clerk, at, ctx);
    expect(state.status).toBe('accepted');
    expect(state.clocks.promised).toMatchObject({ basis: 'promised', budget: 10, start: at });
    expect(state.clocks.statutory).toMatchObject({ basis: 'statutory', budget: 20, start: at });
    expect(state.clocks.correctionNotice?.stoppedAt).toBe(at);
    expect(entry.clocks).toEqual(['correctionNotice:stop', 'promised:start', 'statutory:start']);
    expect(entry.told).toBe('出具受理通知书');
  });

  it('refuses acceptance with a required material missing, naming it', () => {
    const materials = allSubmitted(promisedItem).map((m) =>
      m.id === 'm2' ? { ...m, state: 'missing' as const } : m,
    );
    const error = refusal(() =>
      decide(intake(promisedItem, materials), commands.accept(), actors.clerk, at, ctx),
    );
    expect(error.code).toBe('materials-incomplete');
    expect(error.message).toContain('m2');
  });

  it('refuses acceptance of an instant item: it is settled on the spot', () => {
    const state = intake(instantItem);
    expect(refusal(() => decide(state, commands.accept(), actors.clerkRs, at, ctx)).code).toBe(
      'wrong-item-class',
    );
  });

  it('transfers between steps with the step limit as its own clock', () => {
    const { state, entry } = decide(reach('accepted'), commands.transfer('审查'), actors.clerk, at, ctx);
    expect(state.status).toBe('inReview');
    expect(state.step).toMatchObject({ name: '审查', since: at, by: 'clerk' });
    expect(state.clocks.step).toMatchObject({ kind: 'generic', budget: 6, label: '审查', start: at });
    const next = decide(state, commands.transfer('决定'), actors.clerk, T('2026-11-05T10:00:00'), ctx);
    expect(next.state.clocks.step).toMatchObject({ budget: 2, label: '决定' });
    expect(next.entry.clocks).toEqual(['step:stop', 'step:start']);
    expect(entry.reason).toBe('转审查环节');
  });

  it('refuses a transfer to an unknown step, a foreign department or a window of another department', () => {
    const state = reach('inReview');
    const bad: CaseCommand[] = [
      { type: 'transfer', step: '盖章', reason: 'x' },
      { type: 'transfer', step: '审查', reason: 'x', to: { department: 'sw', window: 'sw-01' } },
      { type: 'transfer', step: '审查', reason: 'x', to: { window: 'sw-01' } },
    ];
    for (const command of bad)
      expect(refusal(() => decide(state, command, actors.clerk, at, ctx)).code).toBe('invalid-target');
  });

  it('a hand-over to another window leaves the case in that queue for any of its clerks', () => {
    const handed = decide(
      reach('inReview'),
      { type: 'transfer', step: '决定', reason: '转二号窗口', to: { window: 'mz-02' } },
      actors.chief,
      at,
      ctx,
    ).state;
    expect(handed).toMatchObject({ window: 'mz-02', handler: null });
    expect(refusal(() => decide(handed, commands.approve(), actors.clerk, at, ctx)).code).toBe(
      'not-permitted',
    );
    const taken = decide(handed, commands.approve(), actors.clerkOtherWindow, at, ctx).state;
    expect(taken.handler).toBe('clerk-mz2');
  });

  it('suspends every decision clock for a special procedure and resumes them', () => {
    const suspended = decide(reach('inReview'), commands.suspend(), actors.clerk, at, ctx);
    expect(suspended.state.status).toBe('suspended');
    expect(suspended.entry.clocks).toEqual(['promised:suspend', 'statutory:suspend', 'step:suspend']);
    expect(suspended.state.clocks.promised?.suspensions).toEqual([
      { reason: 'expertReview', note: '约 10 个工作日', start: at },
    ]);
    const resumed = decide(suspended.state, commands.resume(), actors.clerk, T('2026-11-09T10:00:00'), ctx);
    expect(resumed.state.status).toBe('inReview');
    expect(resumed.entry.clocks).toEqual(['promised:resume', 'statutory:resume', 'step:resume']);
    expect(resumed.state.clocks.statutory?.suspensions[0]?.end).toBe(T('2026-11-09T10:00:00'));
  });

  it('refuses a special procedure the centre does not accept', () => {
    const command = { ...commands.suspend(), reason: 'lunch' } as unknown as CaseCommand;
    const error = refusal(() => decide(reach('inReview'), command, actors.clerk, at, ctx));
    expect(error).toMatchObject({ code: 'clock-refused', clockCode: 'suspension-reason' });
  });
});

describe('extension (延期)', () => {
  it('is approved by the chief, extends both limits once, and refuses a second', () => {
    const { state, entry } = decide(reach('inReview'), commands.extend(10), actors.chief, at, ctx);
    expect(state.status).toBe('inReview');
    expect(state.clocks.statutory?.extension).toMatchObject({
      days: 10,
      approver: 'chief',
      reason: '情况复杂',
    });
    expect(state.clocks.promised?.extension?.days).toBe(10);
    expect(entry).toMatchObject({
      approver: 'chief',
      told: '已当面告知并出具书面凭证',
      clocks: ['statutory:extend', 'promised:extend'],
    });
    const error = refusal(() =>
      decide(state, commands.extend(5), actors.chief, T('2026-11-05T10:00:00'), ctx),
    );
    expect(error).toMatchObject({ code: 'clock-refused', clockCode: 'extension-exists' });
  });

  it('refuses more than the law allows and an extension after the limit ran out', () => {
    expect(
      refusal(() => decide(reach('inReview'), commands.extend(11), actors.chief, at, ctx)),
    ).toMatchObject({
      code: 'clock-refused',
      clockCode: 'extension-invalid',
    });
    expect(
      refusal(() =>
        decide(reach('inReview'), commands.extend(5), actors.chief, T('2026-12-31T10:00:00'), ctx),
      ),
    ).toMatchObject({
      code: 'clock-refused',
      clockCode: 'extension-too-late',
    });
  });

  it('keeps an overdue promised limit overdue while extending the statutory one', () => {
    // Promised 10 working days from 2026-11-02 end 2026-11-16; statutory 20 end 2026-11-30.
    const { state, entry } = decide(
      reach('inReview'),
      commands.extend(5),
      actors.chief,
      T('2026-11-20T10:00:00'),
      ctx,
    );
    expect(state.clocks.statutory?.extension?.days).toBe(5);
    expect(state.clocks.promised?.extension).toBeUndefined();
    expect(entry.clocks).toEqual(['statutory:extend']);
  });

  it('needs a named government-level approver for a joint item (45 + 15)', () => {
    const joint = reach('inReview', jointItem);
    expect(refusal(() => decide(joint, commands.extend(15), actors.chiefSj, at, ctx))).toMatchObject({
      code: 'requirement-missing',
      field: 'body.approver',
    });
    const { state } = decide(
      joint,
      { ...commands.extend(15), approver: '副市长 李某' } as CaseCommand,
      actors.chiefSj,
      at,
      ctx,
    );
    expect(state.clocks.statutory).toMatchObject({
      budget: 45,
      extension: { days: 15, approver: '副市长 李某' },
    });
  });
});

describe('decision, delivery and closing', () => {
  it('approves: stops the decision clocks and starts the delivery clock (Art. 44)', () => {
    const { state, entry } = decide(reach('inReview'), commands.approve(), actors.clerk, at, ctx);
    expect(state).toMatchObject({ status: 'decided', decision: { outcome: 'approved', at } });
    expect(state.clocks.promised?.stoppedAt).toBe(at);
    expect(state.clocks.statutory?.stoppedAt).toBe(at);
    expect(state.clocks.delivery).toMatchObject({ kind: 'delivery', budget: 10, start: at });
    expect(entry.clocks).toContain('delivery:start');
  });

  it('refuses with reasons and remedies, by the chief only, and starts no delivery clock', () => {
    expect(refusal(() => decide(reach('inReview'), commands.refuse(), actors.clerk, at, ctx)).code).toBe(
      'not-permitted',
    );
    const { state, entry } = decide(reach('inReview'), commands.refuse(), actors.chief, at, ctx);
    expect(state.decision).toMatchObject({
      outcome: 'refused',
      reason: '不符合法定条件',
      remedies: expect.stringContaining('行政复议'),
    });
    expect(state.clocks.delivery).toBeUndefined();
    expect(entry.by).toEqual({ username: 'chief', role: 'chief' });
  });

  it('delivers (stops the delivery clock) and closes', () => {
    const delivered = decide(reach('decided'), commands.deliver(), actors.clerk, at, ctx).state;
    expect(delivered).toMatchObject({ status: 'delivered', delivery: { method: 'window', at } });
    expect(delivered.clocks.delivery?.stoppedAt).toBe(at);
    const closed = decide(delivered, commands.close(), actors.clerk, T('2026-11-05T10:00:00'), ctx).state;
    expect(closed).toMatchObject({ status: 'closed', closedAt: T('2026-11-05T10:00:00') });
  });

  it('withdraws, returns and refuses acceptance, stopping every clock', () => {
    for (const [state, command, status] of [
      [reach('suspended'), commands.withdraw(), 'withdrawn'],
      [reach('correctionRequested'), commands.return(), 'returned'],
      [reach('corrected'), commands.notAccept(), 'notAccepted'],
    ] as const) {
      const next = decide(state, command, actors.clerk, T('2026-11-06T10:00:00'), ctx).state;
      expect(next.status).toBe(status);
      for (const clock of Object.values(next.clocks)) expect(clock?.stoppedAt).toBeDefined();
    }
  });

  it('records not-accepted reasons, remedies and where to apply instead', () => {
    const { state } = decide(reach('received'), commands.notAccept(), actors.chief, at, ctx);
    expect(state.notAccepted).toEqual({
      at,
      reason: '不属于本部门职权范围',
      remedies: '可申请行政复议或提起行政诉讼',
      referTo: '区市场监管局',
    });
  });
});

describe('instant items (即办件)', () => {
  it('go from intake to decided and delivered at once', () => {
    const { state, entry } = decide(intake(instantItem), commands.settleInstantly(), actors.clerkRs, at, ctx);
    expect(state).toMatchObject({
      status: 'delivered',
      acceptedAt: at,
      decision: { outcome: 'approved', at },
      delivery: { method: 'window', at },
    });
    expect(entry.details).toEqual({ accepted: at, decided: at, delivered: at });
    expect(state.clocks.correctionNotice?.stoppedAt).toBe(at);
  });

  it('refuses on-the-spot settlement of a promised item and of incomplete materials', () => {
    expect(refusal(() => decide(intake(), commands.settleInstantly(), actors.clerk, at, ctx)).code).toBe(
      'wrong-item-class',
    );
    const incomplete = intake(instantItem, [{ id: 'm1', state: 'missing' }]);
    expect(refusal(() => decide(incomplete, commands.settleInstantly(), actors.clerkRs, at, ctx)).code).toBe(
      'materials-incomplete',
    );
  });
});

describe('joint items (联办件)', () => {
  it('notify the co-windows on acceptance and run the joint statutory limit', () => {
    const state = reach('accepted', jointItem);
    expect(state.coWindows.map((c) => [c.department, c.status])).toEqual([
      ['sw', 'notified'],
      ['rs', 'notified'],
    ]);
    expect(state.clocks.statutory).toMatchObject({ budget: 45, maxExtensionDays: 15 });
    expect(state.clocks.promised).toMatchObject({ budget: 2 });
  });

  it('cannot be decided before every co-window gave its opinion', () => {
    const state = reach('inReview', jointItem);
    expect(refusal(() => decide(state, commands.approve(), actors.clerkSj, at, ctx)).code).toBe(
      'co-opinions-pending',
    );
    const one = decide(state, commands.coOpinion(), actors.clerkSw, at, ctx).state;
    expect(one.coWindows[0]).toMatchObject({
      department: 'sw',
      status: 'done',
      opinion: '同意',
      by: 'clerk-sw',
    });
    expect(refusal(() => decide(one, commands.approve(), actors.clerkSj, at, ctx)).message).toContain('rs');
    const both = decide(one, commands.coOpinion(), actors.clerkRs, at, ctx).state;
    expect(decide(both, commands.approve(), actors.clerkSj, at, ctx).state.status).toBe('decided');
  });

  it('refuses an opinion on a non-joint item', () => {
    const state = reach('inReview');
    const withCo = { ...state, coWindows: [{ department: 'sw', status: 'notified' as const }] };
    expect(refusal(() => decide(withCo, commands.coOpinion(), actors.clerkSw, at, ctx)).code).toBe(
      'wrong-item-class',
    );
  });
});

describe('A/B posts (AB岗)', () => {
  it('lets the backup clerk act only while the handler is away, and records for whom', () => {
    const state = reach('inReview');
    expect(refusal(() => decide(state, commands.approve(), actors.clerkB, at, ctx)).code).toBe(
      'not-permitted',
    );
    const { entry, state: next } = decide(state, commands.approve(), actors.clerkB, at, {
      ...ctx,
      handlerAway: true,
    });
    expect(entry.by).toEqual({ username: 'clerk-b', role: 'clerk', actingFor: 'clerk' });
    expect(next.handler).toBe('clerk');
  });

  it('never lets a clerk of another window act for an away handler', () => {
    const state = reach('inReview');
    expect(
      refusal(() =>
        decide(state, commands.approve(), actors.clerkOtherWindow, at, { ...ctx, handlerAway: true }),
      ).code,
    ).toBe('not-permitted');
  });
});

describe('priority lane and versions', () => {
  it('flags the priority lane without changing the status', () => {
    const { state } = decide(reach('inReview'), commands.flagPriority(), actors.chief, at, ctx);
    expect(state.status).toBe('inReview');
    expect(state.priority).toEqual({ flagged: true, reason: '重点项目', by: 'chief', at });
  });

  it('adds one version and one history entry per command, never rewriting earlier entries', () => {
    const state = reach('closed');
    expect(state.history.map((entry) => entry.version)).toEqual(state.history.map((_, index) => index + 1));
    expect(state.version).toBe(state.history.length);
    const before = structuredClone(state.history.slice(0, 3));
    expect(state.history.slice(0, 3)).toEqual(before);
  });

  it('never records an event before the previous one', () => {
    const state = reach('inReview');
    const last = state.history.at(-1)?.at as string;
    const { entry } = decide(state, commands.flagPriority(), actors.chief, T('2026-11-01T00:00:00'), ctx);
    expect(entry.at).toBe(last);
  });
});
