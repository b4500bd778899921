/**
 * Random histories of the sources the figures count — cases, complaints, ratings, supervision
 * cards — for the property tests: each source as the list of its versions, as they would be
 * written one after another (a refused command leaves no version). Built with the domain's own
 * moves, so every version is one the system could store.
 */
import fc from 'fast-check';
import { formatInstant } from '../../../functions/domain/calendar/instant.ts';
import { type CaseCommand, CaseError, type CaseState } from '../../../functions/domain/cases/index.ts';
import { genericClock } from '../../../functions/domain/clocks/kinds.ts';
import {
  type ComplaintActor,
  type ComplaintCommand,
  ComplaintError,
  type ComplaintState,
  decideComplaint,
  registerComplaint,
} from '../../../functions/domain/complaints/index.ts';
import {
  decideStep,
  RatingError,
  type RatingState,
  type RectificationCommand,
  recordRating,
} from '../../../functions/domain/ratings/index.ts';
import type { CardRecord } from '../../../functions/domain/supervision/index.ts';
import { invitation } from '../ratings/fixtures.ts';
import {
  actors,
  clocks,
  commands,
  handled,
  instantItem,
  promisedItem,
  received,
  receivedAtGeneralWindow,
} from './fixtures.ts';

/** Histories start from here (Monday 26 October 2026, 08:30 Beijing) and run into January. */
export const origin = Date.parse('2026-10-26T08:30:00+08:00');
const hours = (h: number) => h * 3_600_000;
const at = (ms: number) => formatInstant(ms);

const caseActionKinds = [
  'requestCorrection',
  'correct',
  'accept',
  'suspend',
  'resume',
  'extend',
  'approve',
  'refuse',
  'deliver',
  'withdraw',
  'notAccept',
  'settleInstantly',
  'handOver',
] as const;

const caseCommandOf: Record<(typeof caseActionKinds)[number], () => CaseCommand> = {
  requestCorrection: () => commands.requestCorrection(),
  correct: () => commands.correct([{ id: 'm1', state: 'submitted' }]),
  accept: commands.accept,
  suspend: commands.suspend,
  resume: commands.resume,
  extend: () => commands.extend(3),
  approve: commands.approve,
  refuse: commands.refuse,
  deliver: commands.deliver,
  withdraw: commands.withdraw,
  notAccept: commands.notAccept,
  settleInstantly: commands.settleInstantly,
  // A hand-over to the other window of the department: the case's counts move with it.
  handOver: () => ({
    type: 'transfer',
    step: '审查',
    reason: '转 2 号窗口',
    to: { window: 'mz-02', handler: 'clerk-mz2' },
  }),
};

const gap = fc.oneof(fc.integer({ min: 0, max: 72 }), fc.integer({ min: 200, max: 400 }));

export const caseArbitrary = fc.record({
  startHours: fc.integer({ min: 0, max: 40 * 24 }),
  instant: fc.boolean(),
  otherWindow: fc.boolean(),
  /** Taken in at the general window zh-01: a single item, or a 一件事's part (one case in four). */
  generalWindow: fc.oneof(
    { arbitrary: fc.constant(false as const), weight: 3 },
    { arbitrary: fc.constantFrom('single' as const, 'bundle' as const), weight: 1 },
  ),
  missing: fc.boolean(),
  actions: fc.array(fc.record({ kind: fc.constantFrom(...caseActionKinds), gapHours: gap }), {
    maxLength: 8,
  }),
});

export type CaseSpec = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Every version of the case, in order (the first is the intake). */
export function caseHistory(spec: CaseSpec): CaseState[] {
  let ms = origin + hours(spec.startHours);
  const item = spec.instant ? instantItem : promisedItem;
  let state = spec.generalWindow
    ? receivedAtGeneralWindow(at(ms), {
        item,
        missing: spec.missing,
        ...(spec.generalWindow === 'bundle'
          ? { bundleNo: `YJYC0001-${at(ms).slice(0, 10).replaceAll('-', '')}-0001` }
          : {}),
      })
    : received(at(ms), {
        item,
        clerk: spec.instant ? actors.clerkRs : spec.otherWindow ? actors.clerkOtherWindow : actors.clerk,
        missing: spec.missing,
      });
  const versions = [state];
  for (const action of spec.actions) {
    ms += hours(action.gapHours) + 60_000;
    try {
      state = handled(state, [caseCommandOf[action.kind](), at(ms)]);
      versions.push(state);
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
    }
  }
  return versions;
}

