/**
 * Intake (收件): the birth of a case. The clerk of the item's lead department records what was
 * applied for (the item version in force), the applicant (masked here; the store keeps the full
 * values encrypted), the state of every material of the checklist, and starts the 5-day clock of
 * the one-time correction notice. The clerk becomes the first-contact owner (首问负责制) and the
 * handler.
 */
import type { CivilDate } from '../calendar/civil.ts';
import { civilDateAt, formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import type { IntakeSnapshot } from '../catalogue/catalogue.ts';
import { correctionNoticeClock } from '../clocks/kinds.ts';
import { intakePaths, signedCommitments } from './acceptance-paths.ts';
import { applyMaterialUpdates } from './decide.ts';
import { CaseError } from './errors.ts';
import type {
  Actor,
  ApplicantSummary,
  CaseMaterial,
  CaseState,
  CommitmentPath,
  HistoryEntry,
  MaterialUpdate,
} from './types.ts';

export interface IntakeInput {
  caseNo: string;
  centre: string;
  item: IntakeSnapshot;
  applicant: ApplicantSummary;
  /** A state for every required material; conditional ones left out are not applicable. */
  materials: readonly MaterialUpdate[];
  /** 绿色通道: flagged at intake, with the reason. */
  priority?: { reason: string };
  /** What the receipt told the applicant. */
  told?: string;
  /** The commitments the applicant signed (容缺受理承诺书, 告知承诺书), per path. */
  commitments?: Partial<Record<CommitmentPath, boolean>>;
  /** The last day a broken commitment bars this applicant from both paths, when a bar stands. */
  barredUntil?: string;
  /** The queue ticket the visitor was called with, when intake started from a call. */
  ticket?: { date: CivilDate; ticketNo: string };
}

/** The checklist a case keeps: the item's materials as `m1`, `m2`… in order. */
export function checklist(item: IntakeSnapshot): CaseMaterial[] {
  return item.materials.map((material, index) => ({
    id: `m${index + 1}`,
    name: material.name,
    required: material.required,
    ...(material.condition ? { condition: material.condition } : {}),
    state: material.required ? 'missing' : 'notApplicable',
    submission: 1,
    ...(material.medium ? { medium: material.medium } : {}),
    ...(material.mayBeOwed ? { mayBeOwed: true } : {}),
    ...(material.provableByCommitment ? { provableByCommitment: true } : {}),
  }));
}

/** Required materials the intake gave no state for: each is a field error. */
export function materialsWithoutState(
  item: IntakeSnapshot,
  updates: readonly MaterialUpdate[],
): CaseMaterial[] {
  const given = new Set(updates.map((update) => update.id));
  return checklist(item).filter((material) => material.required && !given.has(material.id));
}

export function openCase(input: IntakeInput, actor: Actor, now: Instant | Date): CaseState {
  if (!actor.roles.includes('clerk') || actor.department !== input.item.department || !actor.window) {
    throw new CaseError(
      'not-permitted',
      `此事项由 ${input.item.department} 部门窗口收件；只有该部门窗口工作人员可以收件。`,
    );
  }
  const unset = materialsWithoutState(input.item, input.materials);
  if (unset.length > 0) {
    const first = unset[0] as CaseMaterial;
    throw new CaseError(
      'requirement-missing',
      `必要材料须逐项登记状态：${unset.map((material) => `${material.id} ${material.name}`).join('；')}。`,
      { field: `body.materials.${first.id}` },
    );
  }
  const at = formatInstant(toEpochMs(now));
  const materials = applyMaterialUpdates(checklist(input.item), input.materials, 1);
  const paths = intakePaths({
    item: input.item,
    materials,
    signed: input.commitments ?? {},
    ...(input.barredUntil === undefined ? {} : { barredUntil: input.barredUntil }),
    today: civilDateAt(at),
  });
  const priorityReason = input.priority?.reason.trim();
  const told = input.told?.trim();
  const entry: HistoryEntry = {
    version: 1,
    transition: 'intake',
    from: null,
    to: 'received',
    at,
    by: { username: actor.username, role: 'clerk' },
    ...(told ? { told } : {}),
    clocks: ['correctionNotice:start'],
    details: {
      item: `${input.item.code}@${input.item.version}`,
      ...(priorityReason ? { priority: priorityReason } : {}),
      ...(paths.length > 0 ? { paths } : {}),
      ...(input.ticket ? { ticket: input.ticket.ticketNo } : {}),
    },
  };
  return {
    caseNo: input.caseNo,
    centre: input.centre,
    version: 1,
    status: 'received',
    item: input.item,
    applicant: input.applicant,
    department: input.item.department,
    window: actor.window,
    handler: actor.username,
    ...(input.ticket ? { ticket: { date: input.ticket.date, ticketNo: input.ticket.ticketNo } } : {}),
    firstContact: { username: actor.username, at },
    priority: priorityReason
      ? { flagged: true, reason: priorityReason, by: actor.username, at }
      : { flagged: false },
    receivedAt: at,
    lastSubmissionAt: at,
    submission: 1,
    materials,
    correctionNotices: [],
    ...(paths.length > 0
      ? { commitments: signedCommitments(input.item, paths, input.applicant.name, actor.username, at) }
      : {}),
    coWindows: input.item.coDepartments.map((department) => ({ department, status: 'pending' as const })),
    clocks: { correctionNotice: correctionNoticeClock(at) },
    history: [entry],
  };
}
