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
