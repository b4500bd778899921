import { describe, expect, it } from 'vitest';
import {
  barredUntil,
  CaseError,
  type CaseState,
  caseWarningLevel,
  decide,
  parseAcceptancePathSettings,
  publicProgress,
} from '../../../functions/domain/cases/index.ts';
import { evaluate } from '../../../functions/domain/clocks/evaluate.ts';
import { caseSubject } from '../../../functions/domain/supervision/index.ts';
import {
  actors,
  clocks,
  commands,
  ctx,
  intake,
  intakeOnPaths,
  pathsItem,
  promisedItem,
  run,
  suspendingPathsItem,
  T,
} from './fixtures.ts';

function refusal(fn: () => unknown): CaseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaseError) return error;
    throw error;
  }
  throw new Error('Expected a CaseError, but the command was accepted');
}

const clerk = actors.clerk;

/** Owed m2 accepted at 10:00 on Monday 2026-11-02. */
function acceptedOwing(item = pathsItem): CaseState {
  return run(intakeOnPaths({ owed: ['m2'], item }), [[commands.accept()]]);
}

describe('容缺受理 at intake', () => {
  it('records the signed commitment with the item’s text, the masked signer, when and who took it', () => {
    const state = intakeOnPaths({ owed: ['m2'] });
    expect(state.materials.find((m) => m.id === 'm2')).toMatchObject({ state: 'owed', mayBeOwed: true });
    expect(state.commitments?.deferredAcceptance).toEqual({
      text: pathsItem.deferredAcceptance?.commitment,
      signedBy: '张*',
      signedAt: T('2026-11-02T09:00:00'),
      recordedBy: 'clerk',
    });
    expect(state.history[0]?.details).toMatchObject({ paths: ['deferredAcceptance'] });
  });

  it('refuses owed materials without the signed commitment, naming the commitment field', () => {
    const error = refusal(() =>
      intake(pathsItem, [
        { id: 'm1', state: 'submitted' },
        { id: 'm2', state: 'owed' },
        { id: 'm3', state: 'submitted' },
      ]),
    );
    expect(error.code).toBe('path-not-allowed');
    expect(error.field).toBe('body.commitments.deferredAcceptance');
  });

  it('refuses to owe a main material, or any material of an item without the rule', () => {
    const main = refusal(() =>
      intake(pathsItem, [
        { id: 'm1', state: 'owed' },
        { id: 'm2', state: 'submitted' },
        { id: 'm3', state: 'submitted' },
      ]),
    );
    expect(main.code).toBe('path-not-allowed');
    expect(main.field).toBe('body.materials.m1');
    const plain = refusal(() =>
      intake(promisedItem, [
        { id: 'm1', state: 'submitted' },
        { id: 'm2', state: 'owed' },
        { id: 'm3', state: 'submitted' },
      ]),
    );
    expect(plain.code).toBe('path-not-allowed');
  });
});

describe('the owed-materials clock, against the calendar', () => {
  it('is due at close of business of the 5th working day after acceptance', () => {
    const state = acceptedOwing();
    expect(state.status).toBe('accepted');
    expect(state.clocks.owedMaterials).toMatchObject({ kind: 'owedMaterials', budget: 5 });
    expect(publicProgress(state, T('2026-11-03T10:00:00'), clocks, { methods: ['window'] }).owed).toEqual({
      materials: ['场所平面图'],
      dueAt: T('2026-11-09T17:30:00'),
    });
    expect(state.owed).toMatchObject({
      materials: ['m2'],
      since: T('2026-11-02T10:00:00'),
      dueAt: T('2026-11-09T17:30:00'),
      onLate: 'terminate',
      workdays: 5,
    });
  });

  it('skips the National Day holiday and counts the Saturday make-up day (2026-09-30 + 5 → 10-13)', () => {
    const state = run(
      intakeOnPaths({ owed: ['m2'] }, T('2026-09-30T09:00:00')),
      [[commands.accept()]],
      T('2026-09-30T10:00:00'),
    );
    expect(state.owed?.dueAt).toBe(T('2026-10-13T17:30:00'));
  });

  it('warns and escalates like the other clocks: the sweep sees it, red once the deadline passed', () => {
    const state = acceptedOwing();
    expect(caseSubject(state).clocks.map(([name]) => name)).toContain('owedMaterials');
    const owed = state.clocks.owedMaterials;
    if (!owed) throw new Error('no owed clock');
    expect(evaluate(owed, T('2026-11-06T09:00:00'), clocks).level).toBe('remind');
    expect(evaluate(owed, T('2026-11-09T09:00:00'), clocks).level).toBe('yellow');
    expect(evaluate(owed, T('2026-11-09T17:31:00'), clocks).level).toBe('red');
    expect(caseWarningLevel(state, T('2026-11-09T17:31:00'), clocks)).toBe('red');
  });
});

