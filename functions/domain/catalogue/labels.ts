import { specialProcedureLabels } from '../special-procedures.ts';
/** Chinese labels for the catalogue's identifiers (code uses the English identifier, the UI these). */
import type {
  applicantScopes,
  commitmentScopes,
  deliveryMethods,
  handlingKinds,
  ItemClass,
  ItemType,
  LifeEvent,
  media,
  onlineLevels,
  owedLateOutcomes,
  resultTypes,
  verificationMethods,
} from './schema.ts';

export const itemTypeLabels: Record<ItemType, string> = {
  licensing: '行政许可',
  confirmation: '行政确认',
  adjudication: '行政裁决',
  payment: '行政给付',
  reward: '行政奖励',
  filing: '行政备案',
  otherPower: '其他行政权力',
  publicService: '公共服务',
};

export const handlingKindLabels: Record<(typeof handlingKinds)[number], string> = {
  new: '新办',
  change: '变更',
  renewal: '延续',
  cancellation: '注销',
  other: '其他',
};

export const itemClassLabels: Record<ItemClass, string> = {
  instant: '即办件',
  promised: '承诺件',
  joint: '联办件',
};

export const applicantScopeLabels: Record<(typeof applicantScopes)[number], string> = {
  individual: '自然人',
  organisation: '法人或其他组织',
  both: '自然人、法人或其他组织',
};

export const mediumLabels: Record<(typeof media)[number], string> = {
  paper: '纸质',
  electronic: '电子',
  either: '纸质或电子',
};

export const deliveryLabels: Record<(typeof deliveryMethods)[number], string> = {
  window: '窗口领取',
  post: '邮寄送达',
  electronic: '电子证照',
};

export const resultTypeLabels: Record<(typeof resultTypes)[number], string> = {
  certificate: '证照',
  document: '批准文书',
  filing: '备案回执',
  other: '其他',
};

export const onlineLevelLabels: Record<(typeof onlineLevels)[number], string> = {
  none: '仅窗口办理',
  preReview: '网上预审，窗口办结',
  full: '全程网办',
};

export const specialStepKindLabels = specialProcedureLabels;

export const lifeEventLabels: Record<LifeEvent, string> = {
  birth: '生育收养',
  marriage: '婚姻登记',
  elderly: '养老服务',
  housing: '房产登记',
  employment: '就业创业',
  health: '医疗卫生',
  vehicle: '车辆购置',
  startBusiness: '开办企业',
  businessOperation: '经营纳税',
  businessChange: '变更登记',
  businessClosure: '注销退出',
  socialOrganisation: '社会组织',
  tax: '税费办理',
  address: '地名门牌',
  retirement: '退休养老',
  bereavement: '身后事务',
};

/** Visits required, as shown: 0 → 零跑动. */
export function visitsLabel(visits: 0 | 1 | 2): string {
  return visits === 0 ? '零跑动（不需要到现场）' : visits === 1 ? '最多跑一次' : `需到现场 ${visits} 次`;
}

/** 容缺受理: what happens when owed materials are late. */
export const owedLateOutcomeLabels: Record<(typeof owedLateOutcomes)[number], string> = {
  suspend: '暂停办理，补齐后继续',
  terminate: '终止办理，并书面告知',
};

/** 告知承诺制: how the commitment is checked after the decision (事后核查). */
export const verificationMethodLabels: Record<(typeof verificationMethods)[number], string> = {
  dataSharing: '数据共享核验',
  departmentCheck: '部门协查',
  siteVisit: '现场核查',
};

export const commitmentScopeLabels: Record<(typeof commitmentScopes)[number], string> = {
  item: '本事项可实行告知承诺制',
  proofs: '所列证明事项可以书面承诺代替',
};
