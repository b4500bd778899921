/**
 * The life cycle of a complaint (domain.md §7) as data: for every command, the statuses it starts
 * from, where it leads, who may give it, what it requires and what it does to the clocks. A command
 * may have several rows when who may give it depends on the status (an answer is the window's job,
 * a re-check's answer the chief's or the supervision office's). `decide()` checks a command against
 * its row; the route table derives each route's roles from the `actors` column.
 *
 * Actors:
 * - `supervisor`: the supervision office (电子监察) — triage, re-check, follow-up, close;
 * - `windowClerk`: a clerk of the window the complaint was assigned to;
 * - `departmentChief`: the chief representative of the department it was assigned to;
 * - `replyHandler`: the staff member the supervision office named to reply by phone or letter;
 * - `complainant`: the complainant, through the public lookup with number and query code.
 */
import type { ComplaintClockName, ComplaintCommandType, ComplaintStatus } from './types.ts';

export type ComplaintActorKind =
  | 'supervisor'
  | 'windowClerk'
  | 'departmentChief'
  | 'replyHandler'
  | 'complainant';

export type ComplaintRequirement =
  /** What the complainant was told (`told`). */
  | 'told'
  /** An invalid reason; `outOfScope` also needs `referredTo` (the referral is recorded). */
  | 'invalidReason'
  /** A department and one of its windows, and a complexity. */
  | 'target'
  /** The findings of the investigation. */
  | 'findings'
  /** The reply text; when the answer clock has run out, `lateReason` too. */
  | 'reply'
  /** The current answer has no feedback yet. */
  | 'noFeedbackYet'
  /** The complainant said they are dissatisfied (feedback or follow-up). */
  | 'dissatisfied'
  /** The follow-up note. */
  | 'note';

export interface ComplaintClockEffect {
  clock: ComplaintClockName;
  effect: 'start' | 'stop';
}

export interface ComplaintTransition {
  type: ComplaintCommandType;
  /** Chinese name, for history and the UI. */
  label: string;
  from: readonly ComplaintStatus[];
  /** `same`: the status does not change (feedback). */
  to: ComplaintStatus | 'same';
  actors: readonly ComplaintActorKind[];
  requires: readonly ComplaintRequirement[];
  clocks: readonly ComplaintClockEffect[];
}

export const complaintTransitions: readonly ComplaintTransition[] = [
  {
    type: 'assign',
    label: '分办',
    from: ['registered'],
    to: 'assigned',
    actors: ['supervisor'],
    requires: ['told', 'target'],
    clocks: [
      { clock: 'acknowledge', effect: 'stop' },
      { clock: 'answer', effect: 'start' },
    ],
  },
  {
    type: 'invalidate',
    label: '不予受理',
    from: ['registered'],
    to: 'invalid',
    actors: ['supervisor'],
    requires: ['told', 'invalidReason'],
    clocks: [{ clock: 'acknowledge', effect: 'stop' }],
  },
  {
    type: 'investigate',
    label: '调查核实',
    from: ['assigned', 'investigating'],
    to: 'investigating',
    actors: ['windowClerk', 'departmentChief'],
    requires: ['findings'],
    clocks: [],
  },
  {
    type: 'answer',
    label: '答复',
    from: ['assigned', 'investigating'],
    to: 'answered',
    actors: ['windowClerk', 'departmentChief'],
    requires: ['reply'],
    clocks: [{ clock: 'answer', effect: 'stop' }],
  },
  {
    type: 'answer',
    label: '复核答复',
    from: ['rechecking'],
    to: 'answered',
    actors: ['departmentChief', 'supervisor'],
    requires: ['reply'],
    clocks: [{ clock: 'answer', effect: 'stop' }],
  },
  {
    type: 'feedback',
    label: '评价答复',
    from: ['answered'],
    to: 'same',
    actors: ['complainant', 'supervisor', 'replyHandler'],
    requires: ['noFeedbackYet'],
    clocks: [],
  },
  {
    type: 'recheck',
    label: '复核',
    from: ['answered', 'followedUp'],
    to: 'rechecking',
    actors: ['departmentChief', 'supervisor'],
    requires: ['dissatisfied', 'told'],
    clocks: [{ clock: 'answer', effect: 'start' }],
  },
  {
    type: 'followUp',
    label: '回访',
    from: ['answered'],
    to: 'followedUp',
    actors: ['supervisor'],
    requires: ['note'],
    clocks: [],
  },
  {
    type: 'close',
    label: '办结',
    from: ['followedUp'],
    to: 'closed',
    actors: ['supervisor'],
    requires: [],
    clocks: [],
  },
];

/** The rows of a command (one per group of statuses). */
export function complaintTransitionRows(type: ComplaintCommandType): ComplaintTransition[] {
  return complaintTransitions.filter((rule) => rule.type === type);
}

/** Every actor kind that may give the command in some status. */
export function complaintCommandActors(type: ComplaintCommandType): ComplaintActorKind[] {
  return [...new Set(complaintTransitionRows(type).flatMap((rule) => rule.actors))];
}

/** Commands whose from-statuses include `status` (who may give them is checked on use). */
export function availableComplaintCommands(status: ComplaintStatus): ComplaintCommandType[] {
  return [
    ...new Set(complaintTransitions.filter((rule) => rule.from.includes(status)).map((rule) => rule.type)),
  ];
}
