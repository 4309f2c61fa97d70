/** How a closed case ended (contract "Cases"; the 调、裁、诉 chain for referrals). */
export enum CaseOutcome {
  Settled = 'settled',
  Failed = 'failed',
  Withdrawn = 'withdrawn',
  /** 不予受理 */
  Rejected = 'rejected',
  ReferredArbitration = 'referred_arbitration',
  ReferredLitigation = 'referred_litigation',
  ReferredInspection = 'referred_inspection',
}
