/**
 * A complaint as a supervision subject (电子监察): its running clock — the acknowledgement before
 * triage, the answer clock after — and whom an escalation goes to. Before triage the complaint is
 * the supervision office's own work: department `supervision`, nobody handling it, so a red level
 * reaches the supervisor inbox (escalationRecipients sends red to the office). After triage it is
 * the assigned department's and window's, or the named reply handler's.
 */

import type { Clock } from '../clocks/clock.ts';
import type { Subject } from '../supervision/index.ts';
import { supervisionOffice } from '../supervision/index.ts';
import { type ComplaintClockName, type ComplaintState, complaintCategoryLabels } from './types.ts';

/** The department a complaint is filed under until the supervision office has triaged it. */
export const supervisionDepartment = supervisionOffice;

export function runningComplaintClocks(state: Pick<ComplaintState, 'clocks'>): [ComplaintClockName, Clock][] {
  return (Object.entries(state.clocks) as [ComplaintClockName, Clock | undefined][]).filter(
    (entry): entry is [ComplaintClockName, Clock] =>
      entry[1] !== undefined && entry[1].stoppedAt === undefined,
  );
}

export function complaintSubject(state: ComplaintState): Subject {
  const assignment = state.assignment;
  return {
    kind: 'complaint',
    id: state.complaintNo,
    title: `投诉 ${state.complaintNo}：${complaintCategoryLabels[state.category]}`,
    department: assignment?.department ?? supervisionDepartment,
    ...(assignment ? { window: assignment.window } : {}),
    handler: assignment?.replyHandler ?? null,
    ...(state.respondent.caseNo ? { caseNo: state.respondent.caseNo } : {}),
    clocks: runningComplaintClocks(state),
  };
}
