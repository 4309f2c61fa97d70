import { describe, expect, it } from 'vitest';
import { ExclusionReason } from './exclusion-reason.enum.js';
import { isOverridable } from './named-mediator.js';
import { OfferRole } from './offer-role.enum.js';

/** The rules a supervisor naming someone must keep, as the design states them. */
const BINDING: Record<OfferRole, ExclusionReason[]> = {
  [OfferRole.Lead]: [
    ExclusionReason.Inactive,
    ExclusionReason.Unavailable,
    ExclusionReason.LawFirmConflict,
  ],
  [OfferRole.Co]: [
    ExclusionReason.NotVolunteerLawyer,
    ExclusionReason.IsLead,
    ExclusionReason.Inactive,
    ExclusionReason.Unavailable,
    ExclusionReason.LawFirmConflict,
  ],
};

describe('isOverridable (what a supervisor naming a mediator may set aside)', () => {
  for (const role of Object.values(OfferRole)) {
    it(`keeps absence and 回避 binding for ${role}, and lets every other rule yield`, () => {
      for (const reason of Object.values(ExclusionReason)) {
        expect(isOverridable(role, reason), `${role} ${reason}`).toBe(
          !BINDING[role].includes(reason),
        );
      }
    });
  }
});
