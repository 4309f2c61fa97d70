/**
 * Why the routing policy passed a mediator over, in the order the rules are checked: a mediator
 * failing several is reported under the first. Capacity comes last on purpose: "full" is the
 * most actionable thing to tell a supervisor about someone who would otherwise have fitted.
 */
export enum ExclusionReason {
  /** The mediator's home unit does not contain the case's unit. */
  OutOfCoverage = 'out_of_coverage',
  /** A collective (town-level) dispute, and the mediator sits below the town. */
  BelowTownLevel = 'below_town_level',
  /** Co-mediators of collective disputes are volunteer lawyers. */
  NotVolunteerLawyer = 'not_volunteer_lawyer',
  /** Already the case's lead (offered or holding). */
  IsLead = 'is_lead',
  Inactive = 'inactive',
  /** On leave or otherwise unavailable (`unavailableUntil` in the future). */
  Unavailable = 'unavailable',
  /** The case's dispute category is not among the mediator's skills. */
  NoSkill = 'no_skill',
  /** 回避: the lawyer's firm is recorded as acting for the employer. */
  LawFirmConflict = 'law_firm_conflict',
  /** Declined this case before. */
  DeclinedBefore = 'declined_before',
  /** Let an offer of this case lapse before. */
  ExpiredBefore = 'expired_before',
  /** Was this case's co-mediator, and that co-mediation was ended (withdrew or was released). */
  ReleasedBefore = 'released_before',
  /** Open offers + held cases have reached the capacity. */
  AtCapacity = 'at_capacity',
  /**
   * 回避: the mediator's home unit is the respondent enterprise. Only applied when another
   * candidate fits; otherwise the enterprise committee may still take it (with a warning).
   */
  EmployedByRespondent = 'employed_by_respondent',
}

export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  [ExclusionReason.OutOfCoverage]: '不负责该案件所在地区',
  [ExclusionReason.BelowTownLevel]: '集体劳动争议由镇（街道）及以上调解',
  [ExclusionReason.NotVolunteerLawyer]: '协同调解须为志愿律师',
  [ExclusionReason.IsLead]: '已是本案主调解员',
  [ExclusionReason.Inactive]: '已停用',
  [ExclusionReason.Unavailable]: '暂不可用（休假等）',
  [ExclusionReason.NoSkill]: '不擅长该争议类别',
  [ExclusionReason.LawFirmConflict]: '所在律所代理被申请人，须回避',
  [ExclusionReason.DeclinedBefore]: '曾拒绝本案',
  [ExclusionReason.ExpiredBefore]: '曾超时未响应本案',
  [ExclusionReason.ReleasedBefore]: '曾退出本案协同调解',
  [ExclusionReason.AtCapacity]: '在办案件已满',
  [ExclusionReason.EmployedByRespondent]: '所在单位即被申请人，须回避',
};
