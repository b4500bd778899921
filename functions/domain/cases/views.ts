/**
 * What a case shows: the staff view (masked applicant, clocks evaluated now, history) and the
 * public progress view, which holds only what domain.md §9 allows — item, status, step history
 * with dates, suspensions with reasons and durations, the extension, the deadline and how to
 * collect the result. Never an ID number, phone, address or name; no free text a clerk typed
 * except the expected duration told for a special procedure, and that masked.
 */
import type { Instant } from '../calendar/instant.ts';
import { deliveryLabels } from '../catalogue/labels.ts';
import type { Clock, ClockContext } from '../clocks/clock.ts';
import { evaluate } from '../clocks/evaluate.ts';
import { suspensionCauseLabels, type WarningLevel } from '../clocks/settings.ts';
import { maskText } from '../privacy.ts';
import { caseDueAt, caseWarningLevel, namedClocks } from './case-clocks.ts';
import { type CaseStatus, caseStatusLabels } from './states.ts';
import { transitionRule, transitions } from './transitions.ts';
import type { CaseCommandType, CaseState, ClockName, DeliveryMethod } from './types.ts';

export interface ClockSummary {
  name: ClockName;
  label: string;
  state: 'running' | 'suspended' | 'stopped';
  start: Instant;
  budget: number;
  dueAt: Instant | null;
  usedWorkdays: number;
  leftWorkdays: number;
  suspendedWorkdays: number;
  level: WarningLevel;
  provisional: boolean;
  extension?: { days: number; approver: string; reason: string; grantedAt: Instant };
}

function summarize(name: ClockName, clock: Clock, now: Instant | Date, ctx: ClockContext): ClockSummary {
  const status = evaluate(clock, now, ctx);
  return {
    name,
    label: clock.label ?? name,
    state: status.state,
    start: clock.start,
    budget: status.budget,
    dueAt: status.dueAt,
    usedWorkdays: status.usedWorkdays,
    leftWorkdays: status.leftWorkdays,
    suspendedWorkdays: status.suspendedWorkdays,
    level: status.level,
    provisional: status.provisional,
    ...(clock.extension ? { extension: { ...clock.extension } } : {}),
  };
}

/** Transitions whose from-statuses include the current one (who may give them is checked on use). */
export function availableTransitions(status: CaseStatus): CaseCommandType[] {
  return transitions.filter((rule) => rule.from.includes(status)).map((rule) => rule.type);
}

export function staffView(state: CaseState, now: Instant | Date, ctx: ClockContext) {
  const { clocks: _clocks, ...rest } = state;
  return {
    ...rest,
    statusLabel: caseStatusLabels[state.status],
    dueAt: caseDueAt(state, ctx),
    warningLevel: caseWarningLevel(state, now, ctx),
    clocks: namedClocks(state.clocks).map(([name, clock]) => summarize(name, clock, now, ctx)),
    availableTransitions: availableTransitions(state.status),
  };
}

export type StaffView = ReturnType<typeof staffView>;

/** Where and how the result is collected, from the catalogue and the centre configuration. */
export interface CollectionPlace {
  methods: readonly DeliveryMethod[];
  window?: string;
  address?: string;
  hours?: string;
  phone?: string;
}

export interface PublicProgress {
  caseNo: string;
  item: { code: string; name: string };
  status: CaseStatus;
  statusLabel: string;
  receivedAt: Instant;
  acceptedAt: Instant | null;
  steps: { at: Instant; step: string; status: string }[];
  suspensions: {
    procedure: string;
    expected: string | null;
    start: Instant;
    end: Instant | null;
    workdays: number;
  }[];
  extension: { days: number; reason: string; grantedAt: Instant } | null;
  deadline: { promisedDueAt: Instant | null; statutoryDueAt: Instant | null; provisional: boolean } | null;
  /** 容缺受理: the materials still owed (names from the catalogue) and their deadline. */
  owed: { materials: string[]; dueAt: Instant } | null;
  result: {
    outcome: 'approved' | 'refused' | null;
    outcomeLabel: string | null;
    collect: {
      methods: string[];
      window: string | null;
      address: string | null;
      hours: string | null;
      phone: string | null;
    };
  };
}

function stepLabel(transition: string): string {
  if (transition === 'intake') return '收件';
  try {
    return transitionRule(transition as CaseCommandType).label;
  } catch {
    return transition;
  }
}

/** The public progress of a case (查询结果), for the applicant holding its number and query code. */
export function publicProgress(
  state: CaseState,
  now: Instant | Date,
  ctx: ClockContext,
  place: CollectionPlace,
): PublicProgress {
  const decisionClock = state.clocks.statutory ?? state.clocks.promised;
  const suspensions = (decisionClock?.suspensions ?? []).map((suspension) => {
    const alone: Clock = { ...decisionClock, suspensions: [suspension] } as Clock;
    delete alone.extension;
    delete alone.stoppedAt;
    const workdays = evaluate(alone, suspension.end ?? now, ctx).suspendedWorkdays;
    return {
      procedure: suspensionCauseLabels[suspension.reason],
      expected: suspension.note ? maskText(suspension.note) : null,
      start: suspension.start,
      end: suspension.end ?? null,
      workdays,
    };
  });
  const extension = state.clocks.statutory?.extension;
  const promised = state.clocks.promised ? evaluate(state.clocks.promised, now, ctx) : undefined;
  const statutory = state.clocks.statutory ? evaluate(state.clocks.statutory, now, ctx) : undefined;
  // A revoked decision (撤销) no longer stands: the public page says so instead of the outcome.
  const outcome = state.status === 'revoked' ? null : (state.decision?.outcome ?? null);
  return {
    caseNo: state.caseNo,
    item: { code: state.item.code, name: state.item.name },
    status: state.status,
    statusLabel: caseStatusLabels[state.status],
    receivedAt: state.receivedAt,
    acceptedAt: state.acceptedAt ?? null,
    steps: state.history.map((entry) => ({
      at: entry.at,
      step: stepLabel(entry.transition),
      status: caseStatusLabels[entry.to],
    })),
    suspensions,
    extension: extension
      ? { days: extension.days, reason: maskText(extension.reason), grantedAt: extension.grantedAt }
      : null,
    deadline:
      promised || statutory
        ? {
            promisedDueAt: promised?.dueAt ?? null,
            statutoryDueAt: statutory?.dueAt ?? null,
            provisional: (promised?.provisional ?? false) || (statutory?.provisional ?? false),
          }
        : null,
    owed:
      state.owed && state.owed.materials.length > 0
        ? {
            materials: state.materials
              .filter((material) => state.owed?.materials.includes(material.id))
              .map((material) => material.name),
            dueAt: state.owed.dueAt,
          }
        : null,
    result: {
      outcome,
      outcomeLabel:
        state.status === 'revoked'
          ? '准予决定已撤销'
          : outcome === 'approved'
            ? '准予许可'
            : outcome === 'refused'
              ? '不予许可'
              : null,
      collect: {
        methods: place.methods.map((method) => deliveryLabels[method]),
        window: place.window ?? null,
        address: place.address ?? null,
        hours: place.hours ?? null,
        phone: place.phone ?? null,
      },
    },
  };
}
