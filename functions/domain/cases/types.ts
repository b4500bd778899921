/**
 * The case value: a plain, JSON-safe record of one application — what was applied for (the item
 * version in force at intake), who handles it, its materials, its clocks and its history. The
 * applicant's personal data is not part of it in clear: the domain sees only masked values; the
 * store keeps the full values encrypted next to it.
 */
import type { CivilDate } from '../calendar/civil.ts';
import type { Instant } from '../calendar/instant.ts';
import type { IntakeSnapshot } from '../catalogue/catalogue.ts';
import type { Clock } from '../clocks/clock.ts';
import type { SuspensionReason } from '../clocks/settings.ts';
import type { Role } from '../roles.ts';
import type { CaseStatus } from './states.ts';

/** Who is acting: a staff member as the token describes them. */
export interface Actor {
  username: string;
  displayName?: string;
  roles: readonly Role[];
  /** Catalogue department id (`mz`, `sw`…), from the `custom:department` claim. */
  department?: string;
  /** Window code (`mz-01`…), from the `custom:window` claim. */
  window?: string;
}

/**
 * `owed` (容缺): a secondary material the item lets the applicant supply after acceptance;
 * `committed` (告知承诺): a proof the applicant replaced by a signed commitment.
 */
export const materialStates = [
  'submitted',
  'missing',
  'defective',
  'notApplicable',
  'owed',
  'committed',
] as const;
export type MaterialState = (typeof materialStates)[number];

export const materialStateLabels: Record<MaterialState, string> = {
  submitted: '已提交',
  missing: '缺少',
  defective: '不符合要求',
  notApplicable: '不适用',
  owed: '容缺后补',
  committed: '以承诺代替',
};

/** One entry of the item's checklist, as the case keeps it. */
export interface CaseMaterial {
  /** `m1`, `m2`… in checklist order. */
  id: string;
  name: string;
  required: boolean;
  condition?: string;
  state: MaterialState;
  /** What is wrong or missing, in words the applicant understands. */
  note?: string;
  /** The submission (1 = intake, 2 = first correction…) in which the state was last set. */
  submission: number;
  /** Paper, electronic or either: the form the owed material must come in (from the item). */
  medium?: 'paper' | 'electronic' | 'either';
  /** The item lets it be owed at acceptance (容缺受理). */
  mayBeOwed?: boolean;
  /** The item lets a commitment replace it (证明事项告知承诺制). */
  provableByCommitment?: boolean;
}

/** A material update in a command: the new state of one checklist entry. */
export interface MaterialUpdate {
  id: string;
  state: MaterialState;
  note?: string;
}

/** The one-time correction notice (一次性告知): every missing or defective material at once. */
export interface CorrectionNotice {
  /** The submission it answers. */
  submission: number;
  issuedAt: Instant;
  items: { id: string; name: string; problem: 'missing' | 'defective'; note?: string }[];
  /** Issued within the 5 working days of Art. 32, or late. */
  inTime: boolean;
}

export interface ApplicantSummary {
  kind: 'individual' | 'organisation';
  /** Masked: 张*. */
  name: string;
  /** Masked: 11**************2X. */
  idNumber: string;
  /** Masked: 138****1234. */
  phone: string;
  organisation?: { name: string; creditCode: string };
}

export interface CaseClocks {
  correctionNotice?: Clock;
  /** The decision clocks (承诺时限 and 法定时限), from acceptance. */
  promised?: Clock;
  statutory?: Clock;
  /** The current internal step's own limit. */
  step?: Clock;
  /** Certificate issue and delivery, from an approval (Art. 44). */
  delivery?: Clock;
  /** 容缺受理: the owed materials' deadline, from acceptance. */
  owedMaterials?: Clock;
  /** 告知承诺制: the check of the commitment (事后核查), from the decision. */
  verification?: Clock;
}

export type ClockName = keyof CaseClocks;

export interface CoWindow {
  department: string;
  status: 'pending' | 'notified' | 'done';
  opinion?: string;
  by?: string;
  at?: Instant;
}

export interface HistoryEntry {
  /** The case version this entry produced (1 = intake). */
  version: number;
  transition: string;
  from: CaseStatus | null;
  to: CaseStatus;
  at: Instant;
  by: { username: string; role: Role; actingFor?: string };
  reason?: string;
  /** What the applicant was told (receipt, notice, decision text). */
  told?: string;
  approver?: string;
  /** Clock effects, as `promised:start`, `statutory:suspend`… */
  clocks?: string[];
  details?: Record<string, unknown>;
}

export type DecisionOutcome = 'approved' | 'refused';

/** The two paths that rest on a commitment the applicant signs. */
export type CommitmentPath = 'deferredAcceptance' | 'commitmentDecision';

