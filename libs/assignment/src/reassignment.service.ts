import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, AuditLog, reachesPath } from '@heqi/core';
import {
  CaseError,
  CaseStatus,
  CaseTimeline,
  lockCaseForAssignment,
  moveCaseForAssignment,
} from '@heqi/cases';
import { ClockKind, DeadlinesService } from '@heqi/deadlines';
import { AssignmentEventType } from './assignment-event-type.enum.js';
import { AssignmentError, AssignmentErrorCode } from './assignment.errors.js';
import type { ExclusionReason } from './exclusion-reason.enum.js';
import { checkNaming, weighNamedMediator, withdrawnEvent } from './named-mediator.js';
import { OfferLedger } from './offer-ledger.service.js';
import { OfferRole } from './offer-role.enum.js';
import { OfferState } from './offer-state.enum.js';

/** What a reassignment did. */
export interface ReassignResult {
  caseId: string;
  caseNo: string;
  status: CaseStatus;
  mediatorId: string;
  previousMediatorId: string | null;
  /** The open lead offer withdrawn by the reassignment, if there was one. */
  withdrawnOfferId: string | null;
  /** Load after the reassignment, and whether it exceeds the capacity (a supervisor's call). */
  load: number;
  capacity: number;
  overCapacity: boolean;
  /** Soft rules the supervisor overrode (skill, an earlier decline, town level…). */
  warnings: ExclusionReason[];
}

/** Statuses a case can be reassigned from: waiting for or holding a mediator. */
const REASSIGNABLE = [CaseStatus.Queued, CaseStatus.Offered, CaseStatus.InMediation];

/**
 * A supervisor's (or admin's) reassignment of a case in their subtree to a named mediator.
 * Decision: the case is assigned directly (`in_mediation`, the mediator holds it), not offered —
 * a supervisor reassigns after speaking to the mediator, and a second accept round trip would
 * leave the case holderless meanwhile. Any open lead offer is withdrawn; a previous holder is
 * replaced. Timeline `assignment.reassigned` and audit `case.reassign` record who, why, and the
 * load, so an over-capacity assignment is visible.
 */
@Injectable()
export class ReassignmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(OfferLedger) private readonly ledger: OfferLedger,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /**
   * @throws AssignmentError `ASSIGNMENT_FORBIDDEN` (role), `ASSIGNMENT_INVALID` (reason, or a
   * mediator that is unknown or does not cover the case's unit), `ASSIGNMENT_WRONG_STATE`,
   * `ASSIGNMENT_ALREADY_HOLDER`, `MEDIATOR_NOT_ELIGIBLE`; CaseError `CASE_NOT_FOUND` (unknown or
   * outside the caller's subtree).
   */
  async reassign(
    actor: Actor,
    caseId: string,
    mediatorId: string,
    reason: string,
  ): Promise<ReassignResult> {
    const { why, unknownMediator } = checkNaming(
      actor,
      { caseId, mediatorId, reason },
      {
        forbidden: '只有督导和管理员可以改派案件',
        reasonPrompt: '请填写改派原因',
        unknownMediator: '调解员不存在或不负责该案件所在地区',
      },
    );

    return this.dataSource.transaction(async (manager) => {
      const subject = await lockCaseForAssignment(manager, caseId);
      if (!subject || !reachesPath(actor, subject.unitPath)) throw CaseError.notFound();
      if (!REASSIGNABLE.includes(subject.status)) {
        throw new AssignmentError(
          AssignmentErrorCode.WrongState,
          '只有待派、已派或调解中的案件可以改派',
        );
      }
      if (subject.mediatorId === mediatorId) {
        throw new AssignmentError(AssignmentErrorCode.AlreadyHolder, '该调解员已在承办本案');
      }
      const offer = await this.ledger.openOfCase(manager, subject.id, OfferRole.Lead);
      const { load, capacity, overCapacity, warnings } = await weighNamedMediator(manager, {
        subject,
        mediatorId,
        role: OfferRole.Lead,
        openOffer: offer,
        unknown: unknownMediator,
      });
      if (offer) {
        await this.ledger.close(manager, offer.id, OfferState.Withdrawn);
        await this.timeline.append(manager, subject.id, actor, [withdrawnEvent(offer, why)]);
      }
      await moveCaseForAssignment(manager, subject.id, REASSIGNABLE, {
        to: CaseStatus.InMediation,
        mediatorId,
      });
      await this.ledger.stampAssigned(manager, mediatorId);
      // Assigned straight from the queue: the order is taken on (签收) without an offer.
      await this.deadlines.stopClock(manager, subject.id, ClockKind.HotlineSignFor, {
        reason: 'offered',
      });
      // The new holder owes the claimant a first contact, unless it was made already; a clock
      // still running from the previous holder's acceptance keeps its due instant.
      const [contact] = (await manager.query(
        `SELECT first_contact_at FROM mediation_case WHERE id = $1`,
        [subject.id],
      )) as { first_contact_at: Date | null }[];
      if (!contact?.first_contact_at) {
        await this.deadlines.startClock(manager, {
          caseId: subject.id,
          kind: ClockKind.FirstContact,
          startAt: new Date(),
        });
      }
      await this.ledger.markAttempt(manager, subject.id, null);
      await this.ledger.resolveAlerts(manager, subject.id);
      const data = {
        fromMediatorId: subject.mediatorId,
        toMediatorId: mediatorId,
        fromStatus: subject.status,
        withdrawnOfferId: offer?.id ?? null,
        reason: why,
        load,
        capacity,
        overCapacity,
        warnings,
      };
      await this.timeline.append(manager, subject.id, actor, [
        { type: AssignmentEventType.Reassigned, data },
      ]);
      await this.audit.record(manager, actor, {
        action: 'case.reassign',
        objectType: 'case',
        objectId: subject.id,
        orgPath: subject.unitPath,
        data: { caseNo: subject.caseNo, ...data },
      });
      // A collective dispute's co-mediator search runs against the new lead.
      if (subject.collective) await this.ledger.requestAssignment(manager, subject.id);
      return {
        caseId: subject.id,
        caseNo: subject.caseNo,
        status: CaseStatus.InMediation,
        mediatorId,
        previousMediatorId: subject.mediatorId,
        withdrawnOfferId: offer?.id ?? null,
        load,
        capacity,
        overCapacity,
        warnings,
      };
    });
  }
}
