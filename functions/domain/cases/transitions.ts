/**
 * The life cycle of a case (domain.md §5) as data: for every transition, the statuses it starts
 * from, where it leads, who may give it, what it requires and what it does to the clocks.
 * `decide()` (decide.ts) checks a command against its row before applying it; the route table
 * derives each route's roles from the `actors` column; the tests walk the table.
 *
 * Actors:
 * - `owner`: the clerk in charge of the case (handler). Under the A/B post rule (AB岗) another
 *   clerk of the owning window acts with full duties when the handler is marked away; while the
 *   case is unassigned, any clerk of its window may act (and becomes its handler).
 * - `chief`: the chief representative (首席代表) of the case's lead department — approves
 *   extensions and gives refusals.
 * - `coClerk`: a clerk of a co-department of a joint case (联办件).
 * Leaders and the supervision office read; they never act on a case.
 */

import type { CaseStatus } from './states.ts';
import type { CaseCommandType, ClockName } from './types.ts';

export type ActorKind = 'owner' | 'chief' | 'coClerk';

export type Requirement =
  /** Reasons, in words (`reason`). */
  | 'reason'
  /** What the applicant was told (`told`): receipt, notice or decision text. */
  | 'told'
  /** Remedies open to the applicant (复议、诉讼), for every refusal. */
  | 'remedies'
  /** The approver of an extension (the chief; for joint handling, government level by name). */
  | 'approver'
  /** Every required material submitted; every conditional one submitted or not applicable. */
  | 'materialsComplete'
  /** At least one material missing or defective: the notice lists all of them. */
  | 'somethingToCorrect'
  /** No correction notice yet for the current submission. */
  | 'noNoticeForSubmission'
  /** At least one material newly submitted. */
  | 'newMaterial'
  /** Not an instant item (instant items are settled on the spot). */
  | 'notInstant'
  /** Instant items only. */
  | 'instantOnly'
  /** Joint items only. */
  | 'jointOnly'
  /** Every co-window of a joint item gave its opinion. */
  | 'coOpinionsComplete'
  /** A special procedure the centre accepts (Art. 45), with the expected duration told. */
  | 'suspensionReason'
  /** The internal step (and, for a hand-over, the department, window or clerk). */
  | 'target'
  /** Working days of the extension, within the limit. */
  | 'days'
  /** How the result was handed over. */
  | 'method'
  /** The co-window's opinion. */
  | 'opinion'
  /** 容缺受理: no material still owed (approval, delivery, settlement wait for them). */
  | 'nothingOwed'
  /** Materials still owed, each named. */
  | 'owedMaterials'
  /** The owed materials' deadline has passed. */
  | 'owedLate'
  /** A decision in favour on a commitment, its verification result not yet recorded. */
  | 'verificationPending'
  /** No verification clock still running. */
  | 'verificationDone'
  /** The check's evidence, in words. */
  | 'evidence';

export type ClockEffect =
  | { clock: ClockName; effect: 'start' | 'stop' | 'suspend' | 'resume' | 'extend' }
  /** Stops every clock still running. */
  | { clock: 'all'; effect: 'stop' };

export interface TransitionRule {
  type: CaseCommandType;
  /** Chinese name, for history and the UI. */
  label: string;
  from: readonly CaseStatus[];
  /** `same`: the status does not change (an extension, an opinion, a priority flag). */
  to: CaseStatus | 'same';
  /** Where a `same` transition may lead instead, as its outcome decides (listed for the tests and the docs). */
  outcomes?: readonly CaseStatus[];
  actors: readonly ActorKind[];
  requires: readonly Requirement[];
  clocks: readonly ClockEffect[];
}

const beforeAcceptance: readonly CaseStatus[] = ['received', 'correctionRequested', 'corrected'];
const underReview: readonly CaseStatus[] = ['accepted', 'inReview'];
const undecided: readonly CaseStatus[] = [
  'received',
  'correctionRequested',
  'corrected',
  'accepted',
  'inReview',
  'suspended',
];