describe('review goes on, the result waits for the owed materials', () => {
  it('lets the case move through review but refuses approval and delivery, naming the materials', () => {
    const reviewed = run(acceptedOwing(), [[commands.transfer()]], T('2026-11-03T10:00:00'));
    expect(reviewed.status).toBe('inReview');
    const error = refusal(() => decide(reviewed, commands.approve(), clerk, T('2026-11-03T11:00:00'), ctx));
    expect(error.code).toBe('materials-owed');
    expect(error.message).toContain('m2 场所平面图');
  });

  it('supplying them stops the clock; then approval goes through', () => {
    const supplied = run(acceptedOwing(), [[commands.supplyOwed(['m2'])]], T('2026-11-04T10:00:00'));
    expect(supplied.status).toBe('accepted');
    expect(supplied.materials.find((m) => m.id === 'm2')?.state).toBe('submitted');
    expect(supplied.clocks.owedMaterials?.stoppedAt).toBe(T('2026-11-04T10:00:00'));
    expect(supplied.owed).toMatchObject({ materials: [], suppliedAt: T('2026-11-04T10:00:00') });
    const approved = run(supplied, [[commands.approve()]], T('2026-11-04T11:00:00'));
    expect(approved.status).toBe('decided');
  });

  it('hands over a refusal while materials are owed: the result waits, a 不予许可决定书 does not', () => {
    const refused = run(acceptedOwing(), [[commands.refuse(), actors.chief]], T('2026-11-03T10:00:00'));
    expect(refused.decision?.outcome).toBe('refused');
    expect(refused.clocks.owedMaterials?.stoppedAt).toBe(T('2026-11-03T10:00:00'));
    const delivered = run(refused, [[commands.deliver()], [commands.close()]], T('2026-11-03T11:00:00'));
    expect(delivered.status).toBe('closed');
  });

  it('refuses to supply a material that is not owed', () => {
    const error = refusal(() =>
      decide(acceptedOwing(), commands.supplyOwed(['m1']), clerk, T('2026-11-04T10:00:00'), ctx),
    );
    expect(error.code).toBe('unknown-material');
    expect(error.field).toBe('body.materials.0.id');
  });
});

describe('owed materials late: the item’s rule', () => {
  it('is refused before the deadline has passed', () => {
    const error = refusal(() =>
      decide(acceptedOwing(), commands.applyOwedLateness(), clerk, T('2026-11-09T17:00:00'), ctx),
    );
    expect(error.code).toBe('owed-not-late');
  });

  it('terminate: the case ends (终止办理), every clock stops', () => {
    const ended = run(acceptedOwing(), [[commands.applyOwedLateness()]], T('2026-11-10T10:00:00'));
    expect(ended.status).toBe('terminated');
    expect(ended.terminated?.reason).toContain('m2 场所平面图');
    for (const clock of Object.values(ended.clocks)) expect(clock.stoppedAt).toBeDefined();
  });

  it('suspend: the decision clocks stop counting until supplied; a plain resume is refused', () => {
    const late = run(
      acceptedOwing(suspendingPathsItem),
      [[commands.applyOwedLateness()]],
      T('2026-11-10T10:00:00'),
    );
    expect(late.status).toBe('suspended');
    expect(late.clocks.promised?.suspensions.at(-1)).toMatchObject({ reason: 'owedMaterials' });
    expect(refusal(() => decide(late, commands.resume(), clerk, T('2026-11-11T10:00:00'), ctx)).code).toBe(
      'materials-owed',
    );
    const back = run(late, [[commands.supplyOwed(['m2'])]], T('2026-11-12T10:00:00'));
    expect(back.status).toBe('inReview');
    expect(back.clocks.promised?.suspensions.at(-1)?.end).toBe(T('2026-11-12T10:00:00'));
    expect(back.history.at(-1)?.to).toBe('inReview');
  });
});

