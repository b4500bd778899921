/**
 * The rectification of a bad rating (差评整改, domain.md §8) as data: for every step, the statuses
 * it starts from, where it leads, who may take it, the text it requires and what it does to the
 * clocks. `decideStep()` (decide.ts) checks a command against its row; the route table builds one
 * route per row; the tests walk the table.
 *
 *   open ─callBack→ calledBack ─fixAtOnce→ fixedAtOnce ─┐
 *                       │  ├─rectify→ rectifying ─completeRectification→ rectified ─┤
 *                       │  ├─explain→ explained ──────────────────────────────────┤
 *                       │  └─appeal→ appealed ─decideAppeal(upheld)→ appealUpheld ─┤
 *                       └──────────── decideAppeal(rejected) ←─┘                  │
 *                                                  raterTold ←─tellRater──────────┘
 *                                                      └─close→ closed
 *
 * Actors:
 * - `assignee`: whoever handled the case; under the A/B post rule another clerk of the same window
 *   acts while the assignee is marked away.
 * - `chief`: the chief representative of the case's department.
 * - `supervisor`: the supervision office — decides appeals, and only that.
 */
import type { RectificationClockName, RectificationStatus } from './types.ts';

export type StepActor = 'assignee' | 'chief' | 'supervisor';

export type RectificationStepType =
  | 'callBack'
  | 'fixAtOnce'
  | 'rectify'
  | 'completeRectification'
  | 'explain'
  | 'appeal'
  | 'decideAppeal'
  | 'tellRater'
  | 'close';

export interface StepRule {
  type: RectificationStepType;
  /** Chinese name, for history and the UI. */
  label: string;
  /** Route slug: `POST /api/ratings/{caseNo}/rectification/<slug>`. */
  slug: string;
  from: readonly RectificationStatus[];
  /** `decided`: depends on the command (an appeal upheld or rejected). */
  to: RectificationStatus | 'decided';
  actors: readonly StepActor[];
  /** Text fields that must not be blank, with their Chinese names. */
  requires: readonly (readonly [field: string, name: string])[];
  clocks: readonly { clock: RectificationClockName; effect: 'start' | 'stop' }[];
}

const handlers: readonly StepActor[] = ['assignee', 'chief'];
const outcomes: readonly RectificationStatus[] = ['fixedAtOnce', 'rectified', 'explained', 'appealUpheld'];

export const rectificationSteps: readonly StepRule[] = [
  {
    type: 'callBack',
    label: '回访核实',
    slug: 'call-back',
    from: ['open'],
    to: 'calledBack',
    actors: handlers,
    requires: [['verified', '核实情况']],
    clocks: [{ clock: 'callback', effect: 'stop' }],
  },
  {
    type: 'fixAtOnce',
    label: '立即整改',
    slug: 'fix-at-once',
    from: ['calledBack'],
    to: 'fixedAtOnce',
    actors: handlers,
    requires: [['done', '整改措施']],
    clocks: [],
  },
  {
    type: 'rectify',
    label: '限期整改',
    slug: 'rectify',
    from: ['calledBack'],
    to: 'rectifying',
    actors: handlers,
    requires: [['plan', '整改计划']],
    clocks: [{ clock: 'rectify', effect: 'start' }],
  },
  {
    type: 'completeRectification',
    label: '整改完成',
    slug: 'complete',
    from: ['rectifying'],
    to: 'rectified',
    actors: handlers,
    requires: [['done', '整改措施']],
    clocks: [{ clock: 'rectify', effect: 'stop' }],
  },
  {
    type: 'explain',
    label: '解释说明',
    slug: 'explain',
    from: ['calledBack'],
    to: 'explained',
    actors: handlers,
    requires: [['explanation', '解释说明（诉求缺乏依据的理由）']],
    clocks: [],
  },
  {
    type: 'appeal',
    label: '申诉',
    slug: 'appeal',
    from: ['calledBack'],
    to: 'appealed',
    actors: handlers,
    requires: [['reasons', '申诉理由']],
    clocks: [],
  },
  {
    type: 'decideAppeal',
    label: '申诉审核',
    slug: 'appeal-decision',
    from: ['appealed'],
    to: 'decided',
    actors: ['supervisor'],
    requires: [['reasons', '审核意见']],
    clocks: [],
  },
  {
    type: 'tellRater',
    label: '告知评价人',
    slug: 'tell-rater',
    from: outcomes,
    to: 'raterTold',
    actors: handlers,
    requires: [
      ['how', '告知方式'],
      ['what', '告知内容'],
    ],
    clocks: [],
  },
  {
    type: 'close',
    label: '办结',
    slug: 'close',
    from: ['raterTold'],
    to: 'closed',
    actors: handlers,
    requires: [],
    clocks: [],
  },
];

export function stepRule(type: RectificationStepType): StepRule {
  const rule = rectificationSteps.find((candidate) => candidate.type === type);
  if (!rule) throw new Error(`No rectification step ${type}`);
  return rule;
}

/** The steps the status allows, for the UI. */
export function availableSteps(status: RectificationStatus): RectificationStepType[] {
  return rectificationSteps.filter((rule) => rule.from.includes(status)).map((rule) => rule.type);
}