const respondents = [
  { department: 'mz', window: 'mz-01', clerk: 'clerk' },
  { department: 'mz', window: 'mz-02', clerk: '二号窗口的工作人员' },
  { department: 'rs' },
  {},
] as const;

export const complaintArbitrary = fc.record({
  startHours: fc.integer({ min: 0, max: 45 * 24 }),
  respondent: fc.constantFrom(...respondents),
  triage: fc.constantFrom('none', 'assign-mz-01', 'assign-mz-02', 'assign-rs-01', 'invalid'),
  gapHours: gap,
});

export type ComplaintSpec = typeof complaintArbitrary extends fc.Arbitrary<infer T> ? T : never;

const supervisor: ComplaintActor = { username: 'supervisor', roles: ['supervisor'] };
const complaintContext = {
  clocks,
  windowsOf: (department: string) =>
    department === 'mz' ? ['mz-01', 'mz-02'] : department === 'rs' ? ['rs-01'] : undefined,
};
let complaintSerial = 0;

export function complaintHistory(spec: ComplaintSpec): ComplaintState[] {
  complaintSerial += 1;
  let ms = origin + hours(spec.startHours);
  const first = registerComplaint(
    {
      complaintNo: `TS-P-${String(complaintSerial).padStart(5, '0')}`,
      centre: 'YC0001',
      channel: 'phone',
      category: 'attitude',
      facts: '工作人员态度生硬。',
      complainant: { realName: false },
      respondent: { ...spec.respondent },
      receivedBy: { username: 'supervisor', role: 'supervisor' },
    },
    at(ms),
    complaintContext,
  );
  if (spec.triage === 'none') return [first];
  ms += hours(spec.gapHours) + 60_000;
  const [department, window] =
    spec.triage === 'assign-rs-01'
      ? ['rs', 'rs-01']
      : ['mz', spec.triage === 'assign-mz-02' ? 'mz-02' : 'mz-01'];
  const command: ComplaintCommand =
    spec.triage === 'invalid'
      ? { type: 'invalidate', reason: 'unverifiable', told: '无法核实。' }
      : { type: 'assign', department, window, complexity: 'simple', told: '已分办。' };
  try {
    return [first, decideComplaint(first, command, supervisor, at(ms), complaintContext).state];
  } catch (error) {
    if (!(error instanceof ComplaintError)) throw error;
    return [first];
  }
}

const rectificationKinds = [
  'callBack',
  'fixAtOnce',
  'rectify',
  'completeRectification',
  'explain',
  'appeal',
  'upholdAppeal',
  'rejectAppeal',
] as const;

const rectificationOf: Record<(typeof rectificationKinds)[number], RectificationCommand> = {
  callBack: { type: 'callBack', reached: true, verified: '核实属实' },
  fixAtOnce: { type: 'fixAtOnce', done: '当场整改' },
  rectify: { type: 'rectify', plan: '限期整改' },
  completeRectification: { type: 'completeRectification', done: '整改完成' },
  explain: { type: 'explain', explanation: '诉求缺乏依据' },
  appeal: { type: 'appeal', ground: 'mistaken', reasons: '误评' },
  upholdAppeal: { type: 'decideAppeal', upheld: true, reasons: '属误评' },
  rejectAppeal: { type: 'decideAppeal', upheld: false, reasons: '不属误评' },
};

export const ratingArbitrary = fc.record({
  deliveredHours: fc.integer({ min: 0, max: 45 * 24 }),
  window: fc.constantFrom('mz-01', 'mz-02'),
  overall: fc.option(fc.constantFrom(1, 2, 3, 4, 5), { nil: undefined }),
  /** Most bad ratings are called back first, in time or late; what follows is random. */
  callBack: fc.oneof({ arbitrary: gap, weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 }),
  /**
   * Random steps; and often a bad rating fixed on the spot the same day (rectified in time), which
   * random steps alone reach rarely enough that a run of the property could miss it.
   */
  steps: fc.oneof(
    {
      arbitrary: fc.array(fc.record({ kind: fc.constantFrom(...rectificationKinds), gapHours: gap }), {
        maxLength: 4,
      }),
      weight: 3,
    },
    { arbitrary: fc.constant([{ kind: 'fixAtOnce' as const, gapHours: 1 }]), weight: 1 },
  ),
});