/** A commitment as the case keeps it: the text the applicant signed, when, and who recorded it. */
export interface SignedCommitment {
  /** The item's commitment text (容缺受理承诺书 / 告知承诺书) at intake. */
  text: string;
  /** 告知承诺制: the liability for a false commitment, as told. */
  liability?: string;
  /** The signer, masked (张*). */
  signedBy: string;
  signedAt: Instant;
  /** The clerk who took the signed commitment. */
  recordedBy: string;
}

/** 容缺受理: what is owed, by when (as the notice told it) and what happens if late. */
export interface OwedMaterials {
  /** Material ids still owed; empty once all arrived. */
  materials: string[];
  since: Instant;
  /** The deadline named on the 容缺受理通知书. */
  dueAt: Instant;
  workdays: number;
  onLate: 'suspend' | 'terminate';
  suppliedAt?: Instant;
  /** When the lateness consequence was applied. */
  lateAt?: Instant;
}

export type VerificationResult = 'confirmed' | 'false';

export interface CaseState {
  caseNo: string;
  centre: string;
  version: number;
  status: CaseStatus;
  item: IntakeSnapshot;
  applicant: ApplicantSummary;
  /** Lead department (catalogue id) and the window that owns the case. */
  department: string;
  window: string;
  /** The clerk in charge; null while the case waits in its window's queue for anyone to take. */
  handler: string | null;
  /** A general window (综合窗口) that took the case in for its department; unset: its own window. */
  intakeWindow?: string;
  /** The 一件事 bundle the case is a part of. */
  bundleNo?: string;
  /** The queue ticket of the visit the case was taken in at (取号 → 叫号 → 受理): its day and number. */
  ticket?: { date: CivilDate; ticketNo: string };
  /** 首问负责制: the clerk first asked, recorded once. */
  firstContact: { username: string; at: Instant };
  priority: { flagged: boolean; reason?: string; by?: string; at?: Instant };
  receivedAt: Instant;
  /** When the latest submission (intake or correction) arrived. */
  lastSubmissionAt: Instant;
  submission: number;
  materials: CaseMaterial[];
  correctionNotices: CorrectionNotice[];
  /** A late correction notice makes the case count as accepted from this instant (Art. 32). */
  deemedAcceptedFrom?: Instant;
  acceptedAt?: Instant;
  /** The instant the decision clocks count from. */
  decisionClockStart?: Instant;
  step?: { name: string; since: Instant; by: string };
  coWindows: CoWindow[];
  decision?: { outcome: DecisionOutcome; at: Instant; reason?: string; remedies?: string };
  notAccepted?: { at: Instant; reason: string; remedies: string; referTo?: string };
  delivery?: { at: Instant; method: DeliveryMethod; note?: string };
  closedAt?: Instant;
  /** Commitments signed at intake, per path. */
  commitments?: Partial<Record<CommitmentPath, SignedCommitment>>;
  owed?: OwedMaterials;
  /** 事后核查: the recorded result of checking the commitment. */
  verification?: { result: VerificationResult; evidence: string; at: Instant; by: string };
  /** 撤销: a decision made on a false commitment, revoked; the result recalled. */
  revocation?: { at: Instant; reason: string; remedies: string; barredUntil: string };
  /** 终止办理: owed materials late on an item whose rule ends the case. */
  terminated?: { at: Instant; reason: string };
  clocks: CaseClocks;
  history: HistoryEntry[];
}

export type DeliveryMethod = 'window' | 'post' | 'electronic';

/** The commands, one per transition. Every one carries the version it was decided against. */
export type CaseCommand =
  | { type: 'requestCorrection'; materials?: MaterialUpdate[]; told: string }
  | { type: 'correct'; materials: MaterialUpdate[]; note?: string }
  | { type: 'accept'; materials?: MaterialUpdate[]; told: string }
  | { type: 'notAccept'; reason: string; remedies: string; told: string; referTo?: string }
  | {
      type: 'transfer';
      step: string;
      reason: string;
      to?: { department?: string; window?: string; handler?: string | null };
    }
  | { type: 'suspend'; reason: SuspensionReason; note: string; told: string }
  | { type: 'resume'; note?: string; told?: string }
  | { type: 'extend'; days: number; reason: string; told: string; approver?: string }
  | { type: 'approve'; told: string; note?: string }
  | { type: 'refuse'; reason: string; remedies: string; told: string }
  | { type: 'deliver'; method: DeliveryMethod; note?: string }
  | { type: 'close'; note?: string }
  | { type: 'withdraw'; reason: string; told: string }
  | { type: 'return'; reason: string; told: string }
  | { type: 'coOpinion'; opinion: string }
  | { type: 'settleInstantly'; materials?: MaterialUpdate[]; told: string }
  | { type: 'flagPriority'; reason: string }
  | { type: 'supplyOwed'; materials: { id: string; note?: string }[]; note?: string }
  | { type: 'applyOwedLateness'; told: string }
  | {
      type: 'recordVerification';
      result: VerificationResult;
      evidence: string;
      told?: string;
      remedies?: string;
    };

export type CaseCommandType = CaseCommand['type'];
