/** Items, staff and a helper that drives a case to any status, for the domain tests. */
import { defaultCalendar } from '../../../functions/domain/calendar/calendar.ts';
import {
  type Actor,
  type CaseCommand,
  type CaseContext,
  type CaseState,
  type CaseStatus,
  decide,
  type MaterialUpdate,
  openCase,
} from '../../../functions/domain/cases/index.ts';
import type { IntakeSnapshot } from '../../../functions/domain/catalogue/catalogue.ts';
import { clockContext } from '../../../functions/domain/clocks/clock.ts';

export const clocks = clockContext(defaultCalendar());
export const ctx: CaseContext = { clocks, handlerAway: false };
export const away: CaseContext = { clocks, handlerAway: true };

/** Beijing local time. 2026-11-02 is a Monday. */
export const T = (local: string) => `${local}+08:00`;

export const promisedItem: IntakeSnapshot = {
  code: 'YC-MZ-0102',
  version: '2026-01-01',
  name: '社会团体变更登记',
  department: 'mz',
  coDepartments: [],
  class: 'promised',
  statutoryDays: 20,
  promisedDays: 10,
  materials: [
    { name: '变更登记申请表', required: true, condition: undefined, originals: 1, copies: 0 },
    { name: '业务主管单位同意文件', required: true, condition: undefined, originals: 1, copies: 0 },
    { name: '理事会决议', required: true, condition: undefined, originals: 1, copies: 0 },
    { name: '新住所使用权证明', required: false, condition: '变更住所的', originals: 1, copies: 1 },
  ],
  steps: [
    { name: '受理', limitDays: 1 },
    { name: '审查', limitDays: 6 },
    { name: '决定', limitDays: 2 },
    { name: '换发证书', limitDays: undefined },
  ],
};

export const jointItem: IntakeSnapshot = {
  code: 'YC-SJ-0301',
  version: '2026-01-01',
  name: '企业开办一件事',
  department: 'sj',
  coDepartments: ['sw', 'rs'],
  class: 'joint',
  statutoryDays: 45,
  promisedDays: 2,
  materials: [
    { name: '企业设立登记申请书', required: true, condition: undefined, originals: 1, copies: 0 },
    { name: '公司章程', required: true, condition: undefined, originals: 1, copies: 0 },
  ],
  steps: [
    { name: '一窗受理', limitDays: 1 },
    { name: '并联办理', limitDays: 1 },
    { name: '一窗出件', limitDays: 0 },
  ],
};

export const instantItem: IntakeSnapshot = {
  code: 'YC-RS-0201',
  version: '2026-01-01',
  name: '失业登记',
  department: 'rs',
  coDepartments: [],
  class: 'instant',
  statutoryDays: undefined,
  promisedDays: undefined,
  materials: [
    { name: '申请人有效身份证件', required: true, condition: undefined, originals: 1, copies: 0 },
    { name: '解除劳动合同证明', required: false, condition: '已解除劳动合同的', originals: 1, copies: 1 },
  ],
  steps: [{ name: '受理', limitDays: undefined }],
};

/**
 * An item on both commitment paths (容缺受理 and 证明事项告知承诺制), for the path tests: m2 may be
 * owed, m3 may be replaced by a commitment. Late owed materials end the case (`terminate`).
 */
export const pathsItem: IntakeSnapshot = {
  ...promisedItem,
  code: 'YC-MZ-0901',
  name: '测试事项（容缺与告知承诺）',
  materials: [
    { name: '申请表', required: true, condition: undefined, originals: 1, copies: 0, medium: 'paper' },
    {
      name: '场所平面图',
      required: true,
      condition: undefined,
      originals: 1,
      copies: 0,
      medium: 'paper',
      mayBeOwed: true,
    },
    {
      name: '无犯罪记录证明',
      required: true,
      condition: undefined,
      originals: 1,
      copies: 0,
      medium: 'either',
      provableByCommitment: true,
    },
    { name: '委托书', required: false, condition: '委托代理的', originals: 1, copies: 0, medium: 'paper' },
  ],
  deferredAcceptance: {
    maxOwedWorkdays: 5,
    onLate: 'terminate',
    commitment: '本人承诺在规定期限内补齐容缺材料，逾期未补齐的，同意终止办理。',
    basis: '《云川市政务服务容缺受理实施办法》',
  },
  commitmentDecision: {
    scope: 'proofs',
    requirement: '申请人无故意犯罪记录。',
    commitment: '本人承诺无故意犯罪记录，所作承诺真实。',
    liability: '承诺不实的，撤销许可决定，并记入失信记录。',
    verification: { workdays: 10, method: 'dataSharing', description: '通过数据共享平台核验' },
    basis: '国办发〔2020〕42号',
  },
};

