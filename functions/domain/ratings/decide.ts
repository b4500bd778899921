/**
 * The pure moves of a rating: the invitation recorded when a case is delivered, the rating itself
 * (one per visit; a bad one opens its rectification with the call-back clock), and `decideStep()`,
 * the one function that moves a rectification — it checks the command against its row of the step
 * table (actor, status, required text), applies it to the clocks and returns the new state
 * (version + 1) with the history entry it appended. Time and the A/B post status come in.
 */
import type { BundleRecord } from '../bundles/types.ts';
import { formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import type { Actor, CaseState } from '../cases/types.ts';
import { stop } from '../clocks/clock.ts';
import { genericClock } from '../clocks/kinds.ts';
import { departmentOfWindow } from '../complaints/windows.ts';
import { RatingError } from './errors.ts';
import { type RectificationStepType, type StepActor, type StepRule, stepRule } from './steps.ts';
import {
  type AppealGround,
  appealGroundLabels,
  type By,
  defaultRatingSettings,
  isBad,
  type RatingHistoryEntry,
  type RatingInput,
  type RatingLevel,
  type RatingSettings,
  type RatingState,
  type Rectification,
  ratingDimensions,
  ratingLevelLabels,
  rectificationStatusLabels,
} from './types.ts';

export type RectificationCommand =
  | { type: 'callBack'; reached: boolean; verified: string }
  | { type: 'fixAtOnce'; done: string }
  | { type: 'rectify'; plan: string }
  | { type: 'completeRectification'; done: string }
  | { type: 'explain'; explanation: string }
  | { type: 'appeal'; ground: AppealGround; reasons: string }
  | { type: 'decideAppeal'; upheld: boolean; reasons: string }
  | { type: 'tellRater'; how: string; what: string }
  | { type: 'close'; note?: string };

export interface RatingDecision {
  state: RatingState;
  entry: RatingHistoryEntry;
}

export interface StepContext {
  settings?: RatingSettings;
  /** Whether the assignee is marked away at their window (A/B post): the other post acts. */
  assigneeAway: boolean;
}

function eventInstant(state: RatingState, now: Instant | Date): Instant {
  const last = state.history.at(-1);
  const nowMs = toEpochMs(now);
  return formatInstant(last ? Math.max(nowMs, toEpochMs(last.at)) : nowMs);
}

/**
 * The invitation to rate a delivered case: who handled it (the case's handler, else the clerk who
 * delivered it, from the case history) and where. Version 1; no rating yet.
 */
export function invitationFor(caseState: CaseState, now: Instant | Date): RatingState {
  const deliveredAt = caseState.delivery?.at ?? formatInstant(toEpochMs(now));
  const delivery = caseState.history.findLast(
    (entry) => entry.transition === 'deliver' || entry.transition === 'settleInstantly',
  );
  return {
    caseNo: caseState.caseNo,
    version: 1,
    item: { code: caseState.item.code, name: caseState.item.name },
    department: caseState.department,
    window: caseState.window,
    handler: caseState.handler ?? delivery?.by.username ?? caseState.firstContact.username,
    deliveredAt,
    history: [
      {
        version: 1,
        step: 'invite',
        label: '出件，邀请评价',
        from: null,
        to: null,
        at: deliveredAt,
        by: { username: 'system', role: 'system' },
      },
    ],
  };
}

/**
 * The invitation to rate a 一件事 once every part is delivered: one visit, the bundle's, answered
 * for by the general window that took it in (its department: the window code's) and its clerk
 * (首问负责). Delivered when the last part was.
 */
export function invitationForBundle(
  record: BundleRecord,
  parts: readonly CaseState[],
  now: Instant | Date,
): RatingState {
  const deliveries = parts.flatMap((part) => (part.delivery ? [toEpochMs(part.delivery.at)] : []));
  const deliveredAt = formatInstant(deliveries.length > 0 ? Math.max(...deliveries) : toEpochMs(now));
  return {
    caseNo: record.bundleNo,
    bundle: { code: record.bundle.code, parts: record.parts.map((part) => part.caseNo) },
    version: 1,
    item: { code: record.bundle.code, name: record.bundle.name },
    department: departmentOfWindow(record.intakeWindow),
    window: record.intakeWindow,
    handler: record.takenInBy,
    deliveredAt,
    history: [
      {
        version: 1,
        step: 'invite',
        label: '一件事全部出件，邀请评价',
        from: null,
        to: null,
        at: deliveredAt,
        by: { username: 'system', role: 'system' },
      },
    ],
  };
}

function isLevel(value: unknown): value is RatingLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * Records the rating of the visit. Refused when the visit was rated already. A bad rating (1 or 2)
 * opens the rectification, assigned to whoever handled the case, with the call-back clock running.
 * `complaintNo`: the rater asked for the bad rating to be filed as a complaint too; the rating
 * carries the number (only a bad rating may).
 */
export function recordRating(
  state: RatingState,
  input: RatingInput,
  now: Instant | Date,
  settings: RatingSettings = defaultRatingSettings,
  options: { complaintNo?: string } = {},
): RatingDecision {
  if (state.rating) throw new RatingError('already-rated', '此次办事已评价。');
  if (!isLevel(input.overall)) {
    throw new RatingError('requirement-missing', '请选择总体评价（1–5）。', { field: 'body.overall' });
  }
  if (options.complaintNo !== undefined && !isBad(input.overall)) {
    throw new RatingError('requirement-missing', '只有“不满意”或“非常不满意”的评价可以同时作为投诉提交。', {
      field: 'body.asComplaint',
    });
  }
  for (const dimension of ratingDimensions) {
    const value = input[dimension];
    if (value !== undefined && !isLevel(value)) {
      throw new RatingError('requirement-missing', '评价等级为 1–5。', { field: `body.${dimension}` });
    }
  }
  const at = eventInstant(state, now);
  const comment = input.comment?.trim();
  const rating = {
    overall: input.overall,
    ...Object.fromEntries(ratingDimensions.flatMap((d) => (input[d] === undefined ? [] : [[d, input[d]]]))),
    ...(comment ? { comment } : {}),
    at,
  } as RatingState['rating'] & object;
  const bad = isBad(input.overall);
  const rectification: Rectification | undefined = bad
    ? {
        status: 'open',
        assignee: state.handler,
        openedAt: at,
        clocks: {
          callback: genericClock({
            start: at,
            workdays: settings.callbackWorkdays,
            label: '差评回访核实',
            suspendable: false,
          }),
        },
        appeals: [],
      }
    : undefined;
  const version = state.version + 1;
  const complaintNo = options.complaintNo;
  const entry: RatingHistoryEntry = {
    version,
    step: 'rate',
    label: bad
      ? `评价：${ratingLevelLabels[input.overall]}（差评，转整改${complaintNo ? `，同时转投诉 ${complaintNo}` : ''}）`
      : `评价：${ratingLevelLabels[input.overall]}`,
    from: null,
    to: bad ? 'open' : null,
    at,
    by: { username: 'rater', role: 'public' },
    details: { overall: input.overall, ...(complaintNo ? { complaintNo } : {}) },
  };
  return {
    state: {
      ...state,
      version,
      rating,
      ...(rectification ? { rectification } : {}),
      ...(complaintNo ? { complaint: { complaintNo, requestedAt: at } } : {}),
      history: [...state.history, entry],
    },
    entry,
  };
}

const actorNames: Record<StepActor, string> = {
  assignee: '承办人（或 AB 岗顶岗人员）',
  chief: '本部门首席代表',
  supervisor: '电子监察',
};

function resolveActor(rule: StepRule, state: RatingState, actor: Actor, ctx: StepContext): By | undefined {
  const assignee = state.rectification?.assignee ?? state.handler;
  for (const kind of rule.actors) {
    if (kind === 'assignee' && actor.roles.includes('clerk') && actor.department === state.department) {
      if (actor.username === assignee) return { username: actor.username, role: 'clerk' };
      if (actor.window === state.window && ctx.assigneeAway) {
        return { username: actor.username, role: 'clerk', actingFor: assignee };
      }
    }
    if (kind === 'chief' && actor.roles.includes('chief') && actor.department === state.department) {
      return { username: actor.username, role: 'chief' };
    }
    if (kind === 'supervisor' && actor.roles.includes('supervisor')) {
      return { username: actor.username, role: 'supervisor' };
    }
  }
  return undefined;
}

function required(rule: StepRule, command: RectificationCommand): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [field, name] of rule.requires) {
    const value = (command as unknown as Record<string, unknown>)[field];
    const text = typeof value === 'string' ? value.trim() : '';
    if (!text) {
      throw new RatingError('requirement-missing', `${rule.label}：${name}不能为空。`, {
        field: `body.${field}`,
      });
    }
    values[field] = text;
  }
  return values;
}

