/**
 * `decide(state, command, actor, now, ctx)`: the one function that moves a case. It checks the
 * command against its row of the transition table (status, actor, requirements), applies it —
 * materials, clocks, decision data — and returns the new state (version + 1) with the history
 * entry it appended. It never reads the time or the store: `now` and the A/B post status come in.
 */
import { formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import {
  type Clock,
  type ClockContext,
  extend,
  openSuspension,
  resume,
  stop,
  suspend,
} from '../clocks/clock.ts';
import { ClockError } from '../clocks/errors.ts';
import { dueOf } from '../clocks/evaluate.ts';
import {
  correctionNoticeClock,
  correctionNoticeOutcome,
  decisionClocks,
  deliveryClock,
  genericClock,
  owedMaterialsClock,
  verificationClock,
} from '../clocks/kinds.ts';
import {
  type AcceptancePathSettings,
  barredUntil,
  checkPathState,
  defaultAcceptancePathSettings,
  owedMaterialsOf,
  requireNothingOwed,
} from './acceptance-paths.ts';
import { type ActorRelation, actorRelation } from './access.ts';
import { runningClocks } from './case-clocks.ts';
import { CaseError } from './errors.ts';
import type { CaseStatus } from './states.ts';
import { type Requirement, type TransitionRule, transitionRule } from './transitions.ts';
import type {
  Actor,
  CaseClocks,
  CaseCommand,
  CaseMaterial,
  CaseState,
  ClockName,
  CorrectionNotice,
  HistoryEntry,
  MaterialUpdate,
} from './types.ts';

export interface CaseContext {
  clocks: ClockContext;
  /** Whether the case's handler is marked away (A/B post); the store reads it for the command. */
  handlerAway: boolean;
  /** The centre's 容缺受理 / 告知承诺制 settings (the bar period); default 12 months. */
  acceptancePaths?: AcceptancePathSettings;
}

export interface Decision {
  state: CaseState;
  entry: HistoryEntry;
}

type Command<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function missing(field: string, what: string): CaseError {
  return new CaseError('requirement-missing', `${what}不能为空。`, { field: `body.${field}` });
}

/** Applies material updates; unknown ids are refused. `submission` marks what changed. */
export function applyMaterialUpdates(
  materials: readonly CaseMaterial[],
  updates: readonly MaterialUpdate[] | undefined,
  submission: number,
  /** After intake: the commitments on record; an owed or committed state needs its path's. */
  signed?: CaseState['commitments'],
): CaseMaterial[] {
  if (signed !== undefined) {
    for (const update of updates ?? []) {
      const path =
        update.state === 'owed'
          ? 'deferredAcceptance'
          : update.state === 'committed'
            ? 'commitmentDecision'
            : undefined;
      if (path && !signed[path]) {
        throw new CaseError(
          'path-not-allowed',
          `${update.id}：${update.state === 'owed' ? '容缺后补' : '以承诺代替'}须申请人在收件时签署${update.state === 'owed' ? '容缺受理承诺书' : '告知承诺书'}。`,
          { field: `body.materials.${update.id}` },
        );
      }
    }
  }
  const byId = new Map(materials.map((material) => [material.id, material]));
  for (const update of updates ?? []) {
    if (!byId.has(update.id)) {
      throw new CaseError('unknown-material', `事项材料清单中没有 ${update.id}。`, {
        field: `body.materials.${update.id}`,
      });
    }
  }
  return materials.map((material) => {
    const update = updates?.find((candidate) => candidate.id === material.id);
    if (!update) return material;
    if (material.required && update.state === 'notApplicable') {
      throw new CaseError('requirement-missing', `必要材料“${material.name}”不能标为不适用。`, {
        field: `body.materials.${material.id}`,
      });
    }
    checkPathState(material, update);
    const note = text(update.note);
    const { note: _old, ...rest } = material;
    return { ...rest, state: update.state, ...(note ? { note } : {}), submission };
  });
}

/**
 * Materials that stand in the way of acceptance: required and not submitted (a proof replaced by a
 * commitment counts as submitted), or conditional and missing, defective or owed. `owedAllowed`:
 * the 容缺受理 path, on which owed materials do not stand in the way.
 */
export function outstandingMaterials(
  materials: readonly CaseMaterial[],
  owedAllowed = false,
): CaseMaterial[] {
  return materials.filter((material) => {
    if (material.state === 'owed' && owedAllowed) return false;
    if (material.state === 'committed') return false;
    return material.required
      ? material.state !== 'submitted'
      : material.state === 'missing' || material.state === 'defective' || material.state === 'owed';
  });
}

function checkText(rule: TransitionRule, command: CaseCommand, requirement: Requirement): void {
  const fields: Partial<Record<Requirement, [string, string]>> = {
    reason: ['reason', '理由'],
    told: ['told', '告知申请人的内容'],
    remedies: ['remedies', '救济途径（申请行政复议或提起行政诉讼的权利）'],
    opinion: ['opinion', '联办意见'],
  };
  const field = fields[requirement];
  if (!field) return;
  const value = (command as unknown as Record<string, unknown>)[field[0]];
  if (typeof value !== 'string' || !text(value)) {
    throw missing(field[0], `${rule.label}：${field[1]}`);
  }
}

function checkRequirements(rule: TransitionRule, state: CaseState, command: CaseCommand): void {
  for (const requirement of rule.requires) {
    checkText(rule, command, requirement);
    switch (requirement) {
      case 'notInstant':
        if (state.item.class === 'instant') {
          throw new CaseError('wrong-item-class', '即办件当场办结，不走受理后审查流程。');
        }
        break;
      case 'instantOnly':
        if (state.item.class !== 'instant') {
          throw new CaseError('wrong-item-class', '只有即办件可以当场办结。');
        }
        break;
      case 'jointOnly':
        if (state.item.class !== 'joint') throw new CaseError('wrong-item-class', '只有联办件有联办意见。');
        break;
      case 'coOpinionsComplete': {
        const pending = state.coWindows.filter((coWindow) => coWindow.status !== 'done');
        if (pending.length > 0) {
          throw new CaseError(
            'co-opinions-pending',
            `联办部门尚未全部出具意见：${pending.map((coWindow) => coWindow.department).join('、')}。`,
          );
        }
        break;
      }
      case 'noNoticeForSubmission':
        if (state.correctionNotices.some((notice) => notice.submission === state.submission)) {
          throw new CaseError(
            'correction-already-notified',
            '本次提交的材料已经一次性告知过；申请人补交新材料后才能再次告知。',
          );
        }
        break;
      default:
        break;
    }
  }
}

function resolveActor(rule: TransitionRule, state: CaseState, actor: Actor, ctx: CaseContext): ActorRelation {
  const relation = actorRelation(state, actor, rule.actors, { handlerAway: ctx.handlerAway });
  if (!relation) {
    const who = rule.actors
      .map((kind) =>
        kind === 'owner'
          ? '承办窗口工作人员（或 AB 岗顶岗人员）'
          : kind === 'chief'
            ? '本部门首席代表'
            : '联办部门窗口工作人员',
      )
      .join('或');
    throw new CaseError('not-permitted', `“${rule.label}”只能由${who}办理。`);
  }
  return relation;
}

/** The instant of the latest history entry; a new event is never recorded before it. */
function eventInstant(state: CaseState, now: Instant | Date): Instant {
  const last = state.history.at(-1);
  const nowMs = toEpochMs(now);
  return formatInstant(last ? Math.max(nowMs, toEpochMs(last.at)) : nowMs);
}

function clockRefused(error: unknown): never {
  if (error instanceof ClockError) {
    throw new CaseError('clock-refused', error.message, { clockCode: error.code });
  }
  throw error;
}

class ClockChanges {
  readonly effects: string[] = [];
  clocks: CaseClocks;

  constructor(clocks: CaseClocks) {
    this.clocks = { ...clocks };
  }

  set(name: ClockName, clock: Clock, effect: string): void {
    this.clocks[name] = clock;
    this.effects.push(`${name}:${effect}`);
  }

  /** Applies `fn` to the named clock when it exists and has not stopped. */
  update(name: ClockName, effect: string, fn: (clock: Clock) => Clock): void {
    const clock = this.clocks[name];
    if (!clock || clock.stoppedAt !== undefined) return;
    try {
      this.set(name, fn(clock), effect);
    } catch (error) {
      clockRefused(error);
    }
  }

  stopAll(at: Instant): void {
    for (const [name] of runningClocks(this.clocks)) this.update(name, 'stop', (clock) => stop(clock, at));
  }
}

interface Applied {
  state: CaseState;
  /** Where a `same` transition leads after all (supplying owed materials ends their suspension…). */
  status?: CaseStatus;
  reason?: string;
  told?: string;
  approver?: string;
  details?: Record<string, unknown>;
}

/** Decides a command. Throws {@link CaseError} when it is refused; nothing else changes. */
export function decide(
  state: CaseState,
  command: CaseCommand,
  actor: Actor,
  now: Instant | Date,
  ctx: CaseContext,
): Decision {
  const rule = transitionRule(command.type);
  const relation = resolveActor(rule, state, actor, ctx);
  if (!rule.from.includes(state.status)) {
    throw new CaseError('invalid-transition', `案件当前状态为“${state.status}”，不能办理“${rule.label}”。`);
  }
  checkRequirements(rule, state, command);
  const at = eventInstant(state, now);
  const clocks = new ClockChanges(state.clocks);
  const base: CaseState = {
    ...state,
    ...(relation.takesOver ? { handler: actor.username } : {}),
  };
  const applied = apply(base, command, actor, at, clocks, ctx);
  const to = applied.status ?? (rule.to === 'same' ? state.status : rule.to);
  const version = state.version + 1;
  const entry: HistoryEntry = {
    version,
    transition: command.type,
    from: state.status,
    to,
    at,
    by: {
      username: actor.username,
      role: relation.role,
      ...(relation.actingFor ? { actingFor: relation.actingFor } : {}),
    },
    ...(applied.reason ? { reason: applied.reason } : {}),
    ...(applied.told ? { told: applied.told } : {}),
    ...(applied.approver ? { approver: applied.approver } : {}),
    ...(clocks.effects.length > 0 ? { clocks: clocks.effects } : {}),
    ...(applied.details ? { details: applied.details } : {}),
  };
  return {
    state: {
      ...applied.state,
      status: to,
      version,
      clocks: clocks.clocks,
      history: [...state.history, entry],
    },
    entry,
  };
}

function apply(
  state: CaseState,
  command: CaseCommand,
  actor: Actor,
  at: Instant,
  clocks: ClockChanges,
  ctx: CaseContext,
): Applied {
  switch (command.type) {
    case 'requestCorrection':
      return requestCorrection(state, command, at, clocks, ctx);
    case 'correct':
      return correct(state, command, at, clocks);
    case 'accept':
      return accept(state, command, at, clocks, ctx);
    case 'settleInstantly':
      return settleInstantly(state, command, at, clocks);
    case 'notAccept': {
      clocks.stopAll(at);
      const referTo = text(command.referTo);
      return {
        state: {
          ...state,
          notAccepted: {
            at,
            reason: command.reason.trim(),
            remedies: command.remedies.trim(),
            ...(referTo ? { referTo } : {}),
          },
        },
        reason: command.reason.trim(),
        told: command.told.trim(),
        details: { remedies: command.remedies.trim(), ...(referTo ? { referTo } : {}) },
      };
    }
    case 'transfer':
      return transfer(state, command, actor, at, clocks);
    case 'suspend':
      for (const name of ['promised', 'statutory', 'step'] as const) {
        if (name === 'step' && !state.clocks.step?.suspendable) continue;
        clocks.update(name, 'suspend', (clock) =>
          suspend(clock, { at, reason: command.reason, note: command.note }, ctx.clocks.settings),
        );
      }
      return {
        state,
        reason: command.reason,
        told: command.told.trim(),
        details: { procedure: command.reason, expected: command.note.trim() },
      };
    case 'resume': {
      const held = state.clocks.statutory ?? state.clocks.promised;
      if (held && openSuspension(held)?.reason === 'owedMaterials') {
        throw new CaseError('materials-owed', '本案因容缺材料逾期暂停办理，补齐材料后自动恢复计时。', {
          field: 'materials',
        });
      }
      for (const name of ['promised', 'statutory', 'step'] as const) {
        if (clocks.clocks[name] && openSuspension(clocks.clocks[name])) {
          clocks.update(name, 'resume', (clock) => resume(clock, at));
        }
      }
      return {
        state,
        ...(text(command.told) ? { told: text(command.told) } : {}),
        ...(text(command.note) ? { details: { note: text(command.note) } } : {}),
      };
    }
    case 'extend':
      return extendCase(state, command, actor, at, clocks, ctx);
    case 'coOpinion': {
      const coWindows = state.coWindows.map((coWindow) =>
        coWindow.department === actor.department
          ? { ...coWindow, status: 'done' as const, opinion: command.opinion.trim(), by: actor.username, at }
          : coWindow,
      );
      return {
        state: { ...state, coWindows },
        details: { department: actor.department, opinion: command.opinion.trim() },
      };
    }
    case 'approve':
      requireNothingOwed(state, '准予许可');
      clocks.stopAll(at);
      clocks.set('delivery', deliveryClock(at), 'start');
      startVerification(state, at, clocks);
      return {
        state: { ...state, decision: { outcome: 'approved', at } },
        told: command.told.trim(),
        ...(text(command.note) ? { details: { note: text(command.note) } } : {}),
      };
    case 'refuse':
      clocks.stopAll(at);
      return {
        state: {
          ...state,
          decision: {
            outcome: 'refused',
            at,
            reason: command.reason.trim(),
            remedies: command.remedies.trim(),
          },
        },
        reason: command.reason.trim(),
        told: command.told.trim(),
        details: { remedies: command.remedies.trim() },
      };
    case 'deliver': {
      // The result waits for the owed materials; a refusal (不予许可决定书) is handed over as it is.
      if (state.decision?.outcome !== 'refused') requireNothingOwed(state, '出件');
      clocks.update('delivery', 'stop', (clock) => stop(clock, at));
      const note = text(command.note);
      return {
        state: { ...state, delivery: { at, method: command.method, ...(note ? { note } : {}) } },
        details: { method: command.method, ...(note ? { note } : {}) },
      };
    }
    case 'close':
      if (state.clocks.verification && state.clocks.verification.stoppedAt === undefined) {
        // 事后核查 comes before the archive: a revocation must still find the case open.
        throw new CaseError('verification-pending', '告知承诺事后核查尚未登记结果，不能归档。');
      }
      clocks.stopAll(at);
      return {
        state: { ...state, closedAt: at },
        ...(text(command.note) ? { details: { note: text(command.note) } } : {}),
      };
    case 'withdraw':
    case 'return':
      clocks.stopAll(at);
      return { state, reason: command.reason.trim(), told: command.told.trim() };
    case 'flagPriority':
      return {
        state: {
          ...state,
          priority: { flagged: true, reason: command.reason.trim(), by: actor.username, at },
        },
        reason: command.reason.trim(),
      };
    case 'supplyOwed':
      return supplyOwed(state, command, at, clocks);
    case 'applyOwedLateness':
      return applyOwedLateness(state, command, at, clocks, ctx);
    case 'recordVerification':
      return recordVerification(state, command, actor, at, clocks, ctx);
  }
}

function requestCorrection(
  state: CaseState,
  command: Command<'requestCorrection'>,
  at: Instant,
  clocks: ClockChanges,
  ctx: CaseContext,
): Applied {
  const materials = applyMaterialUpdates(
    state.materials,
    command.materials,
    state.submission,
    state.commitments ?? {},
  );
  const problems = materials.filter(
    (material) => material.state === 'missing' || material.state === 'defective',
  );
  if (problems.length === 0) {
    throw new CaseError('nothing-to-correct', '材料清单中没有缺少或不符合要求的材料，无需告知补正。', {
      field: 'body.materials',
    });
  }
  const noticeClock = state.clocks.correctionNotice;
  const outcome = noticeClock
    ? correctionNoticeOutcome(noticeClock, at, at, ctx.clocks.calendar)
    : { status: 'inTime' as const, deemedAccepted: false, acceptedFrom: undefined };
  clocks.update('correctionNotice', 'stop', (clock) => stop(clock, at));
  const notice: CorrectionNotice = {
    submission: state.submission,
    issuedAt: at,
    items: problems.map((material) => ({
      id: material.id,
      name: material.name,
      problem: material.state as 'missing' | 'defective',
      ...(material.note ? { note: material.note } : {}),
    })),
    inTime: !outcome.deemedAccepted,
  };
  const deemedAcceptedFrom =
    state.deemedAcceptedFrom ?? (outcome.deemedAccepted ? outcome.acceptedFrom : undefined);
  return {
    state: {
      ...state,
      materials,
      correctionNotices: [...state.correctionNotices, notice],
      ...(deemedAcceptedFrom ? { deemedAcceptedFrom } : {}),
    },
    told: command.told.trim(),
    details: { notice: notice.items.map((item) => item.id), inTime: notice.inTime },
  };
}

function correct(state: CaseState, command: Command<'correct'>, at: Instant, clocks: ClockChanges): Applied {
  const submission = state.submission + 1;
  const before = new Map(state.materials.map((material) => [material.id, material.state]));
  const materials = applyMaterialUpdates(
    state.materials,
    command.materials,
    submission,
    state.commitments ?? {},
  );
  const brought = command.materials.filter(
    (update) => update.state === 'submitted' && before.get(update.id) !== 'submitted',
  );
  if (brought.length === 0) {
    throw new CaseError('no-new-material', '补正须至少提交一份此前缺少或不符合要求的材料。', {
      field: 'body.materials',
    });
  }
  clocks.set('correctionNotice', correctionNoticeClock(at), 'start');
  return {
    state: { ...state, materials, submission, lastSubmissionAt: at },
    details: {
      submission,
      submitted: brought.map((update) => update.id),
      ...(text(command.note) ? { note: text(command.note) } : {}),
    },
  };
}

/** Throws when a required material is not submitted or a conditional one is missing or defective. */
function requireComplete(materials: readonly CaseMaterial[], owedAllowed = false): void {
  const outstanding = outstandingMaterials(materials, owedAllowed);
  if (outstanding.length > 0) {
    throw new CaseError(
      'materials-incomplete',
      `材料不齐全：${outstanding.map((material) => `${material.id} ${material.name}`).join('；')}。`,
      { field: 'body.materials' },
    );
  }
}

/** If the correction-notice clock ran out with no notice, the case counts as accepted from its start. */
function lateNoticeStart(state: CaseState, at: Instant, ctx: CaseContext): Instant | undefined {
  const clock = state.clocks.correctionNotice;
  if (!clock || clock.stoppedAt !== undefined) return undefined;
  const outcome = correctionNoticeOutcome(clock, undefined, at, ctx.clocks.calendar);
  return outcome.deemedAccepted ? outcome.acceptedFrom : undefined;
}

function accept(
  state: CaseState,
  command: Command<'accept'>,
  at: Instant,
  clocks: ClockChanges,
  ctx: CaseContext,
): Applied {
  const materials = applyMaterialUpdates(
    state.materials,
    command.materials,
    state.submission,
    state.commitments ?? {},
  );
  const deferred = state.item.deferredAcceptance;
  const onDeferredPath = deferred !== undefined && state.commitments?.deferredAcceptance !== undefined;
  const owed = materials.filter((material) => material.state === 'owed');
  if (owed.length > 0 && !onDeferredPath) {
    throw new CaseError(
      'path-not-allowed',
      `容缺后补的材料须在收件时签署容缺受理承诺书：${owed.map((m) => `${m.id} ${m.name}`).join('；')}。`,
      { field: 'body.materials' },
    );
  }
  requireComplete(materials, onDeferredPath);
  const deemed = state.deemedAcceptedFrom ?? lateNoticeStart(state, at, ctx);
  clocks.update('correctionNotice', 'stop', (clock) => stop(clock, at));
  // Art. 32: after a correction the acceptance date is the day the complete correction arrived.
  const start = deemed ?? (state.status === 'corrected' ? state.lastSubmissionAt : at);
  const joint = state.item.class === 'joint';
  try {
    const decision = decisionClocks({
      acceptedAt: start,
      promisedWorkdays: state.item.promisedDays ?? state.item.statutoryDays ?? (joint ? 45 : 20),
      ...(state.item.statutoryDays === undefined ? {} : { statutoryWorkdays: state.item.statutoryDays }),
      joint,
    });
    clocks.set('promised', decision.promised, 'start');
    clocks.set('statutory', decision.statutory, 'start');
  } catch (error) {
    clockRefused(error);
  }
  const coWindows = state.coWindows.map((coWindow) => ({ ...coWindow, status: 'notified' as const }));
  let owedRecord: CaseState['owed'];
  if (owed.length > 0 && deferred) {
    // 容缺受理: the owed period counts from the acceptance itself, as the notice tells it.
    const clock = owedMaterialsClock(at, deferred.maxOwedWorkdays);
    clocks.set('owedMaterials', clock, 'start');
    const due = dueOf(clock, ctx.clocks.calendar);
    owedRecord = {
      materials: owed.map((material) => material.id),
      since: at,
      dueAt: due?.dueAt ?? at,
      workdays: deferred.maxOwedWorkdays,
      onLate: deferred.onLate,
    };
  }
  return {
    state: {
      ...state,
      materials,
      acceptedAt: at,
      decisionClockStart: start,
      ...(deemed ? { deemedAcceptedFrom: deemed } : {}),
      ...(owedRecord ? { owed: owedRecord } : {}),
      coWindows,
    },
    told: command.told.trim(),
    details: {
      ...(owedRecord ? { owed: owedRecord.materials, owedDueAt: owedRecord.dueAt } : {}),
      decisionClockStart: start,
      ...(deemed ? { deemedAccepted: true } : {}),
      ...(coWindows.length > 0 ? { notified: coWindows.map((coWindow) => coWindow.department) } : {}),
    },
  };
}

function settleInstantly(
  state: CaseState,
  command: Command<'settleInstantly'>,
  at: Instant,
  clocks: ClockChanges,
): Applied {
  const materials = applyMaterialUpdates(
    state.materials,
    command.materials,
    state.submission,
    state.commitments ?? {},
  );
  requireNothingOwed({ materials }, '当场办结');
  requireComplete(materials);
  clocks.update('correctionNotice', 'stop', (clock) => stop(clock, at));
  startVerification(state, at, clocks);
  return {
    state: {
      ...state,
      materials,
      acceptedAt: at,
      decision: { outcome: 'approved', at },
      delivery: { at, method: 'window' },
    },
    told: command.told.trim(),
    details: { accepted: at, decided: at, delivered: at },
  };
}

function transfer(
  state: CaseState,
  command: Command<'transfer'>,
  actor: Actor,
  at: Instant,
  clocks: ClockChanges,
): Applied {
  const step = state.item.steps.find((candidate) => candidate.name === command.step.trim());
  if (!step) {
    throw new CaseError(
      'invalid-target',
      `事项办理流程中没有“${command.step}”环节（可选：${state.item.steps.map((s) => s.name).join('、')}）。`,
      { field: 'body.step' },
    );
  }
  const department = command.to?.department ?? state.department;
  const departments = [state.item.department, ...state.item.coDepartments];
  if (!departments.includes(department)) {
    throw new CaseError('invalid-target', `部门 ${department} 不办理此事项。`, {
      field: 'body.to.department',
    });
  }
  const moved =
    department !== state.department ||
    (command.to?.window !== undefined && command.to.window !== state.window);
  const window = command.to?.window ?? (department === state.department ? state.window : undefined);
  if (!window) {
    throw new CaseError('invalid-target', '转到其他部门时须指明接收窗口。', { field: 'body.to.window' });
  }
  if (!window.startsWith(`${department}-`)) {
    throw new CaseError('invalid-target', `窗口 ${window} 不属于部门 ${department}。`, {
      field: 'body.to.window',
    });
  }
  // A hand-over to another window leaves the case in that window's queue unless a clerk is named.
  const handler =
    command.to && 'handler' in command.to
      ? (command.to.handler ?? null)
      : moved
        ? null
        : (state.handler ?? actor.username);
  clocks.update('step', 'stop', (clock) => stop(clock, at));
  if (step.limitDays !== undefined) {
    clocks.set(
      'step',
      genericClock({ start: at, workdays: step.limitDays, label: step.name, suspendable: true }),
      'start',
    );
  } else {
    delete clocks.clocks.step;
  }
  return {
    state: {
      ...state,
      department,
      window,
      handler,
      step: { name: step.name, since: at, by: actor.username },
    },
    reason: command.reason.trim(),
    details: { step: step.name, department, window, handler },
  };
}

function extendCase(
  state: CaseState,
  command: Command<'extend'>,
  actor: Actor,
  at: Instant,
  clocks: ClockChanges,
  ctx: CaseContext,
): Applied {
  const joint = state.item.class === 'joint';
  const approver = text(command.approver) ?? (joint ? undefined : (actor.displayName ?? actor.username));
  if (!approver) {
    // Joint handling: the extension is approved at government level (Art. 42), named here.
    throw missing('approver', '联办件延期须由本级人民政府负责人批准：批准人');
  }
  const input = { at, days: command.days, approver, reason: command.reason.trim() };
  // The statutory limit is the legal gate: its refusal (second extension, too late…) refuses all.
  clocks.update('statutory', 'extend', (clock) => extend(clock, input, ctx.clocks.calendar));
  if (!clocks.effects.includes('statutory:extend')) {
    throw new CaseError('clock-refused', '案件没有可延期的法定时限。', {
      clockCode: 'extension-not-allowed',
    });
  }
  // The promised limit moves with it where it still can; one already run out stays overdue.
  try {
    clocks.update('promised', 'extend', (clock) => extend(clock, input, ctx.clocks.calendar));
  } catch (error) {
    if (!(error instanceof CaseError)) throw error;
  }
  return {
    state,
    reason: command.reason.trim(),
    told: command.told.trim(),
    approver,
    details: { days: command.days },
  };
}

/** 告知承诺制: a decision in favour on a commitment starts the check of it (事后核查). */
function startVerification(state: CaseState, at: Instant, clocks: ClockChanges): void {
  const rule = state.item.commitmentDecision;
  if (!rule || !state.commitments?.commitmentDecision) return;
  clocks.set('verification', verificationClock(at, rule.verification.workdays), 'start');
}

function supplyOwed(
  state: CaseState,
  command: Command<'supplyOwed'>,
  at: Instant,
  clocks: ClockChanges,
): Applied {
  const owedIds = new Set(owedMaterialsOf(state).map((material) => material.id));
  if (owedIds.size === 0) {
    throw new CaseError('owed-not-late', '本案没有待补齐的容缺材料。', { field: 'body.materials' });
  }
  if (command.materials.length === 0) throw missing('materials', '补齐的材料');
  for (const [index, supplied] of command.materials.entries()) {
    if (!owedIds.has(supplied.id)) {
      throw new CaseError('unknown-material', `${supplied.id} 不是本案待补齐的容缺材料。`, {
        field: `body.materials.${index}.id`,
      });
    }
  }
  const materials = applyMaterialUpdates(
    state.materials,
    command.materials.map((supplied) => ({
      id: supplied.id,
      state: 'submitted' as const,
      ...(supplied.note ? { note: supplied.note } : {}),
    })),
    state.submission,
  );
  const still = materials.filter((material) => material.state === 'owed').map((material) => material.id);
  const owed = state.owed ? { ...state.owed, materials: still } : undefined;
  let status: CaseStatus | undefined;
  if (still.length === 0) {
    clocks.update('owedMaterials', 'stop', (clock) => stop(clock, at));
    if (owed) owed.suppliedAt = at;
    // Late and suspended by the item's rule: the decision clocks count again from now.
    const decisionClock = state.clocks.statutory ?? state.clocks.promised;
    const suspendedForOwed =
      state.status === 'suspended' &&
      decisionClock !== undefined &&
      openSuspension(decisionClock)?.reason === 'owedMaterials';
    if (suspendedForOwed) {
      for (const name of ['promised', 'statutory', 'step'] as const) {
        if (clocks.clocks[name] && openSuspension(clocks.clocks[name])) {
          clocks.update(name, 'resume', (clock) => resume(clock, at));
        }
      }
      status = 'inReview';
    }
  }
  return {
    state: { ...state, materials, ...(owed ? { owed } : {}) },
    ...(status ? { status } : {}),
    details: {
      supplied: command.materials.map((supplied) => supplied.id),
      ...(still.length > 0 ? { stillOwed: still } : {}),
      ...(text(command.note) ? { note: text(command.note) } : {}),
    },
  };
}

/**
 * 容缺受理, late: the clerk applies the item's rule once the owed deadline has passed (the red card
 * prompts it) — suspend the decision clocks until the materials arrive, or end the case (终止办理).
 */
function applyOwedLateness(
  state: CaseState,
  command: Command<'applyOwedLateness'>,
  at: Instant,
  clocks: ClockChanges,
  ctx: CaseContext,
): Applied {
  const owed = owedMaterialsOf(state);
  const clock = state.clocks.owedMaterials;
  if (owed.length === 0 || !clock || clock.stoppedAt !== undefined || !state.owed) {
    throw new CaseError('owed-not-late', '本案没有逾期的容缺材料。');
  }
  const due = dueOf(clock, ctx.clocks.calendar);
  if (due && toEpochMs(at) < toEpochMs(due.dueAt)) {
    throw new CaseError('owed-not-late', `容缺材料补齐期限为 ${due.dueAt}，尚未逾期。`);
  }
  const names = owed.map((material) => `${material.id} ${material.name}`).join('；');
  clocks.update('owedMaterials', 'stop', (c) => stop(c, at));
  const owedRecord = { ...state.owed, lateAt: at };
  if (state.owed.onLate === 'suspend') {
    for (const name of ['promised', 'statutory', 'step'] as const) {
      if (name === 'step' && !state.clocks.step?.suspendable) continue;
      clocks.update(name, 'suspend', (c) =>
        suspend(c, { at, reason: 'owedMaterials', note: `待补齐：${names}` }, ctx.clocks.settings),
      );
    }
    return {
      state: { ...state, owed: owedRecord },
      status: 'suspended',
      reason: `容缺材料逾期未补齐：${names}`,
      told: command.told.trim(),
      details: { onLate: 'suspend', owed: owed.map((material) => material.id) },
    };
  }
  clocks.stopAll(at);
  const reason = `容缺材料逾期未补齐，终止办理：${names}`;
  return {
    state: { ...state, owed: owedRecord, terminated: { at, reason } },
    status: 'terminated',
    reason,
    told: command.told.trim(),
    details: { onLate: 'terminate', owed: owed.map((material) => material.id) },
  };
}

/**
 * 事后核查: the result of checking the commitment. Confirmed ⇒ the verification clock stops. False ⇒
 * the decision is revoked (撤销), the result recalled, every clock stops and the applicant is barred
 * from both paths until the date computed here (the store records the bar by the ID number's hash).
 */
function recordVerification(
  state: CaseState,
  command: Command<'recordVerification'>,
  actor: Actor,
  at: Instant,
  clocks: ClockChanges,
  ctx: CaseContext,
): Applied {
  const clock = state.clocks.verification;
  if (!clock || state.verification || state.decision?.outcome !== 'approved') {
    throw new CaseError(
      'nothing-to-verify',
      state.verification ? '核查结果已经登记。' : '本案不是依告知承诺作出的准予决定，没有需要核查的承诺。',
    );
  }
  const evidence = text(command.evidence);
  if (!evidence) throw missing('evidence', '核查结果：核查依据与情况');
  const verification = { result: command.result, evidence, at, by: actor.username };
  if (command.result === 'confirmed') {
    clocks.update('verification', 'stop', (c) => stop(c, at));
    return {
      state: { ...state, verification },
      details: { result: 'confirmed', evidence },
      ...(text(command.told) ? { told: text(command.told) } : {}),
    };
  }
  const told = text(command.told);
  if (!told) throw missing('told', '撤销决定：告知申请人的内容');
  const remedies = text(command.remedies);
  if (!remedies) throw missing('remedies', '撤销决定：救济途径（申请行政复议或提起行政诉讼的权利）');
  clocks.stopAll(at);
  const months = (ctx.acceptancePaths ?? defaultAcceptancePathSettings).barMonths;
  const revocation = {
    at,
    reason: `申请人承诺不实：${evidence}`,
    remedies,
    barredUntil: barredUntil(at, months),
  };
  return {
    state: { ...state, verification, revocation },
    status: 'revoked',
    reason: revocation.reason,
    told,
    details: { result: 'false', evidence, remedies, barredUntil: revocation.barredUntil, recalled: true },
  };
}