describe('告知承诺制', () => {
  const committed = () => intakeOnPaths({ committed: ['m3'] });

  it('records the commitment instead of the proof, with the liability told', () => {
    const state = committed();
    expect(state.materials.find((m) => m.id === 'm3')?.state).toBe('committed');
    expect(state.commitments?.commitmentDecision).toMatchObject({
      text: pathsItem.commitmentDecision?.commitment,
      liability: pathsItem.commitmentDecision?.liability,
      signedBy: '张*',
    });
  });

  it('refuses a committed proof without the signed commitment, and a material that is not a listed proof', () => {
    const unsigned = refusal(() =>
      intake(pathsItem, [
        { id: 'm1', state: 'submitted' },
        { id: 'm2', state: 'submitted' },
        { id: 'm3', state: 'committed' },
      ]),
    );
    expect(unsigned.field).toBe('body.commitments.commitmentDecision');
    const notProof = refusal(() =>
      intake(pathsItem, [
        { id: 'm1', state: 'committed' },
        { id: 'm2', state: 'submitted' },
        { id: 'm3', state: 'submitted' },
      ]),
    );
    expect(notProof.field).toBe('body.materials.m1');
  });

  it('is decided as usual; the decision starts the verification clock; archiving waits for its result', () => {
    const decided = run(committed(), [[commands.accept()], [commands.approve()], [commands.deliver()]]);
    expect(decided.status).toBe('delivered');
    expect(decided.clocks.verification).toMatchObject({
      kind: 'verification',
      label: '事后核查',
      budget: 10,
      start: T('2026-11-02T11:00:00'),
    });
    expect(decided.clocks.verification?.stoppedAt).toBeUndefined();
    expect(refusal(() => decide(decided, commands.close(), clerk, T('2026-11-03T10:00:00'), ctx)).code).toBe(
      'verification-pending',
    );
    const confirmed = run(decided, [[commands.recordVerification('confirmed')], [commands.close()]]);
    expect(confirmed.status).toBe('closed');
    expect(confirmed.verification).toMatchObject({ result: 'confirmed', by: 'clerk' });
  });

  it('runs the verification clock on the calendar and the sweep warns it: 2026-09-30 + 10 → 10-20 (国庆, the Saturday make-up day)', () => {
    const decided = run(
      intakeOnPaths({ committed: ['m3'] }, T('2026-09-30T09:00:00')),
      [[commands.accept()], [commands.approve()]],
      T('2026-09-30T10:00:00'),
    );
    const verification = decided.clocks.verification;
    if (!verification) throw new Error('no verification clock');
    expect(evaluate(verification, T('2026-10-19T09:00:00'), clocks)).toMatchObject({
      dueAt: T('2026-10-20T17:30:00'),
      level: 'remind',
    });
    expect(caseSubject(decided).clocks.map(([name]) => name)).toContain('verification');
    expect(evaluate(verification, T('2026-10-20T17:31:00'), clocks).level).toBe('red');
  });

  it('a false commitment revokes the decision, stops every clock and bars the applicant for the set period', () => {
    const decided = run(committed(), [[commands.accept()], [commands.approve()]]);
    const revoked = decide(decided, commands.recordVerification('false'), clerk, T('2026-11-05T10:00:00'), {
      ...ctx,
      acceptancePaths: { barMonths: 6 },
    }).state;
    expect(revoked.status).toBe('revoked');
    expect(revoked.revocation).toMatchObject({
      at: T('2026-11-05T10:00:00'),
      barredUntil: '2027-05-04',
      remedies: '可申请行政复议或提起行政诉讼',
    });
    for (const clock of Object.values(revoked.clocks)) expect(clock.stoppedAt).toBeDefined();
    expect(revoked.history.at(-1)).toMatchObject({ transition: 'recordVerification', to: 'revoked' });
    const shown = publicProgress(revoked, T('2026-11-05T11:00:00'), clocks, { methods: ['window'] });
    expect(shown).toMatchObject({ status: 'revoked', statusLabel: '已撤销' });
    expect(shown.result).toMatchObject({ outcome: null, outcomeLabel: '准予决定已撤销' });
    expect(JSON.stringify(shown)).not.toContain('犯罪');
  });

  it('refuses a proof marked committed after intake when no commitment was signed there', () => {
    const error = refusal(() =>
      decide(
        intake(pathsItem),
        { type: 'accept', told: '受理', materials: [{ id: 'm3', state: 'committed' }] },
        clerk,
        T('2026-11-02T10:00:00'),
        ctx,
      ),
    );
    expect(error.code).toBe('path-not-allowed');
    expect(error.field).toBe('body.materials.m3');
  });

  it('an instant item settled on the spot on a commitment starts its verification at once', () => {
    const instant = {
      ...pathsItem,
      class: 'instant' as const,
      statutoryDays: undefined,
      promisedDays: undefined,
    };
    const { deferredAcceptance: _none, ...instantOnCommitment } = instant;
    const settled = run(intakeOnPaths({ committed: ['m3'], item: instantOnCommitment }), [
      [commands.settleInstantly()],
    ]);
    expect(settled.status).toBe('delivered');
    expect(settled.clocks.verification).toMatchObject({ start: T('2026-11-02T10:00:00'), budget: 10 });
    expect(settled.clocks.verification?.stoppedAt).toBeUndefined();
  });

  it('requires the revocation notice and the remedies for a false result, and refuses a case with no commitment', () => {
    const decided = run(committed(), [[commands.accept()], [commands.approve()]]);
    const bare = { type: 'recordVerification', result: 'false', evidence: '核验不一致' } as const;
    expect(refusal(() => decide(decided, bare, clerk, T('2026-11-05T10:00:00'), ctx)).field).toBe(
      'body.told',
    );
    const plain = run(intake(promisedItem), [[commands.accept()], [commands.approve()]]);
    expect(
      refusal(() => decide(plain, commands.recordVerification(), clerk, T('2026-11-05T10:00:00'), ctx)).code,
    ).toBe('nothing-to-verify');
  });
});

