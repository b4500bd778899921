/**
 * The statuses of a case (domain.md §5) and their Chinese labels. The transitions between them are
 * data in transitions.ts.
 */

export const caseStatuses = [
  'received',
  'correctionRequested',
  'corrected',
  'accepted',
  'notAccepted',
  'inReview',
  'suspended',
  'decided',
  'delivered',
  'closed',
  'withdrawn',
  'returned',
  'terminated',
  'revoked',
] as const;

export type CaseStatus = (typeof caseStatuses)[number];

export const caseStatusLabels: Record<CaseStatus, string> = {
  received: '已收件',
  correctionRequested: '待补正',
  corrected: '已补正',
  accepted: '已受理',
  notAccepted: '不予受理',
  inReview: '审查中',
  suspended: '特别程序中',
  decided: '已办结',
  delivered: '已出件',
  closed: '已归档',
  withdrawn: '已撤回',
  returned: '已退件',
  terminated: '终止办理',
  revoked: '已撤销',
};

/** Statuses in which nothing more happens to the case. */
export const terminalStatuses: readonly CaseStatus[] = [
  'notAccepted',
  'closed',
  'withdrawn',
  'returned',
  'terminated',
  'revoked',
];

/** Open statuses: the case is in a window's work queue. */
export function isOpenStatus(status: CaseStatus): boolean {
  return !terminalStatuses.includes(status);
}

export function isCaseStatus(value: string): value is CaseStatus {
  return (caseStatuses as readonly string[]).includes(value);
}

/**
 * The three lists of a window: cases in progress (the work queue); delivered cases awaiting
 * closure (待归档) — the result is handed over, the handling clerk or the chief still archives the
 * case (`close`; nothing closes a case by itself); and finished cases.
 */
export type QueuePhase = 'inProgress' | 'awaitingClosure' | 'finished';

export const queuePhaseLabels: Record<QueuePhase, string> = {
  inProgress: '在办',
  awaitingClosure: '待归档',
  finished: '已结束',
};

export function queuePhaseOf(status: CaseStatus): QueuePhase {
  if (terminalStatuses.includes(status)) return 'finished';
  return status === 'delivered' ? 'awaitingClosure' : 'inProgress';
}
