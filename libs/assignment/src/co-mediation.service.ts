import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditLog, Role, hasRole, isUuid, reachesPath } from '@heqi/core';
import {
  type AssignableCase,
  CaseError,
  CaseStatus,
  CaseTimeline,
  lockCaseForAssignment,
} from '@heqi/cases';
import { AssignmentEventType } from './assignment-event-type.enum.js';
import { AssignmentError, AssignmentErrorCode } from './assignment.errors.js';
import type { ExclusionReason } from './exclusion-reason.enum.js';
import { checkNaming, weighNamedMediator, withdrawnEvent } from './named-mediator.js';
import { OfferLedger, type OfferRow } from './offer-ledger.service.js';
import { OfferRole } from './offer-role.enum.js';
import { OfferState } from './offer-state.enum.js';
import { statedReason } from './stated-reason.js';

/** What appointing a co-mediator did. */
export interface CoAppointResult {
  caseId: string;
  caseNo: string;
  mediatorId: string;
  /** The co-mediator replaced by this one, if there was one. */
  previousMediatorId: string | null;
  /** The open co-mediator offer withdrawn, if there was one. */
  withdrawnOfferId: string | null;
  load: number;
  capacity: number;
  overCapacity: boolean;
  /** Soft rules the supervisor overrode (skill, an earlier decline or release…). */
  warnings: ExclusionReason[];
}

/** What ending a co-mediation did. */
export interface CoEndResult {
  caseId: string;
  caseNo: string;
  /** The co-mediator whose co-mediation ended (null when only an open offer was withdrawn). */
  mediatorId: string | null;
  withdrawnOfferId: string | null;
  /** Whether the engine was asked to look for another volunteer lawyer. */
  seekingAnother: boolean;
}

/** A co-mediator works beside a lead: from the lead's offer until the case leaves mediation. */
const CO_MEDIATED = [CaseStatus.Offered, CaseStatus.InMediation];

/**
 * A case's volunteer-lawyer co-mediator, by hand: a supervisor appoints a named lawyer (for a
 * collective dispute whose search found nobody, or for any case in mediation that needs one), or
 * ends a co-mediation; the co-mediator may end their own (withdrawal, e.g. a conflict found late).
 * The engine's own search (collective disputes) is unchanged; a lawyer whose co-mediation of a
 * case ended is not offered that case again (`released_before`). One co-mediator per case at a
 * time is the database's rule (`case_co_mediator_current_key`).
 */