export type RatingSpec = typeof ratingArbitrary extends fc.Arbitrary<infer T> ? T : never;
let ratingSerial = 0;

export function ratingHistory(spec: RatingSpec): RatingState[] {
  ratingSerial += 1;
  let ms = origin + hours(spec.deliveredHours);
  const handler = spec.window === 'mz-01' ? 'clerk' : 'clerk-mz2';
  const deliveredAt = at(ms);
  const first = invitation();
  let state = invitation({
    caseNo: `YC0001-R-${String(ratingSerial).padStart(5, '0')}`,
    window: spec.window,
    handler,
    deliveredAt,
    history: first.history.map((entry) => ({ ...entry, at: deliveredAt })),
  });
  const versions = [state];
  if (spec.overall === undefined) return versions;
  ms += hours(2);
  state = recordRating(state, { overall: spec.overall as 1 }, at(ms)).state;
  versions.push(state);
  const steps =
    spec.callBack === undefined
      ? spec.steps
      : [{ kind: 'callBack' as const, gapHours: spec.callBack }, ...spec.steps];
  for (const step of steps) {
    ms += hours(step.gapHours) + 60_000;
    const command = rectificationOf[step.kind];
    const actor = command.type === 'decideAppeal' ? actors.supervisor : actors.chief;
    try {
      state = decideStep(state, command, actor, at(ms), { assigneeAway: false }).state;
      versions.push(state);
    } catch (error) {
      if (!(error instanceof RatingError)) throw error;
    }
  }
  return versions;
}

export const cardArbitrary = fc.record({
  issuedHours: fc.integer({ min: 0, max: 45 * 24 }),
  level: fc.constantFrom('yellow' as const, 'red' as const),
  owner: fc.constantFrom(
    { department: 'mz', window: 'mz-01', handler: 'clerk' },
    { department: 'mz', window: 'mz-02', handler: 'clerk-mz2' },
    { department: 'mz', window: 'mz-01' },
    { department: 'supervision' },
  ),
});

export type CardSpec = typeof cardArbitrary extends fc.Arbitrary<infer T> ? T : never;
let cardSerial = 0;

export function cardOf(spec: CardSpec): CardRecord {
  cardSerial += 1;
  const issuedAt = at(origin + hours(spec.issuedHours));
  const answerClock = genericClock({ start: issuedAt, workdays: 5, label: '督办回复', suspendable: false });
  return {
    id: `case:YC0001-C-${cardSerial}:statutory:${spec.level}:${issuedAt}`,
    level: spec.level,
    subject: { kind: 'case', id: `YC0001-C-${cardSerial}`, title: '社会团体变更登记' },
    clock: 'statutory',
    ...spec.owner,
    issuedAt,
    answerClock,
    answerDueAt: null,
  };
}

/** A random mix of every kind of source, each as its history. */
export const sourcesArbitrary = fc.record({
  cases: fc.array(caseArbitrary, { maxLength: 12 }),
  complaints: fc.array(complaintArbitrary, { maxLength: 6 }),
  ratings: fc.array(ratingArbitrary, { maxLength: 6 }),
  cards: fc.array(cardArbitrary, { maxLength: 6 }),
});

export type SourcesSpec = typeof sourcesArbitrary extends fc.Arbitrary<infer T> ? T : never;

export interface Histories {
  cases: CaseState[][];
  complaints: ComplaintState[][];
  ratings: RatingState[][];
  cards: CardRecord[][];
}

export function histories(spec: SourcesSpec): Histories {
  return {
    cases: spec.cases.map(caseHistory),
    complaints: spec.complaints.map(complaintHistory),
    ratings: spec.ratings.map(ratingHistory),
    cards: spec.cards.map((card) => [cardOf(card)]),
  };
}

/** The last version of each source. */
export function finalStates(h: Histories) {
  const last = <T>(versions: T[]) => versions.at(-1) as T;
  return {
    states: h.cases.map(last),
    complaints: h.complaints.map(last),
    ratings: h.ratings.map(last),
    cards: h.cards.map(last),
  };
}