export const transitions: readonly TransitionRule[] = [
  {
    type: 'requestCorrection',
    label: '一次性告知补正',
    from: ['received', 'corrected'],
    to: 'correctionRequested',
    actors: ['owner'],
    requires: ['told', 'somethingToCorrect', 'noNoticeForSubmission'],
    clocks: [{ clock: 'correctionNotice', effect: 'stop' }],
  },
  {
    type: 'correct',
    label: '补正材料',
    from: ['correctionRequested'],
    to: 'corrected',
    actors: ['owner'],
    requires: ['newMaterial'],
    clocks: [{ clock: 'correctionNotice', effect: 'start' }],
  },
  {
    type: 'accept',
    label: '受理',
    from: ['received', 'corrected'],
    to: 'accepted',
    actors: ['owner'],
    requires: ['told', 'materialsComplete', 'notInstant'],
    clocks: [
      { clock: 'correctionNotice', effect: 'stop' },
      { clock: 'promised', effect: 'start' },
      { clock: 'statutory', effect: 'start' },
      /** 容缺受理: when materials are owed. */
      { clock: 'owedMaterials', effect: 'start' },
    ],
  },
  {
    type: 'notAccept',
    label: '不予受理',
    from: beforeAcceptance,
    to: 'notAccepted',
    actors: ['owner', 'chief'],
    requires: ['reason', 'remedies', 'told'],
    clocks: [{ clock: 'all', effect: 'stop' }],
  },
  {
    type: 'settleInstantly',
    label: '当场办结',
    from: ['received', 'corrected'],
    to: 'delivered',
    actors: ['owner'],
    requires: ['told', 'materialsComplete', 'instantOnly', 'nothingOwed'],
    clocks: [
      { clock: 'correctionNotice', effect: 'stop' },
      { clock: 'verification', effect: 'start' },
    ],
  },
  {
    type: 'transfer',
    label: '内部流转',
    from: underReview,
    to: 'inReview',
    actors: ['owner', 'chief'],
    requires: ['reason', 'target'],
    clocks: [
      { clock: 'step', effect: 'stop' },
      { clock: 'step', effect: 'start' },
    ],
  },
  {
    type: 'suspend',
    label: '进入特别程序',
    from: underReview,
    to: 'suspended',
    actors: ['owner', 'chief'],
    requires: ['suspensionReason', 'told'],
    clocks: [
      { clock: 'promised', effect: 'suspend' },
      { clock: 'statutory', effect: 'suspend' },
      { clock: 'step', effect: 'suspend' },
    ],
  },
  {
    type: 'resume',
    label: '特别程序结束',
    from: ['suspended'],
    to: 'inReview',
    actors: ['owner', 'chief'],
    requires: [],
    clocks: [
      { clock: 'promised', effect: 'resume' },
      { clock: 'statutory', effect: 'resume' },
      { clock: 'step', effect: 'resume' },
    ],
  },
  {
    type: 'extend',
    label: '延期',
    from: underReview,
    to: 'same',
    actors: ['chief'],
    requires: ['days', 'reason', 'told', 'approver'],
    clocks: [
      { clock: 'promised', effect: 'extend' },
      { clock: 'statutory', effect: 'extend' },
    ],
  },
  {
    type: 'coOpinion',
    label: '联办意见',
    from: ['accepted', 'inReview', 'suspended'],
    to: 'same',
    actors: ['coClerk'],
    requires: ['jointOnly', 'opinion'],
    clocks: [],
  },
  {
    type: 'approve',
    label: '准予许可',
    from: underReview,
    to: 'decided',
    actors: ['owner', 'chief'],
    requires: ['told', 'coOpinionsComplete', 'nothingOwed'],
    clocks: [
      { clock: 'promised', effect: 'stop' },
      { clock: 'statutory', effect: 'stop' },
      { clock: 'step', effect: 'stop' },
      { clock: 'delivery', effect: 'start' },
      /** 告知承诺制: when decided on a commitment. */
      { clock: 'verification', effect: 'start' },
    ],
  },
  {
    type: 'refuse',
    label: '不予许可',
    from: underReview,
    to: 'decided',
    actors: ['chief'],
    requires: ['reason', 'remedies', 'told', 'coOpinionsComplete'],
    clocks: [
      { clock: 'promised', effect: 'stop' },
      { clock: 'statutory', effect: 'stop' },
      { clock: 'step', effect: 'stop' },
    ],
  },
  {
    type: 'deliver',
    label: '出件',
    from: ['decided'],
    to: 'delivered',
    actors: ['owner'],
    requires: ['method', 'nothingOwed'],
    clocks: [{ clock: 'delivery', effect: 'stop' }],
  },
  {
    type: 'close',
    label: '归档',
    from: ['delivered'],
    to: 'closed',
    actors: ['owner', 'chief'],
    // A commitment is checked (事后核查) before the case is archived.
    requires: ['verificationDone'],
    clocks: [{ clock: 'all', effect: 'stop' }],
  },
  {
    type: 'withdraw',
    label: '申请人撤回',
    from: undecided,
    to: 'withdrawn',
    actors: ['owner', 'chief'],
    requires: ['reason', 'told'],
    clocks: [{ clock: 'all', effect: 'stop' }],
  },
  {
    type: 'return',
    label: '退件',
    from: beforeAcceptance,
    to: 'returned',
    actors: ['owner'],
    requires: ['reason', 'told'],
    clocks: [{ clock: 'all', effect: 'stop' }],
  },
  {
    type: 'flagPriority',
    label: '绿色通道',
    from: undecided,
    to: 'same',
    actors: ['owner', 'chief'],
    requires: ['reason'],
    clocks: [],
  },
  {
    type: 'supplyOwed',
    label: '补齐容缺材料',
    from: ['accepted', 'inReview', 'suspended'],
    to: 'same',
    // All owed materials in after the item's rule suspended the case: review resumes.
    outcomes: ['inReview'],
    actors: ['owner'],
    requires: ['owedMaterials'],
    clocks: [
      { clock: 'owedMaterials', effect: 'stop' },
      { clock: 'promised', effect: 'resume' },
      { clock: 'statutory', effect: 'resume' },
    ],
  },
  {
    type: 'applyOwedLateness',
    label: '容缺逾期处理',
    from: underReview,
    to: 'same',
    // The item's rule: suspend until supplied, or end the case (终止办理).
    outcomes: ['suspended', 'terminated'],
    actors: ['owner', 'chief'],
    requires: ['owedLate', 'told'],
    clocks: [
      { clock: 'owedMaterials', effect: 'stop' },
      { clock: 'promised', effect: 'suspend' },
      { clock: 'statutory', effect: 'suspend' },
    ],
  },
  {
    type: 'recordVerification',
    label: '登记核查结果',
    from: ['decided', 'delivered'],
    to: 'same',
    // A false commitment revokes the decision (撤销).
    outcomes: ['revoked'],
    actors: ['owner', 'chief'],
    requires: ['verificationPending', 'evidence'],
    clocks: [
      { clock: 'verification', effect: 'stop' },
      { clock: 'all', effect: 'stop' },
    ],
  },
];

export function transitionRule(type: CaseCommandType): TransitionRule {
  const rule = transitions.find((candidate) => candidate.type === type);
  if (!rule) throw new Error(`No transition ${type}`);
  return rule;
}

/** Intake is not a transition between statuses but the birth of the case; its row, for reference. */
export const intakeRule = {
  type: 'intake',
  label: '收件',
  to: 'received' as CaseStatus,
  actors: ['clerk of the item’s lead department'],
  requires: ['applicant', 'itemCode', 'materialStates', 'commitmentsForOwedOrCommitted', 'notBarred'],
  clocks: [{ clock: 'correctionNotice', effect: 'start' }] as const,
} as const;
