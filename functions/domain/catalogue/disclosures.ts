/**
 * The disclosure block (公开内容) at the top of every guide page. Which fields it holds and what
 * they are called differ by place, so it is an ordered list of field keys and labels, chosen by a
 * preset or given in full by the centre's configuration.
 */

/** A section of the guide page. */
export type GuideSectionKey =
  | 'name'
  | 'service'
  | 'legalBasis'
  | 'conditions'
  | 'materials'
  | 'deferredAcceptance'
  | 'commitmentDecision'
  | 'procedure'
  | 'timeLimit'
  | 'fees'
  | 'feeBasis'
  | 'quantityLimit'
  | 'phones'
  | 'applicants'
  | 'specialSteps'
  | 'result'
  | 'visits'
  | 'online'
  | 'place'
  | 'faq'
  | 'forms'
  | 'codes';

export interface Disclosure {
  key: GuideSectionKey;
  label: string;
}

/** 六公开, the default preset; the seven- and ten-item lists are built on it. */
const six = [
  { key: 'legalBasis', label: '政策依据' },
  { key: 'conditions', label: '申请条件' },
  { key: 'materials', label: '申请材料' },
  { key: 'procedure', label: '办理程序' },
  { key: 'timeLimit', label: '办理时限' },
  { key: 'fees', label: '收费标准' },
] as const satisfies readonly Disclosure[];
const itemName = { key: 'name', label: '事项名称' } as const satisfies Disclosure;

export const disclosurePresets = {
  six,
  /** A local six-item wording: 服务内容、办事程序、申报材料、承诺时限、收费标准、政策依据. */
  localSix: [
    { key: 'service', label: '服务内容' },
    { key: 'procedure', label: '办事程序' },
    { key: 'materials', label: '申报材料' },
    { key: 'timeLimit', label: '承诺时限' },
    { key: 'fees', label: '收费标准' },
    { key: 'legalBasis', label: '政策依据' },
  ],
  /** Seven items: the item name, then the six. */
  seven: [itemName, ...six],
  /** 十公开: the seven plus number limit, fee basis and phones. */
  ten: [
    itemName,
    ...six.slice(0, 5),
    { key: 'quantityLimit', label: '审批数量' },
    six[5],
    { key: 'feeBasis', label: '收费依据' },
    { key: 'phones', label: '咨询电话' },
  ],
} as const satisfies Record<string, readonly Disclosure[]>;

export type DisclosurePresetName = keyof typeof disclosurePresets;

/** Every section of a guide page in its default order, with its default label. */
export const guideSections: readonly Disclosure[] = [
  { key: 'name', label: '事项名称' },
  { key: 'service', label: '服务内容' },
  { key: 'codes', label: '事项编码' },
  { key: 'applicants', label: '申请对象' },
  { key: 'legalBasis', label: '政策依据' },
  { key: 'conditions', label: '申请条件' },
  { key: 'materials', label: '申请材料' },
  { key: 'deferredAcceptance', label: '可容缺受理的材料' },
  { key: 'commitmentDecision', label: '可告知承诺的证明事项' },
  { key: 'procedure', label: '办理程序' },
  { key: 'timeLimit', label: '办理时限' },
  { key: 'specialSteps', label: '特别程序' },
  { key: 'fees', label: '收费标准' },
  { key: 'feeBasis', label: '收费依据' },
  { key: 'quantityLimit', label: '数量限制' },
  { key: 'result', label: '办理结果' },
  { key: 'visits', label: '到现场次数' },
  { key: 'online', label: '网上办理' },
  { key: 'place', label: '办理地点和时间' },
  { key: 'phones', label: '咨询和投诉电话' },
  { key: 'forms', label: '表格下载' },
  { key: 'faq', label: '常见问题' },
];

/**
 * The disclosure block for a centre's setting: a preset name, or a custom ordered list. Unknown
 * preset names fall back to 六公开.
 */
export function resolveDisclosures(setting?: string | readonly Disclosure[]): readonly Disclosure[] {
  if (Array.isArray(setting)) return setting;
  if (typeof setting === 'string' && setting in disclosurePresets) {
    return disclosurePresets[setting as DisclosurePresetName];
  }
  return disclosurePresets.six;
}

/** The guide page's sections: the disclosure block first, then every other section once. */
export function guideLayout(disclosures: readonly Disclosure[]): {
  disclosures: readonly Disclosure[];
  rest: readonly Disclosure[];
} {
  const shown = new Set(disclosures.map((d) => d.key));
  // 'feeBasis' is part of the fees section unless a preset lists it on its own.
  const rest = guideSections.filter(
    (section) => !shown.has(section.key) && section.key !== 'name' && section.key !== 'feeBasis',
  );
  return { disclosures, rest };
}

/** The heading of the disclosure block for each preset. */
export const disclosurePresetTitles: Record<DisclosurePresetName, string> = {
  six: '六公开',
  localSix: '六公开',
  seven: '七公开',
  ten: '十公开',
};

export function disclosureTitle(setting?: string | readonly Disclosure[]): string {
  if (typeof setting === 'string' && setting in disclosurePresetTitles) {
    return disclosurePresetTitles[setting as DisclosurePresetName];
  }
  return Array.isArray(setting) ? '公开内容' : disclosurePresetTitles.six;
}
