/**
 * The two acceptance paths that rest on the applicant's signed commitment (domain.md §11):
 *
 * - 容缺受理: a case is accepted while secondary materials (the item's `mayBeOwed` ones) are owed;
 *   the main materials must be complete. The owed materials have their own clock; approval and
 *   delivery wait for them; late ⇒ the item's rule (suspend, or end the case: 终止办理).
 * - 告知承诺制: a commitment stands in for listed proofs (scope `proofs`: those materials are
 *   `committed`) or for the item's conditions (scope `item`); the decision starts a verification
 *   clock (事后核查); a false commitment revokes the decision and bars the applicant.
 *
 * A broken commitment bars both paths for the period the centre sets (`acceptancePaths.barMonths`
 * in centre.json). The bar is keyed by a keyed hash of the ID number (the store's concern); here
 * it is only "barred until a date", and the refusal says no more than that.
 */
import { addDays, civilParts, daysInMonth, formatCivil } from '../calendar/civil.ts';
import { civilDateAt, type Instant } from '../calendar/instant.ts';
import type { IntakeSnapshot } from '../catalogue/catalogue.ts';
import { CaseError } from './errors.ts';
import type { CaseMaterial, CaseState, CommitmentPath, MaterialUpdate, SignedCommitment } from './types.ts';

export const commitmentPathLabels: Record<CommitmentPath, string> = {
  deferredAcceptance: '容缺受理',
  commitmentDecision: '告知承诺制',
};

export const onLateLabels: Record<'suspend' | 'terminate', string> = {
  suspend: '逾期未补齐的，暂停办理（审批时限中止计算），补齐后恢复',
  terminate: '逾期未补齐的，终止办理，已受理的申请不再审查',
};

export interface AcceptancePathSettings {
  /** Months a broken commitment bars the applicant from both paths. */
  barMonths: number;
}

export const defaultAcceptancePathSettings: AcceptancePathSettings = { barMonths: 12 };

/** Validated `acceptancePaths` of a centre configuration (absent: the default). */
export function parseAcceptancePathSettings(raw: unknown): AcceptancePathSettings {
  const section = (raw as { acceptancePaths?: unknown } | null | undefined)?.acceptancePaths;
  if (section === undefined) return defaultAcceptancePathSettings;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new Error('acceptancePaths: expected { barMonths }.');
  }
  const { barMonths } = section as { barMonths?: unknown };
  if (barMonths === undefined) return defaultAcceptancePathSettings;
  if (typeof barMonths !== 'number' || !Number.isInteger(barMonths) || barMonths < 1 || barMonths > 60) {
    throw new Error(
      `acceptancePaths.barMonths: expected a whole number of months 1–60, got ${JSON.stringify(barMonths)}.`,
    );
  }
  return { barMonths };
}

/**
 * The last day of a bar that starts at `at` and lasts `months` calendar months: the day before the
 * same date `months` later (a month without that date ends the bar on its last day).
 */
export function barredUntil(at: Instant | Date, months: number): string {
  const parts = civilParts(civilDateAt(at));
  if (!parts) throw new Error(`Not an instant: ${String(at)}`);
  const total = parts.month - 1 + months;
  const year = parts.year + Math.floor(total / 12);
  const month = (total % 12) + 1;
  const sameDay = formatCivil({ year, month, day: Math.min(parts.day, daysInMonth(year, month)) });
  return addDays(sameDay, -1);
}

/** The refusal of a barred applicant: why and until when, nothing about the case behind it. */
export function barredError(until: string): CaseError {
  return new CaseError(
    'commitment-barred',
    `申请人有违反承诺的记录，${until}（含）前不适用容缺受理和告知承诺制；可按一般程序提交全部材料办理。`,
    { field: 'body.commitments' },
  );
}

export interface PathRequest {
  item: IntakeSnapshot;
  /** The checklist with the intake's states applied. */
  materials: readonly CaseMaterial[];
  /** The commitments the applicant signed at the window. */
  signed: Partial<Record<CommitmentPath, boolean>>;
  /** The last day the applicant is barred, when a bar stands. */
  barredUntil?: string;
  /** Today (Beijing), to compare with the bar. */
  today: string;
}

/**
 * Which commitment paths an intake takes, checked: an owed or committed material needs its path's
 * signed commitment, a signed commitment needs the item's rule (and, for proofs, a proof it
 * replaces), and a barred applicant may take neither. Throws {@link CaseError}.
 */
