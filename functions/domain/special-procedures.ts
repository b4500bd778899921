/**
 * The special procedures (特别程序) whose time is not counted toward a decision limit
 * (Administrative Licensing Law Art. 45), plus the two that local practice adds. The catalogue
 * names them as an item's special steps; the clocks suspend for them.
 */
export const specialProcedureLabels = {
  hearing: '听证',
  bidding: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expertReview: '专家评审',
  siteSurvey: '现场勘查',
  publicNotice: '公示',
} as const;

export type SpecialProcedure = keyof typeof specialProcedureLabels;

export const specialProcedures = Object.keys(specialProcedureLabels) as [
  SpecialProcedure,
  ...SpecialProcedure[],
];
