import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  AuditLog,
  type DisputeCategory,
  Role,
  hasRole,
  isUuid,
  reachesPath,
} from '@heqi/core';
import {
  type AssignableCase,
  CaseError,
  CaseStatus,
  CaseTimeline,
  lockCaseForAssignment,
  moveCaseForAssignment,
} from '@heqi/cases';
import { ClockKind, DeadlinesService } from '@heqi/deadlines';
import { AssignmentEventType } from './assignment-event-type.enum.js';
import { AssignmentError } from './assignment.errors.js';
import { ASSIGNMENT_ACTOR, OfferLedger, type OfferRow } from './offer-ledger.service.js';
import { OfferRole } from './offer-role.enum.js';
import { OfferState } from './offer-state.enum.js';
import { statedReason } from './stated-reason.js';

/** An open offer as the mediator's inbox shows it (contract: `GET /me/offers`). */
export interface MyOffer {
  offerId: string;
  caseId: string;
  caseNo: string;
  category: DisputeCategory;
  collective: boolean;
  urgent: boolean;
  orgUnitId: string;
  orgUnitName: string;
  role: OfferRole;
  offeredAt: Date;
  expiresAt: Date;
}

/** The case after an offer was accepted or declined. */
export interface OfferAnswer {
  caseId: string;
  caseNo: string;
  status: CaseStatus;
  role: OfferRole;
  /** The lead holder once accepted (the caller for a lead offer). */
  mediatorId: string | null;
  answeredAt: Date;
}

/**
 * A mediator's side of assignment: the open offers, accepting and declining them, and the lapse
 * of offers nobody answered. Each change is one transaction holding the case's row lock, so of
 * fifty concurrent accepts of one offer exactly one finds it open.
 */