export function intakePaths(request: PathRequest): CommitmentPath[] {
  const { item, materials, signed } = request;
  const owed = materials.filter((material) => material.state === 'owed');
  const committed = materials.filter((material) => material.state === 'committed');
  const paths: CommitmentPath[] = [];
  if (owed.length > 0 || signed.deferredAcceptance) {
    if (!item.deferredAcceptance) {
      throw new CaseError('path-not-allowed', `事项“${item.name}”不适用容缺受理。`, {
        field: 'body.commitments.deferredAcceptance',
      });
    }
    if (!signed.deferredAcceptance) {
      throw new CaseError(
        'path-not-allowed',
        `容缺受理须申请人签署容缺受理承诺书：${owed.map((m) => `${m.id} ${m.name}`).join('；')}。`,
        { field: 'body.commitments.deferredAcceptance' },
      );
    }
    if (owed.length === 0) {
      throw new CaseError('path-not-allowed', '签署了容缺受理承诺书，但没有标为容缺后补的材料。', {
        field: 'body.materials',
      });
    }
    paths.push('deferredAcceptance');
  }
  if (committed.length > 0 || signed.commitmentDecision) {
    const rule = item.commitmentDecision;
    if (!rule) {
      throw new CaseError('path-not-allowed', `事项“${item.name}”不适用告知承诺制。`, {
        field: 'body.commitments.commitmentDecision',
      });
    }
    if (!signed.commitmentDecision) {
      throw new CaseError('path-not-allowed', '以承诺代替证明须申请人签署告知承诺书。', {
        field: 'body.commitments.commitmentDecision',
      });
    }
    if (rule.scope === 'proofs' && committed.length === 0) {
      throw new CaseError('path-not-allowed', '签署了告知承诺书，但没有标为以承诺代替的证明材料。', {
        field: 'body.materials',
      });
    }
    paths.push('commitmentDecision');
  }
  if (paths.length > 0 && request.barredUntil !== undefined && request.barredUntil >= request.today) {
    throw barredError(request.barredUntil);
  }
  return paths;
}

/** The commitments an intake records, from the item's texts: who signed, when, who took it. */
export function signedCommitments(
  item: IntakeSnapshot,
  paths: readonly CommitmentPath[],
  signedBy: string,
  recordedBy: string,
  at: Instant,
): Partial<Record<CommitmentPath, SignedCommitment>> {
  const out: Partial<Record<CommitmentPath, SignedCommitment>> = {};
  if (paths.includes('deferredAcceptance') && item.deferredAcceptance) {
    out.deferredAcceptance = { text: item.deferredAcceptance.commitment, signedBy, signedAt: at, recordedBy };
  }
  if (paths.includes('commitmentDecision') && item.commitmentDecision) {
    out.commitmentDecision = {
      text: item.commitmentDecision.commitment,
      liability: item.commitmentDecision.liability,
      signedBy,
      signedAt: at,
      recordedBy,
    };
  }
  return out;
}

/** Checks that an `owed` or `committed` state is one the material allows. */
export function checkPathState(material: CaseMaterial, update: MaterialUpdate): void {
  if (update.state === 'owed' && !material.mayBeOwed) {
    throw new CaseError('path-not-allowed', `材料“${material.name}”不是可容缺的次要材料，不能容缺后补。`, {
      field: `body.materials.${material.id}`,
    });
  }
  if (update.state === 'committed' && !material.provableByCommitment) {
    throw new CaseError('path-not-allowed', `材料“${material.name}”不能以承诺代替。`, {
      field: `body.materials.${material.id}`,
    });
  }
}

/** Materials still owed. */
export function owedMaterialsOf(state: Pick<CaseState, 'materials'>): CaseMaterial[] {
  return state.materials.filter((material) => material.state === 'owed');
}

/** Approval, delivery and on-the-spot settlement wait for owed materials: 422 naming them. */
export function requireNothingOwed(state: Pick<CaseState, 'materials'>, what: string): void {
  const owed = owedMaterialsOf(state);
  if (owed.length > 0) {
    throw new CaseError(
      'materials-owed',
      `容缺材料尚未补齐，不能${what}：${owed.map((material) => `${material.id} ${material.name}`).join('；')}。`,
      { field: 'materials' },
    );
  }
}
