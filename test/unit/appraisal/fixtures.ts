/** Hand-built months for the appraisal tests: a small rule, and events as the stores' records give them. */
import type { AppraisalEvent, CaseWork } from '../../../functions/domain/appraisal/events.ts';
import type { AppraisalRule, EventKind } from '../../../functions/domain/appraisal/rule.ts';
import type { StaffMember } from '../../../functions/domain/appraisal/score.ts';

/** Round numbers, so each expectation can be checked by hand. */
export const rule: AppraisalRule = {
  base: 100,
  deductions: {
    overdue: { points: 5, cap: 10 },
    validComplaint: { points: 4, cap: null },
    badRating: { points: 2, cap: 6 },
    badRatingLate: { points: 3, cap: 6 },
    yellowCard: { points: 1, cap: 3 },
    redCard: { points: 3, cap: 9 },
  },
  credits: {
    early: { points: 0.5, cap: 2 },
    commendation: { points: 1, cap: 3 },
  },
  caps: { deductions: 30, credits: 4 },
  serviceStars: {
    minimumDecided: 1,
    excludedBy: ['validComplaint', 'redCard'],
    groups: [
      { code: 'tax', name: '税务', quota: 2, windows: ['sw-01', 'sw-02'] },
      { code: 'approval', name: '审批', quota: 1, windows: ['mz-01', 'mz-02', 'sj-01'] },
    ],
  },
  redFlag: { minimumDecided: 1, excludedBy: ['validComplaint', 'redCard', 'overdue'], count: 1 },
};

export const windows = [
  { code: 'mz-01', department: 'mz' },
  { code: 'mz-02', department: 'mz' },
  { code: 'sw-01', department: 'sw' },
  { code: 'sw-02', department: 'sw' },
  { code: 'sj-01', department: 'sj' },
];

const departmentOf = (window: string) => window.replace(/-\d+$/, '');

let serial = 0;

/** One event of `kind` against `window` and `clerk`, on a day of November 2026. */
export function event(
  kind: EventKind,
  window: string | null,
  clerk: string | null,
  day = 10,
  ref?: AppraisalEvent['ref'],
): AppraisalEvent {
  serial += 1;
  const id = `YC0001-202611${String(day).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
  return {
    kind,
    ref: ref ?? { kind: 'case', id },
    at: `2026-11-${String(day).padStart(2, '0')}T10:00:00+08:00`,
    department: departmentOf(window ?? clerk ?? 'x-01'),
    window,
    clerk,
    text: `${kind} ${id}`,
  };
}

/** `count` cases decided in November at `window` by `clerk`. */
export function decisions(window: string, clerk: string | null, count: number): CaseWork[] {
  return Array.from({ length: count }, () => {
    serial += 1;
    return {
      caseNo: `YC0001-20261102-${String(serial).padStart(4, '0')}`,
      department: departmentOf(window),
      window,
      clerk,
    };
  });
}

export function clerk(username: string, window: string, name: string): StaffMember {
  return { username, name, department: departmentOf(window), window, roles: ['clerk'] };
}