@Injectable()
export class CoMediationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(OfferLedger) private readonly ledger: OfferLedger,
  ) {}

  /**
   * Makes `mediatorId` the case's co-mediator at once (no offer round trip, as a reassignment):
   * an open co offer is withdrawn and a current co-mediator replaced.
   *
   * @throws AssignmentError `ASSIGNMENT_FORBIDDEN`, `ASSIGNMENT_INVALID` (reason; a mediator
   * unknown or not covering the case's unit), `ASSIGNMENT_WRONG_STATE`, `ASSIGNMENT_ALREADY_HOLDER`,
   * `MEDIATOR_NOT_ELIGIBLE` (not a volunteer lawyer, the lead, inactive, on leave, 回避);
   * CaseError `CASE_NOT_FOUND`.
   */
  async appoint(
    actor: Actor,
    caseId: string,
    mediatorId: string,
    reason: string,
  ): Promise<CoAppointResult> {
    const { why, unknownMediator } = checkNaming(
      actor,
      { caseId, mediatorId, reason },
      {
        forbidden: '只有督导和管理员可以指定协同调解律师',
        reasonPrompt: '请填写指定原因',
        unknownMediator: '律师不存在或不负责该案件所在地区',
      },
    );

    return this.dataSource.transaction(async (manager) => {
      const subject = await this.lockCoMediated(manager, actor, caseId);
      const current = await this.ledger.currentCoMediator(manager, subject.id);
      if (current === mediatorId) {
        throw new AssignmentError(AssignmentErrorCode.AlreadyHolder, '该律师已在协同调解本案');
      }
      const offer = await this.ledger.openOfCase(manager, subject.id, OfferRole.Co);
      const weighing = await weighNamedMediator(manager, {
        subject,
        mediatorId,
        role: OfferRole.Co,
        leadMediatorId: await this.ledger.leadOf(manager, subject),
        openOffer: offer,
        unknown: unknownMediator,
      });

      if (offer) await this.withdraw(manager, actor, subject.id, offer, why);
      if (current) await endCurrent(manager, subject.id);
      await manager.query(
        `INSERT INTO case_co_mediator (case_id, mediator_id, since)
         VALUES ($1, $2, clock_timestamp())`,
        [subject.id, mediatorId],
      );
      await this.ledger.stampAssigned(manager, mediatorId);
      const data = {
        mediatorId,
        previousMediatorId: current,
        withdrawnOfferId: offer?.id ?? null,
        reason: why,
        ...weighing,
      };
      await this.record(manager, actor, subject, AssignmentEventType.CoAppointed, data);
      return { caseId: subject.id, caseNo: subject.caseNo, ...data };
    });
  }

  /**
   * Ends the case's co-mediation (or withdraws its open co offer). By a supervisor or admin of
   * the case's unit, or by the co-mediator themselves. `seekAnother`: a collective dispute asks
   * the engine for another volunteer lawyer (never the one released); otherwise the lead goes on
   * alone.
   *
   * @throws AssignmentError `ASSIGNMENT_FORBIDDEN`, `ASSIGNMENT_INVALID` (reason),
   * `ASSIGNMENT_WRONG_STATE` (no co-mediator, case not in mediation); CaseError `CASE_NOT_FOUND`.
   */
  async end(
    actor: Actor,
    caseId: string,
    reason: string,
    seekAnother = true,
  ): Promise<CoEndResult> {
    const supervising = hasRole(actor, Role.Admin, Role.Supervisor);
    if (!supervising && !actor.mediatorId) {
      throw AssignmentError.forbidden('只有督导、管理员和协同调解律师本人可以结束协同调解');
    }
    const why = statedReason(reason, '请填写结束原因');
    if (!isUuid(caseId)) throw CaseError.notFound();

    return this.dataSource.transaction(async (manager) => {
      const subject = await lockCaseForAssignment(manager, caseId);
      if (!subject) throw CaseError.notFound();
      const current = await this.ledger.currentCoMediator(manager, subject.id);
      const own = current !== null && current === actor.mediatorId;
      // Anyone else learns nothing about a case out of their reach.
      if (!own && !(supervising && reachesPath(actor, subject.unitPath))) {
        throw CaseError.notFound();
      }
      if (!CO_MEDIATED.includes(subject.status)) throw wrongState();
      // The co-mediator ends their own co-mediation, not an offer made to someone else.
      const offer = own ? null : await this.ledger.openOfCase(manager, subject.id, OfferRole.Co);
      if (!current && !offer) {
        throw new AssignmentError(AssignmentErrorCode.WrongState, '本案当前没有协同调解律师');
      }
      if (offer) await this.withdraw(manager, actor, subject.id, offer, why);
      if (current) await endCurrent(manager, subject.id);
      const seekingAnother = seekAnother && subject.collective;
      if (seekingAnother) {
        // A search that found nobody earlier is not the last word once someone has left.
        await this.ledger.setCoNone(manager, subject.id, false);
        await this.ledger.requestAssignment(manager, subject.id);
      }
      const data = {
        mediatorId: current,
        withdrawnOfferId: offer?.id ?? null,
        reason: why,
        seekingAnother,
        byCoMediator: own,
      };
      await this.record(manager, actor, subject, AssignmentEventType.CoEnded, data);
      return {
        caseId: subject.id,
        caseNo: subject.caseNo,
        mediatorId: current,
        withdrawnOfferId: offer?.id ?? null,
        seekingAnother,
      };
    });
  }

  /** The case locked, in the caller's reach and in mediation (or offered to a lead). */
  private async lockCoMediated(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
  ): Promise<AssignableCase> {
    const subject = await lockCaseForAssignment(manager, caseId);
    if (!subject || !reachesPath(actor, subject.unitPath)) throw CaseError.notFound();
    if (!CO_MEDIATED.includes(subject.status)) throw wrongState();
    return subject;
  }

  private async withdraw(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
    offer: OfferRow,
    reason: string,
  ): Promise<void> {
    await this.ledger.close(manager, offer.id, OfferState.Withdrawn);
    await this.timeline.append(manager, caseId, actor, [withdrawnEvent(offer, reason)]);
  }

  private async record(
    manager: EntityManager,
    actor: Actor,
    subject: AssignableCase,
    type: AssignmentEventType.CoAppointed | AssignmentEventType.CoEnded,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.timeline.append(manager, subject.id, actor, [{ type, data }]);
    await this.audit.record(manager, actor, {
      action: type === AssignmentEventType.CoAppointed ? 'case.co_appoint' : 'case.co_end',
      objectType: 'case',
      objectId: subject.id,
      orgPath: subject.unitPath,
      data: { caseNo: subject.caseNo, ...data },
    });
  }
}

function wrongState(): AssignmentError {
  return new AssignmentError(
    AssignmentErrorCode.WrongState,
    '只有已派或调解中的案件可以调整协同调解律师',
  );
}

/**
 * The wall clock, not the transaction's start: a transaction that waited for the case's lock
 * ends a co-mediation begun after it started (`until >= since` is checked).
 */
async function endCurrent(manager: EntityManager, caseId: string): Promise<void> {
  await manager.query(
    `UPDATE case_co_mediator SET until = clock_timestamp() WHERE case_id = $1 AND until IS NULL`,
    [caseId],
  );
}
