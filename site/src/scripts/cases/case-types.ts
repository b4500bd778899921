/** The staff view of a case as GET /api/cases/{caseNo} returns it (functions/http/cases/schemas.ts). */
export interface CaseMaterial {
  id: string;
  name: string;
  required: boolean;
  condition?: string;
  state: 'submitted' | 'missing' | 'defective' | 'notApplicable' | 'owed' | 'committed';
  note?: string;
  medium?: 'paper' | 'electronic' | 'either';
  mayBeOwed?: boolean;
  provableByCommitment?: boolean;
}

export interface SignedCommitment {
  text: string;
  liability?: string;
  signedBy: string;
  signedAt: string;
  recordedBy: string;
}

export interface CaseClock {
  name: string;
  label: string;
  state: 'running' | 'suspended' | 'stopped';
  budget: number;
  dueAt: string | null;
  usedWorkdays: number;
  leftWorkdays: number;
  suspendedWorkdays: number;
  level: string;
  provisional: boolean;
  extension?: { days: number; approver: string; reason: string; grantedAt: string };
}

export interface CaseHistoryEntry {
  version: number;
  transition: string;
  to: string;
  at: string;
  by: { username: string; role: string; actingFor?: string };
  reason?: string;
  told?: string;
  approver?: string;
}

export interface CaseView {
  caseNo: string;
  version: number;
  status: string;
  statusLabel: string;
  item: {
    code: string;
    name: string;
    department: string;
    class: string;
    statutoryDays?: number;
    promisedDays?: number;
  };
  applicant: { kind: string; name: string; idNumber: string; phone: string; organisation?: { name: string } };
  department: string;
  window: string;
  handler: string | null;
  /** The queue ticket of the visit the case was taken in at. */
  ticket?: { date: string; ticketNo: string };
  priority: { flagged: boolean; reason?: string };
  receivedAt: string;
  acceptedAt?: string;
  materials: CaseMaterial[];
  correctionNotices: {
    submission: number;
    issuedAt: string;
    items: { id: string; name: string; problem: 'missing' | 'defective'; note?: string }[];
  }[];
  coWindows: { department: string; status: string }[];
  decision?: { outcome: 'approved' | 'refused'; at: string; reason?: string; remedies?: string };
  notAccepted?: { at: string; reason: string; remedies: string; referTo?: string };
  delivery?: { at: string; method: string };
  /** A part of a 一件事 taken in at a general window: rated once with its bundle. */
  bundleNo?: string;
  intakeWindow?: string;
  commitments?: { deferredAcceptance?: SignedCommitment; commitmentDecision?: SignedCommitment };
  owed?: {
    materials: string[];
    since: string;
    dueAt: string;
    workdays: number;
    onLate: 'suspend' | 'terminate';
    suppliedAt?: string;
    lateAt?: string;
  };
  verification?: { result: 'confirmed' | 'false'; evidence: string; at: string; by: string };
  revocation?: { at: string; reason: string; remedies: string; barredUntil: string };
  terminated?: { at: string; reason: string };
  dueAt: string | null;
  warningLevel: string;
  clocks: CaseClock[];
  availableTransitions: string[];
  history: CaseHistoryEntry[];
}

export const transitionLabels: Record<string, string> = {
  intake: '收件',
  requestCorrection: '一次性告知补正',
  correct: '补正材料',
  accept: '受理',
  notAccept: '不予受理',
  settleInstantly: '当场办结',
  transfer: '内部流转',
  suspend: '进入特别程序',
  resume: '特别程序结束',
  extend: '延期',
  coOpinion: '联办意见',
  approve: '准予许可',
  refuse: '不予许可',
  deliver: '出件',
  close: '归档',
  withdraw: '申请人撤回',
  return: '退件',
  flagPriority: '绿色通道',
  supplyOwed: '补齐容缺材料',
  applyOwedLateness: '容缺逾期处理',
  recordVerification: '登记核查结果',
};

export const materialStateLabels: Record<string, string> = {
  submitted: '已提交',
  missing: '缺少',
  defective: '不符合要求',
  notApplicable: '不适用',
  owed: '容缺后补',
  committed: '以承诺代替',
};

export const mediumLabels: Record<string, string> = {
  paper: '纸质',
  electronic: '电子',
  either: '纸质或电子',
};

export const onLateLabels: Record<string, string> = {
  suspend: '逾期未补齐的，暂停办理（审批时限中止计算），补齐后恢复办理',
  terminate: '逾期未补齐的，终止办理',
};
