/** Kinds of mediator, fixed by the contract ("Network"). */
export enum MediatorKind {
  /** 工会专职调解员 at a town union mediation room. */
  UnionStaff = 'union_staff',
  /** 村（社区）调解员 at a village mediation point. */
  VillageMediator = 'village_mediator',
  /** 企业劳动争议调解委员会 member. */
  EnterpriseMediator = 'enterprise_mediator',
  /** 志愿律师 of a law-firm volunteer team; needs a law firm (回避 checks use it). */
  VolunteerLawyer = 'volunteer_lawyer',
}

export const MEDIATOR_KIND_LABELS: Record<MediatorKind, string> = {
  [MediatorKind.UnionStaff]: '工会专职调解员',
  [MediatorKind.VillageMediator]: '村（社区）调解员',
  [MediatorKind.EnterpriseMediator]: '企业调解员',
  [MediatorKind.VolunteerLawyer]: '志愿律师',
};
