import type { EntityManager } from 'typeorm';
import { type Actor, Role, hasRole, isUuid } from '@heqi/core';
import { type AssignableCase, CaseError } from '@heqi/cases';
import { AssignmentEventType } from './assignment-event-type.enum.js';
import { AssignmentError } from './assignment.errors.js';
import { fetchCandidates, lockMediator } from './candidate-query.js';
import { EXCLUSION_LABELS, ExclusionReason } from './exclusion-reason.enum.js';
import type { OfferRow } from './offer-ledger.service.js';
import { OfferRole } from './offer-role.enum.js';
import { routingSubjectOf, ruleBreaches } from './routing-policy.js';
import { statedReason } from './stated-reason.js';

/**
 * Rules a supervisor's naming never overrides, by role: who is not there (inactive, on leave)
 * cannot take a case, and 回避 for a lawyer whose firm acts for the employer is a legal duty; a
 * co-mediator is a volunteer lawyer other than the lead. Everything else the routing policy
 * weighs — capacity, skill, an earlier decline, town level, the respondent's own committee —
 * yields to a supervisor's decision and is recorded as a warning.
 */
const BINDING_RULES: Record<OfferRole, ReadonlySet<ExclusionReason>> = {
  [OfferRole.Lead]: new Set([
    ExclusionReason.Inactive,
    ExclusionReason.Unavailable,
    ExclusionReason.LawFirmConflict,
  ]),
  [OfferRole.Co]: new Set([
    ExclusionReason.NotVolunteerLawyer,
    ExclusionReason.IsLead,
    ExclusionReason.Inactive,
    ExclusionReason.Unavailable,
    ExclusionReason.LawFirmConflict,
  ]),
};

/** Whether a supervisor may name, for `role`, someone the routing policy excludes for `reason`. */
export const isOverridable = (role: OfferRole, reason: ExclusionReason): boolean =>
  !BINDING_RULES[role].has(reason);

/** A supervisor's (or admin's) request to name a mediator for a case, as it came in. */
export interface NamingRequest {
  caseId: string;
  mediatorId: string;
  reason: string;
}

/** What a naming says in Chinese when it is refused before anything is locked. */
export interface NamingTexts {
  /** Who may not name (not a supervisor or admin). */
  forbidden: string;
  /** The prompt for a missing or too short reason (e.g. 请填写改派原因). */
  reasonPrompt: string;
  /** The person is unknown or does not cover the case's unit. */
  unknownMediator: string;
}

/**
 * The checks every naming makes before it locks the case: the caller's role, the stated reason
 * (trimmed), and ids that can be looked up at all. Returns the reason and the error for an
 * unknown person, which the caller throws again once the person is looked up.
 *
 * @throws AssignmentError `ASSIGNMENT_FORBIDDEN`, `ASSIGNMENT_INVALID`; CaseError
 * `CASE_NOT_FOUND` (a case id that is no UUID).
 */
export function checkNaming(
  actor: Actor,
  request: NamingRequest,
  texts: NamingTexts,
): { why: string; unknownMediator: AssignmentError } {
  if (!hasRole(actor, Role.Admin, Role.Supervisor)) {
    throw AssignmentError.forbidden(texts.forbidden);
  }
  const why = statedReason(request.reason, texts.reasonPrompt);
  if (!isUuid(request.caseId)) throw CaseError.notFound();
  const unknownMediator = AssignmentError.invalid([
    { field: 'mediatorId', message: texts.unknownMediator },
  ]);
  if (!isUuid(request.mediatorId)) throw unknownMediator;
  return { why, unknownMediator };
}

/** A supervisor's named mediator weighed against the routing rules. */
export interface NamedMediatorWeighing {
  /** Load once the case is theirs (open offers + held + co-mediated). */
  load: number;
  capacity: number;
  /** A supervisor may exceed a capacity; it is recorded. */
  overCapacity: boolean;
  /** Soft rules the supervisor overrides (skill, an earlier decline, town level…). */
  warnings: ExclusionReason[];
}

/** What to weigh: the case (locked), the person, and in which role. */
export interface NamedMediatorRequest {
  subject: AssignableCase;
  mediatorId: string;
  role: OfferRole;
  /** The case's lead (a co-mediator may not be the lead). */
  leadMediatorId?: string | null;
  /** The case's open offer of `role`: if it is this person's, holding replaces it (no extra load). */
  openOffer: OfferRow | null;
  /** Thrown when the person is unknown, not of the role's kind, or not covering the case's unit. */
  unknown: AssignmentError;
}

/**
 * Locks the named mediator's row (waiting: this is one named person, never SKIP LOCKED) and
 * weighs them as the routing policy would, in the caller's transaction, so the load it reports
 * is the load the assignment commits with.
 *
 * @throws `request.unknown`; AssignmentError `MEDIATOR_NOT_ELIGIBLE` for a hard rule.
 */
export async function weighNamedMediator(
  manager: EntityManager,
  request: NamedMediatorRequest,
): Promise<NamedMediatorWeighing> {
  const { subject, mediatorId, role } = request;
  const locked = await lockMediator(manager, mediatorId, false);
  const [facts] = locked ? await fetchCandidates(manager, subject, role, mediatorId) : [];
  if (!locked || !facts) throw request.unknown;
  const load = locked.load - (request.openOffer?.mediator_id === mediatorId ? 1 : 0);
  const breaches = ruleBreaches(
    routingSubjectOf(subject, request.leadMediatorId ?? null),
    { ...facts, load, capacity: locked.capacity },
    role,
    new Date(),
  ).map((b) => b.reason);
  const hard = breaches.find((reason) => !isOverridable(role, reason));
  if (hard) throw AssignmentError.notEligible(EXCLUSION_LABELS[hard]);
  return {
    load: load + 1,
    capacity: locked.capacity,
    overCapacity: load + 1 > locked.capacity,
    warnings: breaches.filter((reason) => reason !== ExclusionReason.AtCapacity),
  };
}

/** The timeline's record of an open offer a supervisor's decision withdrew. */
export function withdrawnEvent(offer: OfferRow, reason: string) {
  return {
    type: AssignmentEventType.Withdrawn,
    data: { offerId: offer.id, role: offer.role, mediatorId: offer.mediator_id, reason },
  };
}