/** The same item, late owed materials suspending the case instead. */
export const suspendingPathsItem: IntakeSnapshot = {
  ...pathsItem,
  deferredAcceptance: {
    ...(pathsItem.deferredAcceptance as NonNullable<IntakeSnapshot['deferredAcceptance']>),
    onLate: 'suspend',
  },
};

const staff = (username: string, roles: Actor['roles'], department?: string, window?: string): Actor => ({
  username,
  roles,
  ...(department ? { department } : {}),
  ...(window ? { window } : {}),
});

export const actors = {
  clerk: staff('clerk', ['clerk'], 'mz', 'mz-01'),
  clerkB: staff('clerk-b', ['clerk'], 'mz', 'mz-01'),
  clerkOtherWindow: staff('clerk-mz2', ['clerk'], 'mz', 'mz-02'),
  chief: staff('chief', ['chief'], 'mz'),
  leader: staff('leader', ['leader'], 'mz'),
  supervisor: staff('supervisor', ['supervisor']),
  admin: staff('admin', ['admin']),
  clerkSw: staff('clerk-sw', ['clerk'], 'sw', 'sw-01'),
  chiefSw: staff('chief-sw', ['chief'], 'sw'),
  clerkSj: staff('clerk-sj', ['clerk'], 'sj', 'sj-01'),
  chiefSj: staff('chief-sj', ['chief'], 'sj'),
  clerkRs: staff('clerk-rs', ['clerk'], 'rs', 'rs-01'),
};

export const applicant = {
  kind: 'individual' as const,
  name: '张*',
  idNumber: '11**************2X',
  phone: '138****1234',
};

export function allSubmitted(item: IntakeSnapshot): MaterialUpdate[] {
  return item.materials.flatMap((material, index) =>
    material.required ? [{ id: `m${index + 1}`, state: 'submitted' as const }] : [],
  );
}

/** The lead clerk of each test item. */
export function leadClerk(item: IntakeSnapshot): Actor {
  return item.department === 'sj' ? actors.clerkSj : item.department === 'rs' ? actors.clerkRs : actors.clerk;
}

export function leadChief(item: IntakeSnapshot): Actor {
  return item.department === 'sj' ? actors.chiefSj : actors.chief;
}

export function intake(
  item: IntakeSnapshot = promisedItem,
  materials = allSubmitted(item),
  at = T('2026-11-02T09:00:00'),
) {
  return openCase(
    { caseNo: 'YC0001-20261102-0001', centre: 'YC0001', item, applicant, materials },
    leadClerk(item),
    at,
  );
}

/** `item` with the materials and path rules of {@link pathsItem}. */
export function onPaths(item: IntakeSnapshot): IntakeSnapshot {
  if (item === promisedItem) return pathsItem;
  return {
    ...item,
    materials: pathsItem.materials,
    ...(pathsItem.deferredAcceptance ? { deferredAcceptance: pathsItem.deferredAcceptance } : {}),
    ...(pathsItem.commitmentDecision ? { commitmentDecision: pathsItem.commitmentDecision } : {}),
  };
}

/** Intake on the paths: `owed` materials owed, `committed` ones replaced by a commitment, both signed. */
export function intakeOnPaths(
  options: { owed?: string[]; committed?: string[]; barredUntil?: string; item?: IntakeSnapshot } = {},
  at = T('2026-11-02T09:00:00'),
) {
  const item = options.item ?? pathsItem;
  const materials = allSubmitted(item).map((update) =>
    options.owed?.includes(update.id)
      ? { ...update, state: 'owed' as const }
      : options.committed?.includes(update.id)
        ? { ...update, state: 'committed' as const }
        : update,
  );
  return openCase(
    {
      caseNo: 'YC0001-20261102-0002',
      centre: 'YC0001',
      item,
      applicant,
      materials,
      commitments: {
        ...(options.owed?.length ? { deferredAcceptance: true } : {}),
        ...(options.committed?.length ? { commitmentDecision: true } : {}),
      },
      ...(options.barredUntil ? { barredUntil: options.barredUntil } : {}),
    },
    leadClerk(item),
    at,
  );
}

/** Applies commands in order, an hour apart from 10:00 of the intake day. */
export function run(
  state: CaseState,
  steps: [CaseCommand, Actor?][],
  start = T('2026-11-02T10:00:00'),
): CaseState {
  let current = state;
  let ms = Date.parse(start);
  for (const [command, actor] of steps) {
    current = decide(current, command, actor ?? leadClerk(current.item), new Date(ms), ctx).state;
    ms += 3600_000;
  }
  return current;
}

const told = '已当面告知并出具书面凭证';

