/**
 * The status of a bundle, derived from its parts: done only when every part is delivered with
 * its result; a part refused, not accepted, withdrawn or returned makes the bundle partly refused
 * — shown as such, never as done.
 */
import type { CaseStatus } from '../cases/states.ts';
import type { DecisionOutcome } from '../cases/types.ts';

export const bundleStatuses = ['inProgress', 'done', 'partlyRefused'] as const;
export type BundleStatus = (typeof bundleStatuses)[number];

export const bundleStatusLabels: Record<BundleStatus, string> = {
  inProgress: '办理中',
  done: '已全部办结',
  partlyRefused: '部分事项未办成',
};

export interface PartProgress {
  status: CaseStatus;
  outcome: DecisionOutcome | null;
  delivered: boolean;
}

const endedWithoutResult: readonly CaseStatus[] = ['notAccepted', 'withdrawn', 'returned'];

export function partFailed(part: PartProgress): boolean {
  return endedWithoutResult.includes(part.status) || part.outcome === 'refused';
}

export function partDone(part: PartProgress): boolean {
  return part.delivered && part.outcome === 'approved';
}

export function bundleStatus(parts: readonly PartProgress[]): BundleStatus {
  if (parts.some(partFailed)) return 'partlyRefused';
  if (parts.length > 0 && parts.every(partDone)) return 'done';
  return 'inProgress';
}
