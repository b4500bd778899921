/**
 * What makes a complaint valid (有效投诉), stated once for the figures, the appraisal and the
 * monthly report (the words are the figures' definition of `complaintsValid`,
 * figures/definitions.ts): the supervision office found it valid at triage — assigned it to a
 * department and window to answer — and did not set it aside (不予受理). One still waiting for
 * triage is not valid yet. Like every complaint count, it counts in the month it was received, on
 * its Beijing-time day of receipt.
 */
import type { CivilDate } from '../calendar/civil.ts';
import { civilDateAt } from '../calendar/instant.ts';
import type { ComplaintState } from './types.ts';

type Assigned<T extends Pick<ComplaintState, 'assignment'>> = T & {
  assignment: NonNullable<ComplaintState['assignment']>;
};

export function isValidComplaint<T extends Pick<ComplaintState, 'assignment' | 'status'>>(
  state: T,
): state is Assigned<T> {
  return state.assignment !== undefined && state.status !== 'invalid';
}

/** The day a complaint counts on (received, and valid): its receipt, in Beijing time. */
export function complaintReceivedOn(state: Pick<ComplaintState, 'receivedAt'>): CivilDate {
  return civilDateAt(state.receivedAt);
}
