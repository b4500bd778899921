/**
 * One definition of a valid complaint (有效投诉, domain/complaints/validity.ts) for the figures, the
 * appraisal and the monthly report: assigned at triage and not set aside; counted in the month of
 * its Beijing-time receipt. The three count the same complaints in the same month, for random
 * complaint histories and at a month's edges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complaintEvents } from '../../../functions/domain/appraisal/events.ts';
import {
  type ComplaintActor,
  type ComplaintCommand,
  type ComplaintState,
  complaintReceivedOn,
  decideComplaint,
  isValidComplaint,
  registerComplaint,
} from '../../../functions/domain/complaints/index.ts';
import {
  caseFigures,
  complaintContributions,
  defaultFigureSettings,
  inPeriod,
  type Period,
  parsePeriod,
  parseScope,
  type ReadableScope,
  readableScope,
  reportComplaints,
} from '../../../functions/domain/figures/index.ts';
import { actors, clocks } from '../figures/fixtures.ts';
import { complaintArbitrary, complaintHistory } from '../figures/histories.ts';

const ctx = {
  clocks,
  windowsOf: (department: string) => (department === 'mz' ? ['mz-01', 'mz-02'] : undefined),
};
const supervisor: ComplaintActor = { username: 'supervisor', roles: ['supervisor'] };
const clerk: ComplaintActor = { username: 'clerk', roles: ['clerk'], department: 'mz', window: 'mz-01' };
let serial = 0;

function registered(at: string): ComplaintState {
  serial += 1;
  return registerComplaint(
    {
      complaintNo: `TS-V-${String(serial).padStart(4, '0')}`,
      centre: 'YC0001',
      channel: 'phone',
      category: 'delay',
      facts: '办件超期未办结。',
      complainant: { realName: false },
      respondent: { department: 'mz', window: 'mz-01' },
      receivedBy: { username: 'supervisor', role: 'supervisor' },
    },
    at,
    ctx,
  );
}

const assign: ComplaintCommand = {
  type: 'assign',
  department: 'mz',
  window: 'mz-01',
  complexity: 'simple',
  told: '已分办。',
};

function decided(state: ComplaintState, ...steps: [ComplaintCommand, ComplaintActor, string][]) {
  return steps.reduce(
    (current, [command, actor, at]) => decideComplaint(current, command, actor, at, ctx).state,
    state,
  );
}

describe('a valid complaint', () => {
  it('is one triage assigned, whatever came after; not one waiting for triage or set aside', () => {
    const at = '2026-11-02T10:00:00+08:00';
    const waiting = registered(at);
    const invalid = decided(registered(at), [
      { type: 'invalidate', reason: 'unverifiable', told: '无法核实。' },
      supervisor,
      '2026-11-02T11:00:00+08:00',
    ]);
    const assigned = decided(registered(at), [assign, supervisor, '2026-11-02T11:00:00+08:00']);
    const answered = decided(
      assigned,
      [{ type: 'investigate', findings: '属实。' }, clerk, '2026-11-02T14:00:00+08:00'],
      [{ type: 'answer', text: '已致歉并整改。' }, clerk, '2026-11-02T15:00:00+08:00'],
    );
    expect(
      [waiting, invalid, assigned, answered].map((state) => [state.status, isValidComplaint(state)]),
    ).toEqual([
      ['registered', false],
      ['invalid', false],
      ['assigned', true],
      ['answered', true],
    ]);
  });

  it('counts on the Beijing day it was received, whatever the offset it came with', () => {
    expect(complaintReceivedOn({ receivedAt: '2026-11-30T23:59:59+08:00' })).toBe('2026-11-30');
    expect(complaintReceivedOn({ receivedAt: '2026-11-30T16:30:00Z' })).toBe('2026-12-01');
  });
});

const months = ['2026-10', '2026-11', '2026-12'].map((key) => parsePeriod(key) as Period);
const scope = (text: string) => readableScope(actors.supervisor, parseScope(text) as never) as ReadableScope;

/** Valid and received, as the figures (brute force and kept), the appraisal and the report count them. */
function countedBy(states: readonly ComplaintState[], month: Period, department?: string) {
  const readable = scope(department ? `department:${department}` : 'centre');
  const figures = caseFigures({
    states: [],
    complaints: states,
    scope: readable,
    period: month,
    now: new Date('2027-01-15T12:00:00+08:00'),
    clocks,
    settings: defaultFigureSettings,
  }).complaints;
  const kept = { received: 0, valid: 0 };
  for (const contribution of states.flatMap(complaintContributions)) {
    if (!inPeriod(month, contribution.day)) continue;
    if (department && contribution.owner.department !== department) continue;
    kept.received += contribution.counts.complaintsReceived ?? 0;
    kept.valid += contribution.counts.complaintsValid ?? 0;
  }
  const appraisal = complaintEvents(states, month, new Map()).filter(
    (event) => !department || event.department === department,
  ).length;
  const report = reportComplaints(states, department, month);
  return {
    figures,
    kept,
    appraisal: { valid: appraisal },
    report: { received: report.received, valid: report.valid.length },
  };
}

describe('the figures, the appraisal and the report', () => {
  it('count the same valid complaints in the same month, for the centre and a department', () => {
    let valid = 0;
    fc.assert(
      fc.property(
        fc.array(complaintArbitrary, { maxLength: 8 }),
        fc.constantFrom(...months),
        (specs, month) => {
          const states = specs.map((spec) => complaintHistory(spec).at(-1) as ComplaintState);
          for (const department of [undefined, 'mz', 'rs']) {
            const counted = countedBy(states, month, department);
            expect(counted.kept, department).toEqual(counted.figures);
            expect(counted.report, department).toEqual(counted.figures);
            expect(counted.appraisal.valid, department).toBe(counted.figures.valid);
            if (department === undefined) valid += counted.figures.valid;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(valid).toBeGreaterThan(0);
  });

  it('agree at the month’s edge: the last second of November is November’s, midnight December’s', () => {
    const lastSecond = decided(registered('2026-11-30T23:59:59+08:00'), [
      assign,
      supervisor,
      '2026-12-01T09:00:00+08:00',
    ]);
    const midnight = decided(registered('2026-11-30T16:00:00Z'), [
      assign,
      supervisor,
      '2026-12-01T09:00:00+08:00',
    ]);
    for (const [key, expected] of [
      ['2026-11', [lastSecond.complaintNo]],
      ['2026-12', [midnight.complaintNo]],
    ] as const) {
      const month = parsePeriod(key) as Period;
      const counted = countedBy([lastSecond, midnight], month, 'mz');
      expect(counted.figures, key).toEqual({ received: 1, valid: 1 });
      expect(counted.kept, key).toEqual(counted.figures);
      expect(counted.report, key).toEqual(counted.figures);
      expect(counted.appraisal.valid, key).toBe(1);
      expect(
        reportComplaints([lastSecond, midnight], 'mz', month).valid.map((entry) => entry.complaintNo),
      ).toEqual(expected);
    }
  });
});