/** Moves a bad rating's rectification one step. */
export function decideStep(
  state: RatingState,
  command: RectificationCommand,
  actor: Actor,
  now: Instant | Date,
  ctx: StepContext,
): RatingDecision {
  const rule = stepRule(command.type as RectificationStepType);
  const by = resolveActor(rule, state, actor, ctx);
  if (!by) {
    throw new RatingError(
      'not-permitted',
      `“${rule.label}”只能由${rule.actors.map((kind) => actorNames[kind]).join('或')}办理。`,
    );
  }
  const current = state.rectification;
  if (!current || !rule.from.includes(current.status)) {
    throw new RatingError(
      'invalid-step',
      current
        ? `整改处于“${rectificationStatusLabels[current.status]}”状态，不能办理“${rule.label}”。`
        : '此评价不是差评，没有整改。',
    );
  }
  const text = required(rule, command);
  const settings = ctx.settings ?? defaultRatingSettings;
  const at = eventInstant(state, now);
  let next: Rectification = { ...current, clocks: { ...current.clocks } };
  let excluded = state.excluded;
  let entryText: string | undefined;
  const details: Record<string, unknown> = {};
  for (const effect of rule.clocks) {
    const clock = next.clocks[effect.clock];
    if (effect.effect === 'stop' && clock && clock.stoppedAt === undefined) {
      next.clocks[effect.clock] = stop(clock, at);
    }
  }
  switch (command.type) {
    case 'callBack':
      next = {
        ...next,
        status: 'calledBack',
        callBack: { reached: command.reached === true, verified: text.verified as string, at, by },
      };
      entryText = text.verified;
      details.reached = command.reached === true;
      break;
    case 'fixAtOnce':
    case 'completeRectification':
      next = {
        ...next,
        status: command.type === 'fixAtOnce' ? 'fixedAtOnce' : 'rectified',
        outcome: {
          kind: command.type === 'fixAtOnce' ? 'fixedAtOnce' : 'rectified',
          text: text.done as string,
          at,
          by,
        },
      };
      entryText = text.done;
      break;
    case 'rectify':
      next = {
        ...next,
        status: 'rectifying',
        plan: { what: text.plan as string, at, by },
        clocks: {
          ...next.clocks,
          rectify: genericClock({
            start: at,
            workdays: settings.rectifyWorkdays,
            label: '差评限期整改',
            suspendable: false,
          }),
        },
      };
      entryText = text.plan;
      break;
    case 'explain':
      next = {
        ...next,
        status: 'explained',
        outcome: { kind: 'explained', text: text.explanation as string, at, by },
      };
      entryText = text.explanation;
      break;
    case 'appeal': {
      if (command.ground !== 'mistaken' && command.ground !== 'malicious') {
        throw new RatingError('requirement-missing', '申诉：请选择误评或恶意差评。', {
          field: 'body.ground',
        });
      }
      next = {
        ...next,
        status: 'appealed',
        appeals: [...next.appeals, { ground: command.ground, reasons: text.reasons as string, at, by }],
      };
      entryText = `${appealGroundLabels[command.ground]}：${text.reasons}`;
      details.ground = command.ground;
      break;
    }
    case 'decideAppeal': {
      const appeal = next.appeals.at(-1);
      if (!appeal) throw new RatingError('invalid-step', '没有待审核的申诉。');
      const upheld = command.upheld === true;
      const decided = { ...appeal, decision: { upheld, reasons: text.reasons as string, at, by } };
      next = {
        ...next,
        status: upheld ? 'appealUpheld' : 'calledBack',
        appeals: [...next.appeals.slice(0, -1), decided],
        ...(upheld
          ? {
              outcome: {
                kind: 'appealUpheld' as const,
                text: `申诉成立（${appealGroundLabels[appeal.ground]}）：${text.reasons}`,
                at,
                by,
              },
            }
          : {}),
      };
      if (upheld) excluded = { reason: `${appealGroundLabels[appeal.ground]}：${text.reasons}`, at };
      entryText = `${upheld ? '申诉成立' : '申诉不成立，退回另行处理'}：${text.reasons}`;
      details.upheld = upheld;
      break;
    }
    case 'tellRater':
      next = {
        ...next,
        status: 'raterTold',
        raterTold: { how: text.how as string, what: text.what as string, at, by },
      };
      entryText = `${text.how}：${text.what}`;
      break;
    case 'close': {
      next = { ...next, status: 'closed', closedAt: at };
      const note = command.note?.trim();
      if (note) entryText = note;
      break;
    }
  }
  const version = state.version + 1;
  const entry: RatingHistoryEntry = {
    version,
    step: command.type,
    label: rule.label,
    from: current.status,
    to: next.status,
    at,
    by,
    ...(entryText ? { text: entryText } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
  return {
    state: {
      ...state,
      version,
      rectification: next,
      ...(excluded ? { excluded } : {}),
      history: [...state.history, entry],
    },
    entry,
  };
}
