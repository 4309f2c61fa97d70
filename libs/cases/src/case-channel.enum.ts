/** How a case reached heqi. */
export enum CaseChannel {
  /** A 12345 government hotline work order (pushed or imported). */
  Hotline = 'hotline',
  WalkIn = 'walk_in',
  Online = 'online',
  /** The unions' own 12351 hotline. */
  UnionHotline = 'union_hotline',
  CourtReferral = 'court_referral',
}
