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
  type ComplaintState,
  complaintReceivedOn,
  decideComplaint,
  isValidComplaint,
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
import { type ComplaintSpec, complaintArbitrary, complaintHistory } from '../figures/histories.ts';

const clerk: ComplaintActor = { username: 'clerk', roles: ['clerk'], department: 'mz', window: 'mz-01' };

/** A complaint naming mz-01, received `startHours` after the histories' origin and triaged as `triage`. */
function complaint(startHours: number, triage: ComplaintSpec['triage']): ComplaintState {
  const respondent = { department: 'mz', window: 'mz-01', clerk: 'clerk' } as const;
  return complaintHistory({ startHours, respondent, triage, gapHours: 10 }).at(-1) as ComplaintState;
}

describe('a valid complaint', () => {
  it('is one triage assigned, whatever came after; not one waiting for triage or set aside', () => {
    const assigned = complaint(200, 'assign-mz-01');
    const ctx = { clocks };
    const investigated = decideComplaint(
      assigned,
      { type: 'investigate', findings: '属实。' },
      clerk,
      '2026-11-04T09:00:00+08:00',
      ctx,
    ).state;
    const answered = decideComplaint(
      investigated,
      { type: 'answer', text: '已致歉并整改。' },
      clerk,
      '2026-11-04T10:00:00+08:00',
      ctx,
    ).state;
    expect(
      [complaint(200, 'none'), complaint(200, 'invalid'), assigned, answered].map((state) => [
        state.status,
        isValidComplaint(state),
      ]),
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

  it('agree at the month’s edge: 23:30 on 30 November is November’s, 00:30 the next day December’s', () => {
    // The histories start at 08:30 on 26 October: 855 hours later is 23:30 on 30 November.
    const lastSecond = complaint(855, 'assign-mz-01');
    const midnight = complaint(856, 'assign-mz-01');
    expect([lastSecond.receivedAt, midnight.receivedAt]).toEqual([
      '2026-11-30T23:30:00+08:00',
      '2026-12-01T00:30:00+08:00',
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