describe('the bar on broken commitments', () => {
  it('refuses either path until the last day, saying only why and until when', () => {
    for (const options of [{ owed: ['m2'] }, { committed: ['m3'] }]) {
      const error = refusal(() => intakeOnPaths({ ...options, barredUntil: '2026-11-02' }));
      expect(error.code).toBe('commitment-barred');
      expect(error.message).toContain('2026-11-02');
      expect(error.message).not.toMatch(/YC0001-|撤销|案/);
    }
  });

  it('leaves the plain path open, and lapses the day after', () => {
    expect(intake(pathsItem).status).toBe('received');
    expect(intakeOnPaths({ owed: ['m2'], barredUntil: '2026-11-01' }).status).toBe('received');
  });

  it('computes the last barred day in calendar months, and validates the setting', () => {
    expect(barredUntil(T('2026-11-02T10:00:00'), 12)).toBe('2027-11-01');
    expect(barredUntil(T('2026-01-31T10:00:00'), 1)).toBe('2026-02-27');
    expect(barredUntil(T('2026-12-15T10:00:00'), 1)).toBe('2027-01-14');
    expect(parseAcceptancePathSettings({})).toEqual({ barMonths: 12 });
    expect(parseAcceptancePathSettings({ acceptancePaths: { barMonths: 24 } })).toEqual({ barMonths: 24 });
    for (const barMonths of [0, 61, 1.5, '12']) {
      expect(() => parseAcceptancePathSettings({ acceptancePaths: { barMonths } })).toThrow(/barMonths/);
    }
  });
});
