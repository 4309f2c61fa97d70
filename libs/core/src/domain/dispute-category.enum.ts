/**
 * Dispute categories fixed by the external contract (api-contract.md, "Dispute categories").
 * They follow the kinds of dispute listed in art. 2 of the 劳动争议调解仲裁法.
 */
export enum DisputeCategory {
  /** 确认劳动关系 */
  LaborRelation = 'labor_relation',
  /** 订立/履行/变更/解除/终止合同, 经济补偿 */
  Contract = 'contract',
  /** 劳动报酬, 欠薪, 加班费 */
  Wages = 'wages',
  /** 社保 */
  SocialInsurance = 'social_insurance',
  /** 工伤 */
  WorkInjury = 'work_injury',
  /** 除名/辞退/辞职 */
  Dismissal = 'dismissal',
  /** 工时/休假 */
  WorkingTime = 'working_time',
  /** 福利/培训/劳动保护 */
  Welfare = 'welfare',
  Other = 'other',
}

/** Chinese labels for documents, exports and the console. */
export const DISPUTE_CATEGORY_LABELS: Record<DisputeCategory, string> = {
  [DisputeCategory.LaborRelation]: '确认劳动关系',
  [DisputeCategory.Contract]: '劳动合同',
  [DisputeCategory.Wages]: '劳动报酬',
  [DisputeCategory.SocialInsurance]: '社会保险',
  [DisputeCategory.WorkInjury]: '工伤',
  [DisputeCategory.Dismissal]: '除名辞退辞职',
  [DisputeCategory.WorkingTime]: '工作时间与休息休假',
  [DisputeCategory.Welfare]: '福利培训劳动保护',
  [DisputeCategory.Other]: '其他',
};
