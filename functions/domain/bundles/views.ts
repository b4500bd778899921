/**
 * What a bundle shows: to staff, the record (applicant masked) with each part's case status,
 * deadline and warning; to the public holding its number and query code, each part's item,
 * department, status and deadline — no applicant data at all, no clerk's words.
 */
import type { Instant } from '../calendar/instant.ts';
import { caseDueAt, caseWarningLevel } from '../cases/case-clocks.ts';
import { type CaseStatus, caseStatusLabels } from '../cases/states.ts';
import type { CaseState } from '../cases/types.ts';
import type { ClockContext } from '../clocks/clock.ts';
import type { WarningLevel } from '../clocks/settings.ts';
import { bundleStatus, bundleStatusLabels, type PartProgress, partDone, partFailed } from './status.ts';
import type { BundlePart, BundleRecord } from './types.ts';

/** A part whose case is not (yet) stored: a crashed intake the retry has not finished. */
const notYetStored: PartProgress = { status: 'received', outcome: null, delivered: false };

function progressOf(state: CaseState | undefined): PartProgress {
  if (!state) return notYetStored;
  return {
    status: state.status,
    outcome: state.decision?.outcome ?? null,
    delivered: state.delivery !== undefined,
  };
}

function partOutcome(progress: PartProgress): 'done' | 'failed' | 'open' {
  return partDone(progress) ? 'done' : partFailed(progress) ? 'failed' : 'open';
}

/** The status of a bundle from its parts' cases (a part not stored yet is still open). */
export function bundleStatusOf(record: BundleRecord, cases: ReadonlyMap<string, CaseState>) {
  return bundleStatus(record.parts.map((part) => progressOf(cases.get(part.caseNo))));
}

export interface BundlePartView extends BundlePart {
  status: CaseStatus;
  statusLabel: string;
  outcome: 'done' | 'failed' | 'open';
  dueAt: Instant | null;
  warningLevel: WarningLevel;
  handler: string | null;
}

export function bundleStaffView(
  record: BundleRecord,
  cases: ReadonlyMap<string, CaseState>,
  now: Instant | Date,
  ctx: ClockContext,
) {
  const parts: BundlePartView[] = record.parts.map((part) => {
    const state = cases.get(part.caseNo);
    const progress = progressOf(state);
    return {
      ...part,
      status: progress.status,
      statusLabel: caseStatusLabels[progress.status],
      outcome: partOutcome(progress),
      dueAt: state ? caseDueAt(state, ctx) : null,
      warningLevel: state ? caseWarningLevel(state, now, ctx) : 'normal',
      handler: state?.handler ?? null,
    };
  });
  const status = bundleStatusOf(record, cases);
  return { ...record, status, statusLabel: bundleStatusLabels[status], parts };
}

export type BundleStaffView = ReturnType<typeof bundleStaffView>;

/** The public progress of a bundle (一件事办理进度), for the applicant holding number and code. */
export function bundlePublicProgress(
  record: BundleRecord,
  cases: ReadonlyMap<string, CaseState>,
  departmentName: (id: string) => string,
  ctx: ClockContext,
) {
  const progress = record.parts.map((part) => progressOf(cases.get(part.caseNo)));
  const status = bundleStatus(progress);
  return {
    kind: 'bundle' as const,
    bundleNo: record.bundleNo,
    bundle: { code: record.bundle.code, name: record.bundle.name },
    status,
    statusLabel: bundleStatusLabels[status],
    receivedAt: record.receivedAt,
    parts: record.parts.map((part, index) => {
      const state = cases.get(part.caseNo);
      const partProgress = progress[index] as PartProgress;
      return {
        caseNo: part.caseNo,
        item: { code: part.itemCode, name: part.itemName },
        department: departmentName(part.department),
        step: part.step,
        stepName: part.stepName,
        status: partProgress.status,
        statusLabel: caseStatusLabels[partProgress.status],
        outcome: partOutcome(partProgress),
        dueAt: state ? caseDueAt(state, ctx) : null,
      };
    }),
  };
}

export type BundlePublicProgress = ReturnType<typeof bundlePublicProgress>;