export const commands = {
  requestCorrection: (materials?: MaterialUpdate[]): CaseCommand => ({
    type: 'requestCorrection',
    told,
    ...(materials ? { materials } : {}),
  }),
  correct: (materials: MaterialUpdate[]): CaseCommand => ({ type: 'correct', materials }),
  accept: (): CaseCommand => ({ type: 'accept', told: '出具受理通知书' }),
  transfer: (step = '审查'): CaseCommand => ({ type: 'transfer', step, reason: '转审查环节' }),
  suspend: (): CaseCommand => ({ type: 'suspend', reason: 'expertReview', note: '约 10 个工作日', told }),
  resume: (): CaseCommand => ({ type: 'resume', note: '专家评审结束' }),
  extend: (days = 10): CaseCommand => ({ type: 'extend', days, reason: '情况复杂', told }),
  approve: (): CaseCommand => ({ type: 'approve', told: '准予变更登记' }),
  refuse: (): CaseCommand => ({
    type: 'refuse',
    reason: '不符合法定条件',
    remedies: '可于 60 日内申请行政复议或 6 个月内提起行政诉讼',
    told,
  }),
  deliver: (): CaseCommand => ({ type: 'deliver', method: 'window' }),
  close: (): CaseCommand => ({ type: 'close' }),
  withdraw: (): CaseCommand => ({ type: 'withdraw', reason: '申请人书面申请撤回', told }),
  return: (): CaseCommand => ({ type: 'return', reason: '逾期未补正', told }),
  notAccept: (): CaseCommand => ({
    type: 'notAccept',
    reason: '不属于本部门职权范围',
    remedies: '可申请行政复议或提起行政诉讼',
    told,
    referTo: '区市场监管局',
  }),
  coOpinion: (): CaseCommand => ({ type: 'coOpinion', opinion: '同意' }),
  settleInstantly: (): CaseCommand => ({ type: 'settleInstantly', told: '当场办结' }),
  flagPriority: (): CaseCommand => ({ type: 'flagPriority', reason: '重点项目' }),
  supplyOwed: (ids = ['m2']): CaseCommand => ({ type: 'supplyOwed', materials: ids.map((id) => ({ id })) }),
  applyOwedLateness: (): CaseCommand => ({ type: 'applyOwedLateness', told: '出具终止办理通知书' }),
  recordVerification: (result: 'confirmed' | 'false' = 'confirmed'): CaseCommand => ({
    type: 'recordVerification',
    result,
    evidence: result === 'false' ? '共享平台核验：有故意犯罪记录' : '共享平台核验一致',
    ...(result === 'false' ? { told: '出具撤销决定书', remedies: '可申请行政复议或提起行政诉讼' } : {}),
  }),
};

/** A case of `item` in `status`, reached through the ordinary transitions. */
export function reach(status: CaseStatus, item: IntakeSnapshot = promisedItem): CaseState {
  const clerk = leadClerk(item);
  const chief = leadChief(item);
  const incomplete = allSubmitted(item).map((update, index) =>
    index === 0 ? { ...update, state: 'missing' as const } : update,
  );
  const coOpinions: [CaseCommand, Actor][] = item.coDepartments.map((department) => [
    commands.coOpinion(),
    department === 'sw' ? actors.clerkSw : actors.clerkRs,
  ]);
  const reviewed = () => run(intake(item), [[commands.accept()], [commands.transfer(item.steps[1]?.name)]]);
  switch (status) {
    case 'received':
      return intake(item);
    case 'correctionRequested':
      return run(intake(item, incomplete), [[commands.requestCorrection()]]);
    case 'corrected':
      return run(intake(item, incomplete), [
        [commands.requestCorrection()],
        [commands.correct([{ id: 'm1', state: 'submitted' }])],
      ]);
    case 'accepted':
      return run(intake(item), [[commands.accept()]]);
    case 'notAccepted':
      return run(intake(item), [[commands.notAccept()]]);
    case 'inReview':
      return reviewed();
    case 'suspended':
      return run(reviewed(), [[commands.suspend()]], T('2026-11-03T10:00:00'));
    case 'decided':
      return run(reviewed(), [...coOpinions, [commands.approve(), clerk]], T('2026-11-03T10:00:00'));
    case 'delivered':
      return run(
        reviewed(),
        [...coOpinions, [commands.approve(), clerk], [commands.deliver()]],
        T('2026-11-03T10:00:00'),
      );
    case 'closed':
      return run(
        reviewed(),
        [...coOpinions, [commands.approve(), clerk], [commands.deliver()], [commands.close(), chief]],
        T('2026-11-03T10:00:00'),
      );
    case 'withdrawn':
      return run(intake(item), [[commands.withdraw()]]);
    case 'returned':
      return run(intake(item), [[commands.return()]]);
    case 'terminated':
      return run(
        run(intakeOnPaths({ owed: ['m2'], item: onPaths(item) }), [[commands.accept()]]),
        [[commands.applyOwedLateness()]],
        T('2026-11-10T10:00:00'),
      );
    case 'revoked':
      return run(intakeOnPaths({ committed: ['m3'], item: onPaths(item) }), [
        [commands.accept()],
        ...coOpinions,
        [commands.approve(), clerk],
        [commands.recordVerification('false'), clerk],
      ]);
  }
}