@Injectable()
export class OffersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(OfferLedger) private readonly ledger: OfferLedger,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /** The caller's open offers (mediators and volunteers), soonest to lapse first. */
  async mine(actor: Actor): Promise<{ items: MyOffer[] }> {
    const mediatorId = requireMediator(actor);
    const rows = (await this.dataSource.query(
      `SELECT o.id AS offer_id, c.id, c.case_no, c.category, c.collective, c.urgent,
              c.org_unit_id, ou.name AS org_unit_name, o.role, o.offered_at, o.expires_at
         FROM case_offer o
         JOIN mediation_case c ON c.id = o.case_id
         JOIN org_unit ou ON ou.id = c.org_unit_id
        WHERE o.mediator_id = $1 AND o.state = 'open' AND o.expires_at > now()
        ORDER BY o.expires_at, o.id`,
      [mediatorId],
    )) as {
      offer_id: string;
      id: string;
      case_no: string;
      category: DisputeCategory;
      collective: boolean;
      urgent: boolean;
      org_unit_id: string;
      org_unit_name: string;
      role: OfferRole;
      offered_at: Date;
      expires_at: Date;
    }[];
    return {
      items: rows.map((r) => ({
        offerId: r.offer_id,
        caseId: r.id,
        caseNo: r.case_no,
        category: r.category,
        collective: r.collective,
        urgent: r.urgent,
        orgUnitId: r.org_unit_id,
        orgUnitName: r.org_unit_name,
        role: r.role,
        offeredAt: r.offered_at,
        expiresAt: r.expires_at,
      })),
    };
  }

  /**
   * Accepts the caller's open offer of the case. A lead offer makes the caller the holder and
   * the case `in_mediation`; a co-mediator offer adds the caller beside the lead. An offer that
   * has lapsed is closed as expired (and the case moves on) before the 409.
   *
   * @throws CaseError `CASE_NOT_FOUND` when the caller has nothing to do with the case;
   * AssignmentError `OFFER_NOT_YOURS` (409) when there is no open offer for the caller.
   */
  async accept(actor: Actor, caseId: string): Promise<OfferAnswer> {
    const mediatorId = requireMediator(actor);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const { subject, offer } = await this.openOfferOf(manager, actor, mediatorId, caseId);
      if (offer.expires_at <= new Date()) {
        await this.lapse(manager, subject, offer);
        return null;
      }
      await this.ledger.close(manager, offer.id, OfferState.Accepted);
      if (offer.role === OfferRole.Lead) {
        const moved = await moveCaseForAssignment(manager, subject.id, [CaseStatus.Offered], {
          to: CaseStatus.InMediation,
          mediatorId,
        });
        // The open lead offer and `offered` are written together; anything else is a bug.
        if (!moved)
          throw new Error(`case ${subject.id} has an open lead offer but is ${subject.status}`);
        // The holder now owes the claimant a first contact (policy: 1 working day).
        await this.deadlines.startClock(manager, {
          caseId: subject.id,
          kind: ClockKind.FirstContact,
          startAt: new Date(),
        });
      } else {
        await manager.query(
          `INSERT INTO case_co_mediator (case_id, mediator_id, offer_id) VALUES ($1, $2, $3)`,
          [subject.id, mediatorId, offer.id],
        );
      }
      const type =
        offer.role === OfferRole.Lead
          ? AssignmentEventType.Accepted
          : AssignmentEventType.CoAccepted;
      await this.timeline.append(manager, subject.id, actor, [
        { type, data: { offerId: offer.id, role: offer.role, mediatorId } },
      ]);
      await this.audit.record(manager, actor, {
        action: 'case.accept',
        objectType: 'case',
        objectId: subject.id,
        orgPath: subject.unitPath,
        data: { caseNo: subject.caseNo, offerId: offer.id, role: offer.role, mediatorId },
      });
      const lead = offer.role === OfferRole.Lead;
      return {
        caseId: subject.id,
        caseNo: subject.caseNo,
        status: lead ? CaseStatus.InMediation : subject.status,
        role: offer.role,
        mediatorId: lead ? mediatorId : subject.mediatorId,
        answeredAt: new Date(),
      } satisfies OfferAnswer;
    });
    if (!outcome) throw AssignmentError.offerNotYours();
    return outcome;
  }

  /**
   * Declines the caller's open offer with a reason: the case goes back to `queued` (a lead
   * offer) and the engine is asked for the next candidate, who will not be the caller.
   *
   * @throws as {@link accept}; AssignmentError `ASSIGNMENT_INVALID` for a missing reason.
   */
  async decline(actor: Actor, caseId: string, reason: string): Promise<OfferAnswer> {
    const mediatorId = requireMediator(actor);
    const why = statedReason(reason, '请填写拒绝原因');
    const outcome = await this.dataSource.transaction(async (manager) => {
      const { subject, offer } = await this.openOfferOf(manager, actor, mediatorId, caseId);
      if (offer.expires_at <= new Date()) {
        await this.lapse(manager, subject, offer);
        return null;
      }
      await this.ledger.close(manager, offer.id, OfferState.Declined, { reason: why });
      const status = await this.reopen(manager, subject, offer);
      await this.timeline.append(manager, subject.id, actor, [
        {
          type: AssignmentEventType.Declined,
          data: { offerId: offer.id, role: offer.role, mediatorId, reason: why },
        },
      ]);
      await this.audit.record(manager, actor, {
        action: 'case.decline',
        objectType: 'case',
        objectId: subject.id,
        orgPath: subject.unitPath,
        data: { caseNo: subject.caseNo, offerId: offer.id, role: offer.role, reason: why },
      });
      return {
        caseId: subject.id,
        caseNo: subject.caseNo,
        status,
        role: offer.role,
        mediatorId: subject.mediatorId,
        answeredAt: new Date(),
      } satisfies OfferAnswer;
    });
    if (!outcome) throw AssignmentError.offerNotYours();
    return outcome;
  }

  /**
   * Lets an open offer lapse if its expiry has passed; returns whether this call did it. Run by
   * the offer's delayed ExpireOffer job and by the sweep: whichever comes first closes it, the
   * other finds it closed.
   */
  async expire(offerId: string): Promise<boolean> {
    if (!isUuid(offerId)) return false;
    const [found] = (await this.dataSource.query(`SELECT case_id FROM case_offer WHERE id = $1`, [
      offerId,
    ])) as { case_id: string }[];
    if (!found) return false;
    return this.dataSource.transaction(async (manager) => {
      // Case first, then offer: the order every path takes, so lapses and answers cannot deadlock.
      const subject = await lockCaseForAssignment(manager, found.case_id);
      if (!subject) return false;
      return this.lapse(manager, subject, { id: offerId }, true);
    });
  }

  /** Closes an offer as expired and moves the case on; false when it was no longer open. */
  private async lapse(
    manager: EntityManager,
    subject: AssignableCase,
    offer: Pick<OfferRow, 'id'>,
    dueOnly = false,
  ): Promise<boolean> {
    const closed = await this.ledger.close(manager, offer.id, OfferState.Expired, { dueOnly });
    if (!closed) return false;
    await this.reopen(manager, subject, closed);
    await this.timeline.append(manager, subject.id, ASSIGNMENT_ACTOR, [
      {
        type: AssignmentEventType.Expired,
        data: {
          offerId: closed.id,
          role: closed.role,
          mediatorId: closed.mediator_id,
          expiresAt: closed.expires_at.toISOString(),
        },
      },
    ]);
    return true;
  }

  /**
   * After an offer ended unanswered or declined: a lead offer's case waits again; a co offer's
   * search may run again. Either way the engine is asked for the next candidate.
   */
  private async reopen(
    manager: EntityManager,
    subject: AssignableCase,
    offer: Pick<OfferRow, 'role'>,
  ): Promise<CaseStatus> {
    let status = subject.status;
    if (offer.role === OfferRole.Lead) {
      await moveCaseForAssignment(manager, subject.id, [CaseStatus.Offered], {
        to: CaseStatus.Queued,
      });
      await this.ledger.markRequeued(manager, subject.id);
      status = CaseStatus.Queued;
    } else {
      await this.ledger.setCoNone(manager, subject.id, false);
    }
    await this.ledger.requestAssignment(manager, subject.id);
    return status;
  }

  /**
   * The case (locked) and the caller's open offer of it (locked). A caller with no tie to the
   * case — never offered it, not holding it, not a unit role over it — gets 404 so its
   * existence does not leak; one with a tie but no open offer gets 409.
   */
  private async openOfferOf(
    manager: EntityManager,
    actor: Actor,
    mediatorId: string,
    caseId: string,
  ): Promise<{ subject: AssignableCase; offer: OfferRow }> {
    if (!isUuid(caseId)) throw CaseError.notFound();
    const subject = await lockCaseForAssignment(manager, caseId);
    if (!subject) throw CaseError.notFound();
    const offer = await this.ledger.findOpen(manager, caseId, mediatorId);
    if (offer) return { subject, offer };
    if (!(await this.isTied(manager, actor, mediatorId, subject))) throw CaseError.notFound();
    throw AssignmentError.offerNotYours();
  }

  private async isTied(
    manager: EntityManager,
    actor: Actor,
    mediatorId: string,
    subject: AssignableCase,
  ): Promise<boolean> {
    if (subject.mediatorId === mediatorId) return true;
    if (
      hasRole(actor, Role.Admin, Role.Supervisor, Role.Intake) &&
      reachesPath(actor, subject.unitPath)
    ) {
      return true;
    }
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM case_offer WHERE case_id = $1 AND mediator_id = $2)
           OR EXISTS (SELECT 1 FROM case_co_mediator WHERE case_id = $1 AND mediator_id = $2)
              AS tied`,
      [subject.id, mediatorId],
    )) as { tied: boolean }[];
    return row?.tied ?? false;
  }
}

/** The caller's mediator record; only mediators and volunteers receive offers. */
function requireMediator(actor: Actor): string {
  if (!hasRole(actor, Role.Mediator, Role.Volunteer) || !actor.mediatorId) {
    throw AssignmentError.forbidden('只有调解员和志愿律师可以接受或拒绝派案');
  }
  return actor.mediatorId;
}
