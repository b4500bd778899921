/**
 * `registerComplaint(input, now, ctx)` opens a complaint; `decideComplaint(state, command, actor,
 * now, ctx)` is the one function that moves it. It checks the command against its row of the
 * transition table (actor, status, requirements), applies it — assignment, answer, feedback, clocks
 * — and returns the new state (version + 1) with the history entry it appended. It never reads the
 * time or the store: `now`, the clock context and the centre's windows come in.
 */
import { formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import { type ClockContext, stop } from '../clocks/clock.ts';
import { evaluate } from '../clocks/evaluate.ts';
import type { Role } from '../roles.ts';
import { ComplaintError } from './errors.ts';
import {
  acknowledgeClock,
  answerClock,
  type ComplaintSettings,
  defaultComplaintSettings,
} from './settings.ts';
import {
  type ComplaintActorKind,
  type ComplaintTransition,
  complaintCommandActors,
  complaintTransitionRows,
} from './transitions.ts';
import {
  type Answer,
  type ComplainantActor,
  type ComplainantSummary,
  type ComplaintActor,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintClocks,
  type ComplaintCommand,
  type ComplaintHistoryEntry,
  type ComplaintState,
  complexities,
  followUpSatisfactionLabels,
  type HistoryActor,
  invalidReasonLabels,
  invalidReasons,
  type RatingOrigin,
  type ReplyForm,
  type Respondent,
} from './types.ts';

export interface ComplaintContext {
  clocks: ClockContext;
  settings?: ComplaintSettings;
  /** The window codes of a department (`mz` → mz-01…), or undefined for an unknown department. */
  windowsOf?: (department: string) => readonly string[] | undefined;
}

export interface ComplaintDecision {
  state: ComplaintState;
  entry: ComplaintHistoryEntry;
}

export interface ComplaintRegistration {
  complaintNo: string;
  centre: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  facts: string;
  complainant: ComplainantSummary;
  respondent: Respondent;
  hotlineRef?: string;
  /** The staff member who took it in; absent for the public web form. */
  receivedBy?: { username: string; role: Role };
  /** What the complainant was told at receipt (the acknowledgement, for desk channels). */
  told?: string;
  /** The bad rating it was filed from (channel `badRating`, by the rater). */
  fromRating?: RatingOrigin;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function missing(field: string, what: string): ComplaintError {
  return new ComplaintError('requirement-missing', `${what}不能为空。`, { field: `body.${field}` });
}

function compact(respondent: Respondent): Respondent {
  return Object.fromEntries(
    Object.entries(respondent)
      .map(([key, value]) => [key, text(value as string | undefined)])
      .filter(([, value]) => value !== undefined),
  ) as Respondent;
}

/** A new complaint, `registered`, with its acknowledgement clock running. */
export function registerComplaint(
  input: ComplaintRegistration,
  now: Instant | Date,
  ctx: ComplaintContext,
): ComplaintState {
  const at = formatInstant(toEpochMs(now));
  const facts = text(input.facts);
  if (!facts) throw missing('facts', '投诉事实');
  if (input.channel === 'hotline' && !text(input.hotlineRef)) throw missing('hotlineRef', '12345 热线工单号');
  if (input.complainant.realName && !input.complainant.name) {
    throw missing('complainant.name', '实名投诉的姓名');
  }
  const settings = ctx.settings ?? defaultComplaintSettings;
  const told = text(input.told);
  const hotlineRef = text(input.hotlineRef);
  const entry: ComplaintHistoryEntry = {
    version: 1,
    action: 'register',
    label: '登记',
    from: null,
    to: 'registered',
    at,
    by: input.receivedBy ?? { complainant: true },
    ...(told ? { told } : {}),
    details: { channel: input.channel },
  };
  return {
    complaintNo: input.complaintNo,
    centre: input.centre,
    version: 1,
    status: 'registered',
    channel: input.channel,
    category: input.category,
    facts,
    complainant: input.complainant,
    respondent: compact(input.respondent),
    ...(input.fromRating ? { fromRating: input.fromRating } : {}),
    ...(hotlineRef ? { hotlineRef } : {}),
    receivedAt: at,
    receivedBy: input.receivedBy?.username ?? null,
    findings: [],
    answers: [],
    clocks: { acknowledge: acknowledgeClock(at, ctx.clocks, settings) },
    history: [entry],
  };
}

/** The form a reply takes: the form the complaint came in; anonymous complaints are answered online. */
export function replyFormOf(state: Pick<ComplaintState, 'channel' | 'complainant'>): ReplyForm {
  if (!state.complainant.realName) return 'web';
  switch (state.channel) {
    case 'badRating':
      return state.complainant.phone ? 'phone' : 'web';
    case 'web':
      return state.complainant.contactPreference === 'phone' && state.complainant.phone ? 'phone' : 'web';
    default:
      return state.channel;
  }
}

/** The relations the actor has to this complaint; the transition's `actors` column is matched against them. */
export function complaintActorKinds(
  state: ComplaintState,
  actor: ComplaintActor | ComplainantActor,
): ComplaintActorKind[] {
  if ('complainant' in actor) return ['complainant'];
  const kinds: ComplaintActorKind[] = [];
  if (actor.roles.includes('supervisor')) kinds.push('supervisor');
  const assignment = state.assignment;
  if (assignment && actor.roles.includes('clerk') && actor.window === assignment.window) {
    kinds.push('windowClerk');
  }
  if (assignment && actor.roles.includes('chief') && actor.department === assignment.department) {
    kinds.push('departmentChief');
  }
  if (assignment?.replyHandler && assignment.replyHandler === actor.username) kinds.push('replyHandler');
  return kinds;
}

const roleOfKind: Partial<Record<ComplaintActorKind, Role>> = {
  supervisor: 'supervisor',
  windowClerk: 'clerk',
  departmentChief: 'chief',
};

function historyActor(actor: ComplaintActor | ComplainantActor, kind: ComplaintActorKind): HistoryActor {
  if ('complainant' in actor) return { complainant: true };
  const role = roleOfKind[kind] ?? actor.roles[0] ?? 'clerk';
  return { username: actor.username, role };
}

type Command<T extends ComplaintCommand['type']> = Extract<ComplaintCommand, { type: T }>;

/** The feedback on the latest answer says dissatisfied, or the follow-up does. */
function dissatisfied(state: ComplaintState): boolean {
  const latest = state.answers.at(-1);
  if (state.status === 'followedUp') return state.followUp?.satisfaction === 'dissatisfied';
  return latest?.feedback?.satisfied === false;
}

function checkRequirements(
  rule: ComplaintTransition,
  state: ComplaintState,
  command: ComplaintCommand,
  now: Instant,
  ctx: ComplaintContext,
): void {
  for (const requirement of rule.requires) {
    switch (requirement) {
      case 'told':
        if (!text((command as { told?: string }).told))
          throw missing('told', `${rule.label}：告知投诉人的内容`);
        break;
      case 'invalidReason': {
        const { reason, referredTo } = command as Command<'invalidate'>;
        if (!invalidReasons.includes(reason)) {
          throw new ComplaintError('requirement-missing', '不予受理须选择理由。', { field: 'body.reason' });
        }
        if (reason === 'outOfScope' && !text(referredTo)) {
          throw new ComplaintError(
            'requirement-missing',
            '不属于受理范围的投诉须告知并记录转交的有权处理机关（referredTo）。',
            { field: 'body.referredTo' },
          );
        }
        break;
      }
      case 'target': {
        const { department, window, complexity } = command as Command<'assign'>;
        if (!text(department)) throw missing('department', '承办部门');
        if (!text(window)) throw missing('window', '承办窗口');
        const windows = ctx.windowsOf?.(department);
        if (ctx.windowsOf && !windows) {
          throw new ComplaintError('invalid-target', `没有编号为 ${department} 的部门。`, {
            field: 'body.department',
          });
        }
        if (windows ? !windows.includes(window) : !window.startsWith(`${department}-`)) {
          throw new ComplaintError('invalid-target', `窗口 ${window} 不属于部门 ${department}。`, {
            field: 'body.window',
          });
        }
        if (!complexities.includes(complexity)) {
          throw new ComplaintError('requirement-missing', '须选择办理类型（简单、书面答复、复杂）。', {
            field: 'body.complexity',
          });
        }
        break;
      }
      case 'findings':
        if (!text((command as Command<'investigate'>).findings)) throw missing('findings', '调查核实情况');
        break;
      case 'reply': {
        const { text: reply, lateReason } = command as Command<'answer'>;
        if (!text(reply)) throw missing('text', '答复内容');
        const clock = state.clocks.answer;
        if (clock && evaluate(clock, now, ctx.clocks).overdue && !text(lateReason)) {
          throw new ComplaintError(
            'late-reason-required',
            '答复已超过办理时限：须填写逾期原因（lateReason），并告知投诉人。',
            { field: 'body.lateReason' },
          );
        }
        break;
      }
      case 'noFeedbackYet':
        if (state.answers.at(-1)?.feedback) {
          throw new ComplaintError('feedback-already-given', '对本次答复的评价已经记录，不能重复评价。');
        }
        break;
      case 'dissatisfied':
        if (!dissatisfied(state)) {
          throw new ComplaintError('not-dissatisfied', '只有投诉人对答复表示不满意后才能复核。');
        }
        break;
      case 'note':
        if (!text((command as Command<'followUp'>).note)) throw missing('note', '回访记录');
        break;
    }
  }
}

function applyClocks(
  rule: ComplaintTransition,
  state: ComplaintState,
  next: ComplaintState,
  at: Instant,
  ctx: ComplaintContext,
): ComplaintClocks {
  const clocks: ComplaintClocks = { ...state.clocks };
  const settings = ctx.settings ?? defaultComplaintSettings;
  for (const effect of rule.clocks) {
    const current = clocks[effect.clock];
    if (effect.effect === 'stop') {
      if (current && current.stoppedAt === undefined) clocks[effect.clock] = stop(current, at);
    } else {
      const complexity = next.assignment?.complexity;
      if (!complexity) throw new Error('An answer clock needs an assignment.');
      clocks.answer = answerClock(at, complexity, settings, state.answers.length > 0);
    }
  }
  return clocks;
}

function apply(
  state: ComplaintState,
  command: ComplaintCommand,
  actor: ComplaintActor | ComplainantActor,
  at: Instant,
  ctx: ComplaintContext,
): { next: ComplaintState; told?: string; note?: string; details?: Record<string, unknown> } {
  const by = 'complainant' in actor ? 'complainant' : actor.username;
  switch (command.type) {
    case 'assign': {
      const replyHandler = text(command.replyHandler) ?? null;
      return {
        next: {
          ...state,
          assignment: {
            department: command.department.trim(),
            window: command.window.trim(),
            complexity: command.complexity,
            replyHandler,
            at,
            by,
          },
        },
        told: command.told.trim(),
        details: {
          department: command.department.trim(),
          window: command.window.trim(),
          complexity: command.complexity,
          ...(replyHandler ? { replyHandler } : {}),
        },
      };
    }
    case 'invalidate': {
      const referredTo = command.reason === 'outOfScope' ? text(command.referredTo) : undefined;
      return {
        next: {
          ...state,
          invalid: { reason: command.reason, ...(referredTo ? { referredTo } : {}), at, by },
        },
        told: command.told.trim(),
        note: invalidReasonLabels[command.reason],
        details: { reason: command.reason, ...(referredTo ? { referredTo } : {}) },
      };
    }
    case 'investigate':
      return {
        next: { ...state, findings: [...state.findings, { text: command.findings.trim(), at, by }] },
        note: command.findings.trim(),
      };
    case 'answer': {
      const clock = state.clocks.answer;
      const late = clock ? evaluate(clock, at, ctx.clocks).overdue : false;
      const lateReason = late ? text(command.lateReason) : undefined;
      const answer: Answer = {
        round: state.answers.length + 1,
        text: command.text.trim(),
        form: replyFormOf(state),
        at,
        by,
        late,
        ...(lateReason ? { lateReason } : {}),
      };
      return {
        next: { ...state, answers: [...state.answers, answer] },
        told: lateReason ? `${answer.text}（逾期原因：${lateReason}）` : answer.text,
        details: { round: answer.round, form: answer.form, late },
      };
    }
    case 'feedback': {
      const comment = text(command.comment);
      const answers = [...state.answers];
      const latest = answers.pop() as Answer;
      const feedback = { satisfied: command.satisfied, ...(comment ? { comment } : {}), by, at };
      return {
        next: { ...state, answers: [...answers, { ...latest, feedback }] },
        ...(comment ? { note: comment } : {}),
        details: { satisfied: command.satisfied, round: latest.round },
      };
    }
    case 'recheck':
      return { next: state, told: command.told.trim(), note: command.note?.trim() || undefined };
    case 'followUp':
      return {
        next: {
          ...state,
          followUp: { satisfaction: command.satisfaction, note: command.note.trim(), at, by },
        },
        note: command.note.trim(),
        details: {
          satisfaction: command.satisfaction,
          satisfactionLabel: followUpSatisfactionLabels[command.satisfaction],
        },
      };
    case 'close': {
      const note = text(command.note);
      return { next: { ...state, closedAt: at }, ...(note ? { note } : {}) };
    }
  }
}

/** Moves a complaint by one command; refusals are {@link ComplaintError}s with a code. */
export function decideComplaint(
  state: ComplaintState,
  command: ComplaintCommand,
  actor: ComplaintActor | ComplainantActor,
  now: Instant | Date,
  ctx: ComplaintContext,
): ComplaintDecision {
  const at = formatInstant(toEpochMs(now));
  const rows = complaintTransitionRows(command.type);
  if (rows.length === 0) throw new ComplaintError('invalid-transition', `未知的操作 ${command.type}。`);
  const kinds = complaintActorKinds(state, actor);
  // Who may ask comes first: someone who may never give this command learns nothing of its state.
  if (!complaintCommandActors(command.type).some((kind) => kinds.includes(kind))) {
    throw new ComplaintError('not-permitted', `无权对投诉 ${state.complaintNo} 办理“${rows[0]?.label}”。`);
  }
  const rule = rows.find((row) => row.from.includes(state.status));
  if (!rule) {
    if (command.type === 'close' && state.status === 'answered') {
      throw new ComplaintError('follow-up-required', '投诉须先回访（记录满意度）才能办结。');
    }
    throw new ComplaintError(
      'invalid-transition',
      `投诉当前状态（${state.status}）不能办理“${rows[0]?.label}”。`,
    );
  }
  const kind = rule.actors.find((candidate) => kinds.includes(candidate));
  if (!kind) {
    throw new ComplaintError(
      'not-permitted',
      `当前状态下无权对投诉 ${state.complaintNo} 办理“${rule.label}”。`,
    );
  }
  checkRequirements(rule, state, command, at, ctx);
  const applied = apply(state, command, actor, at, ctx);
  const to = rule.to === 'same' ? state.status : rule.to;
  const version = state.version + 1;
  const entry: ComplaintHistoryEntry = {
    version,
    action: command.type,
    label: rule.label,
    from: state.status,
    to,
    at,
    by: historyActor(actor, kind),
    ...(applied.told ? { told: applied.told } : {}),
    ...(applied.note ? { note: applied.note } : {}),
    ...(applied.details ? { details: applied.details } : {}),
  };
  const next: ComplaintState = { ...applied.next, status: to, version };
  return {
    state: { ...next, clocks: applyClocks(rule, state, next, at, ctx), history: [...state.history, entry] },
    entry,
  };
}
