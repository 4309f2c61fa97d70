/** Levels of the mediation network (design.md, "The mediation network"); fixed by the contract. */
export enum OrgUnitLevel {
  /** 区/县: the root of a network. */
  District = 'district',
  /** 镇/街道 */
  Town = 'town',
  /** 村/社区 */
  Village = 'village',
  /** 企业: sits under the town or village it is located in; carries a credit code. */
  Enterprise = 'enterprise',
}

/** Chinese labels for reports, exports and import messages. */
export const ORG_UNIT_LEVEL_LABELS: Record<OrgUnitLevel, string> = {
  [OrgUnitLevel.District]: '区/县',
  [OrgUnitLevel.Town]: '镇/街道',
  [OrgUnitLevel.Village]: '村/社区',
  [OrgUnitLevel.Enterprise]: '企业',
};
