/** A small valid catalogue to break one rule at a time. */
import type { Material, ServiceItem } from '../../../functions/domain/catalogue/schema.ts';

export const departmentsFixture = {
  file: 'fixture/departments.json',
  data: [
    { id: 'mz', name: '示例民政局', shortName: '民政', window: 'B区 01 号窗口' },
    { id: 'sw', name: '示例税务局', shortName: '税务', window: 'C区 01 号窗口' },
  ],
};

export function promisedItem(overrides: Partial<ServiceItem> = {}): ServiceItem {
  return {
    code: 'YC-T-0001',
    basicCode: 'YCJB-T-001',
    version: '2026-01-01',
    name: '测试事项成立登记',
    handlingKind: 'new',
    type: 'licensing',
    department: 'mz',
    implementingAgency: '示例民政局',
    legalBasis: [
      { title: '中华人民共和国行政许可法', issuer: '全国人民代表大会常务委员会', version: '2019-04-23' },
    ],
    applicantScope: 'organisation',
    conditions: ['已经业务主管单位审查同意', '有固定的住所'],
    materials: [
      { name: '申请书', required: true, originals: 1, copies: 0, medium: 'paper', issuer: '申请人' },
      {
        name: '住所使用证明',
        required: false,
        condition: '变更住所的',
        originals: 1,
        copies: 1,
        medium: 'paper',
        issuer: '申请人',
      },
    ],
    procedure: [
      { name: '受理', limitDays: 1 },
      { name: '审查', limitDays: 6 },
      { name: '决定', limitDays: 2 },
    ],
    class: 'promised',
    limits: { statutoryDays: 20, promisedDays: 10 },
    fees: { statement: '不收费' },
    result: { name: '登记证书', type: 'certificate', delivery: ['window'] },
    visits: 1,
    online: { level: 'none' },
    ...overrides,
  };
}

export function instantItem(overrides: Partial<ServiceItem> = {}): ServiceItem {
  return promisedItem({
    code: 'YC-T-0002',
    name: '测试即办事项',
    class: 'instant',
    limits: {},
    procedure: [{ name: '受理' }, { name: '办结' }],
    ...overrides,
  });
}

export const source = (data: unknown, file = 'fixture/services/YC-T-0001.json') => ({ file, data });

/** 容缺受理: the conditional 住所使用证明 may be owed for up to 5 working days. */
export function deferredItem(overrides: Partial<ServiceItem> = {}): ServiceItem {
  const base = promisedItem();
  return promisedItem({
    materials: [base.materials[0] as Material, { ...(base.materials[1] as Material), mayBeOwed: true }],
    deferredAcceptance: {
      maxOwedWorkdays: 5,
      onLate: 'suspend',
      commitment: '本单位承诺在受理之日起 5 个工作日内补齐住所使用证明。',
      basis: '《云川市政务服务容缺受理实施办法》',
    },
    ...overrides,
  });
}

/** 告知承诺制 for a proof: the 住所使用证明 may be replaced by a commitment, checked by data sharing. */
export function commitmentItem(overrides: Partial<ServiceItem> = {}): ServiceItem {
  const base = promisedItem();
  return promisedItem({
    materials: [
      base.materials[0] as Material,
      { ...(base.materials[1] as Material), provableByCommitment: true },
    ],
    commitmentDecision: {
      scope: 'proofs',
      requirement: '有固定的住所。',
      commitment: '本单位承诺住所真实、合法、可用。',
      liability: '承诺不实的，撤销登记并记入信用记录。',
      verification: { workdays: 10, method: 'dataSharing', description: '核验不动产登记信息。' },
      basis: '国办发〔2020〕42号',
    },
    ...overrides,
  });
}
