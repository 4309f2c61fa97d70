import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, Role, hasRole, isUuid, reachesPath } from '@heqi/core';
import { type CaseStatus, CaseError, readAssignableCases } from '@heqi/cases';
import { AssignmentError } from './assignment.errors.js';
import { fetchCandidates } from './candidate-query.js';
import { isOverridable } from './named-mediator.js';
import { OfferLedger } from './offer-ledger.service.js';
import { OfferRole } from './offer-role.enum.js';
import type { ExclusionReason } from './exclusion-reason.enum.js';
import {
  type Exclusion,
  type RankedCandidate,
  rankCandidates,
  routingSubjectOf,
  ruleBreaches,
} from './routing-policy.js';

/** Who could take a case in a role now, as the engine would rank them, and why not the others. */
export interface CaseCandidates {
  caseId: string;
  caseNo: string;
  status: CaseStatus;
  role: OfferRole;
  /** The case's lead (holder, or offered): a co-mediator may not be them. */
  leadMediatorId: string | null;
  /** The current co-mediator, if any. */
  coMediatorId: string | null;
  /** Everyone who fits, best first (the engine's choice is the first). */
  ranked: RankedCandidate[];
  /** Everyone else covering the case's unit, with the first rule they break. */
  excluded: CandidateExclusion[];
}

/** Someone who does not fit, and whether a supervisor may still name them for the role. */
export interface CandidateExclusion extends Exclusion {
  /** Every rule they break, `reason` (the one the engine stopped at) first. */
  breaches: Breach[];
  /** False: naming them is refused (`MEDIATOR_NOT_ELIGIBLE`); true: allowed, as warnings. */
  overridable: boolean;
}

/** A rule broken, and whether a supervisor naming the person may set it aside. */
export interface Breach {
  reason: ExclusionReason;
  overridable: boolean;
}

/**
 * The routing policy's view of one case for its supervisors — the same candidate query and
 * ranking the engine runs, read without locks — so a reassignment or a co-mediator appointment
 * is chosen with what the engine would have known. Mediators above the supervisor's subtree (a
 * district's pool, its volunteer lawyers) are listed when they cover the case's unit: they are
 * exactly those a supervisor may name.
 */
@Injectable()
export class CaseCandidatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OfferLedger) private readonly ledger: OfferLedger,
  ) {}

  /**
   * @throws AssignmentError `ASSIGNMENT_FORBIDDEN`; CaseError `CASE_NOT_FOUND` (unknown or
   * outside the caller's subtree).
   */
  async forCase(actor: Actor, caseId: string, role: OfferRole): Promise<CaseCandidates> {
    if (!hasRole(actor, Role.Admin, Role.Supervisor)) {
      throw AssignmentError.forbidden('只有督导和管理员可以查看候选调解员');
    }
    if (!isUuid(caseId)) throw CaseError.notFound();
    // One snapshot: the case, its lead and co-mediator, and the candidates agree.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [subject] = await readAssignableCases(manager, [caseId]);
      if (!subject || !reachesPath(actor, subject.unitPath)) throw CaseError.notFound();
      const lead = await this.ledger.leadOf(manager, subject);
      const candidates = await fetchCandidates(manager, subject, role);
      const routing = routingSubjectOf(subject, role === OfferRole.Co ? lead : null);
      const now = new Date();
      const { ranked, excluded } = rankCandidates(routing, candidates, role, now);
      const byId = new Map(candidates.map((c) => [c.mediatorId, c]));
      // What naming them would set aside: all their breaches, as a reassignment weighs them.
      const weighed = excluded.map((e): CandidateExclusion => {
        const others = ruleBreaches(routing, byId.get(e.mediatorId)!, role, now)
          .map((b) => b.reason)
          .filter((reason) => reason !== e.reason);
        const breaches = [e.reason, ...others].map((reason) => ({
          reason,
          overridable: isOverridable(role, reason),
        }));
        return { ...e, breaches, overridable: breaches.every((b) => b.overridable) };
      });
      return {
        caseId: subject.id,
        caseNo: subject.caseNo,
        status: subject.status,
        role,
        leadMediatorId: lead,
        coMediatorId: await this.ledger.currentCoMediator(manager, subject.id),
        ranked,
        excluded: weighed,
      };
    });
  }
}
