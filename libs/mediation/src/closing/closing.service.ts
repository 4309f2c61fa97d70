import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditLog, JobName, OutboxService } from '@heqi/core';
import { requestAssignmentOfWaitingCases } from '@heqi/assignment';
import { CaseOutcome, CaseTimeline, HotlineReplyState } from '@heqi/cases';
import { ClockKind, DeadlinesService } from '@heqi/deadlines';
import { type WorkedCase, loadCase } from '../case-access.js';
import { MediationEventType } from '../mediation-event-type.enum.js';
import { MediationError, MediationErrorCode } from '../mediation.errors.js';
import { fromFen, toFen } from '../money.js';
import {
  type CloseInput,
  type PlannedInstalment,
  REFERRED_OUTCOMES,
  checkClose,
  endOfDueDate,
} from './close-rules.js';

/** The parties as the agreement records them (a snapshot: later edits do not change it). */
export interface AgreementParties {
  claimants: { name: string; idNumberMasked: string | null }[];
  employer: { name: string | null; creditCode: string | null };
}

/** What was in dispute, as recorded with the agreement. */
export interface AgreementClaims {
  category: string;
  title: string | null;
  description: string;
  amountClaimed: string | null;
  workerCount: number | null;
}

export interface ClosedCaseView {
  caseId: string;
  caseNo: string;
  status: 'closed';
  outcome: CaseOutcome;
  closedAt: Date;
  amountAgreed: string | null;
  agreementId: string | null;
  /** The hotline order whose reply is now on its way, if the case came from 12345. */
  hotline: { orderNo: string; replyState: HotlineReplyState } | null;
  /** Queued cases the freed mediator may take, handed to the engine. */
  wokenCases: number;
}

export interface ReferralSummary {
  caseId: string;
  caseNo: string;
  outcome: CaseOutcome;
  closedAt: Date | null;
  referral: { institution: string; referredAt: string; note: string | null };
  organisation: string;
  mediator: { id: string | null; name: string | null };
  parties: AgreementParties;
  claims: AgreementClaims;
  handlingSummary: string | null;
  reason: string | null;
  /** What was tried: the sessions held, oldest first. */
  sessions: { heldAt: Date; mode: string; notes: string; participants: unknown[] }[];
  firstContactAt: Date | null;
  receivedAt: Date;
}

/**
 * Closing a case with its outcome, in one transaction on the locked case row: status, outcome,
 * amounts; the agreement and its instalments for `settled` (superseding the agreement of an
 * earlier close of a reopened case); the clocks closing ends and the ones an agreement starts;
 * the `case.closed` event the 12345 reply is built from; the reply's delivery job; and the
 * assignment of cases that waited for a mediator with room.
 */
@Injectable()
export class ClosingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async close(actor: Actor, caseId: string, input: CloseInput): Promise<ClosedCaseView> {
    return this.dataSource.transaction(async (manager) => {
      const kase = await loadCase(manager, actor, caseId, 'hold', true);
      if (kase.status === 'closed') {
        throw new MediationError(MediationErrorCode.AlreadyClosed, '案件已结案，不能重复结案');
      }
      if (kase.status !== 'in_mediation') {
        throw MediationError.wrongState(`案件当前状态为 ${kase.status}，不在调解中，不能结案`);
      }
      const { problems, instalments } = checkClose(input);
      if (problems.length) throw MediationError.invalid(problems);

      const [{ now }] = (await manager.query(`SELECT now() AS now`)) as [{ now: Date }];
      // A close supersedes the agreement of an earlier close (the case was reopened).
      await manager.query(
        `UPDATE case_agreement SET current = false, superseded_at = now()
          WHERE case_id = $1 AND current`,
        [kase.id],
      );
      const settled = input.outcome === CaseOutcome.Settled && input.agreement;
      const agreement = settled
        ? await this.writeAgreement(manager, actor, kase, input, instalments)
        : null;
      await manager.query(
        `UPDATE mediation_case
            SET status = 'closed', outcome = $2, closed_at = $3, amount_agreed = $4,
                amount_paid = CASE WHEN $5 THEN 0 ELSE amount_paid END, updated_at = now()
          WHERE id = $1`,
        [kase.id, input.outcome, now, agreement?.amount ?? null, agreement !== null],
      );

      // Closing ends every clock of the mediation (reply, statutory limit, first contact, the
      // limitation and the clocks of a superseded agreement); the new agreement's start below.
      await this.deadlines.stopAllClocks(manager, kase.id, 'closed');
      if (agreement)
        await this.startAgreementClocks(manager, kase.id, input, agreement.instalments);

      await this.timeline.append(manager, kase.id, actor, [
        {
          // HotlineReplies builds the 12345 reply from exactly these keys of the latest event.
          type: MediationEventType.Closed,
          data: {
            outcome: input.outcome,
            reason: input.reason ?? null,
            handlingSummary: input.handlingSummary,
            publicReply: input.publicReply ?? null,
            referral: input.referral
              ? {
                  institution: input.referral.institution,
                  referredAt: input.referral.referredAt.toISOString(),
                  note: input.referral.note ?? null,
                }
              : null,
            ...(agreement ? { agreementId: agreement.id, amountAgreed: agreement.amount } : {}),
            closeNo: kase.reopen_count + 1,
          },
        },
      ]);

      // TypeORM's postgres driver answers an UPDATE … RETURNING with [rows, count].
      const [orders] = (await manager.query(
        `UPDATE hotline_order SET reply_state = $2, reply_last_error = NULL
          WHERE case_id = $1 RETURNING order_no`,
        [kase.id, HotlineReplyState.Pending],
      )) as [{ order_no: string }[], number];
      const order = orders[0];
      if (order) {
        await this.outbox.enqueue(manager, JobName.DeliverHotlineReply, {
          caseId: kase.id,
          kind: 'reply',
        });
      }
      await this.audit.record(manager, actor, {
        action: 'case.close',
        objectType: 'case',
        objectId: kase.id,
        orgPath: kase.unit_path,
        data: {
          outcome: input.outcome,
          amountAgreed: agreement?.amount ?? null,
          agreementId: agreement?.id ?? null,
        },
      });
      const woken = kase.mediator_id
        ? await requestAssignmentOfWaitingCases(manager, this.outbox, kase.mediator_id)
        : [];
      return {
        caseId: kase.id,
        caseNo: kase.case_no,
        status: 'closed',
        outcome: input.outcome,
        closedAt: now,
        amountAgreed: agreement?.amount ?? null,
        agreementId: agreement?.id ?? null,
        hotline: order ? { orderNo: order.order_no, replyState: HotlineReplyState.Pending } : null,
        wokenCases: woken.length,
      };
    });
  }

  /** Where a referred case went and what was tried before (for the receiving institution). */
  async referralSummary(actor: Actor, caseId: string): Promise<ReferralSummary> {
    const manager = this.dataSource.manager;
    const kase = await loadCase(manager, actor, caseId, 'read');
    const [event] = (await manager.query(
      `SELECT data FROM case_event WHERE case_id = $1 AND type = $2 ORDER BY id DESC LIMIT 1`,
      [kase.id, MediationEventType.Closed],
    )) as { data: Record<string, unknown> }[];
    const referral = event?.data.referral as ReferralSummary['referral'] | null | undefined;
    if (
      kase.status !== 'closed' ||
      !REFERRED_OUTCOMES.includes(kase.outcome as CaseOutcome) ||
      !referral
    ) {
      throw new MediationError(MediationErrorCode.NoReferral, '本案未转仲裁、诉讼或劳动监察');
    }
    const [mediator] = (await manager.query(`SELECT name FROM mediator WHERE id = $1`, [
      kase.mediator_id,
    ])) as { name: string }[];
    const sessions = (await manager.query(
      `SELECT held_at, mode, notes, participants FROM case_session
        WHERE case_id = $1 ORDER BY held_at, created_at`,
      [kase.id],
    )) as { held_at: Date; mode: string; notes: string; participants: unknown[] }[];
    return {
      caseId: kase.id,
      caseNo: kase.case_no,
      outcome: kase.outcome as CaseOutcome,
      closedAt: kase.closed_at,
      referral: {
        institution: referral.institution,
        referredAt: referral.referredAt,
        note: referral.note ?? null,
      },
      organisation: kase.unit_name,
      mediator: { id: kase.mediator_id, name: mediator?.name ?? null },
      parties: await partiesOf(manager, kase),
      claims: claimsOf(kase),
      handlingSummary: (event!.data.handlingSummary as string | undefined) ?? null,
      reason: (event!.data.reason as string | null | undefined) ?? null,
      sessions: sessions.map((s) => ({
        heldAt: s.held_at,
        mode: s.mode,
        notes: s.notes,
        participants: s.participants,
      })),
      firstContactAt: kase.first_contact_at,
      receivedAt: kase.received_at,
    };
  }

  private async writeAgreement(
    manager: EntityManager,
    actor: Actor,
    kase: WorkedCase,
    input: CloseInput,
    instalments: PlannedInstalment[],
  ): Promise<{
    id: string;
    amount: string;
    instalments: { id: string; no: number; dueDate: string }[];
  }> {
    const agreement = input.agreement!;
    const amount = fromFen(toFen(agreement.amountAgreed));
    const [row] = (await manager.query(
      `INSERT INTO case_agreement (case_id, terms, amount_agreed, signed_at, parties, claims,
                                   unit_name, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        kase.id,
        agreement.terms,
        amount,
        agreement.signedAt,
        JSON.stringify(await partiesOf(manager, kase)),
        JSON.stringify(claimsOf(kase)),
        kase.unit_name,
        actor.userId,
      ],
    )) as { id: string }[];
    const written = (await manager.query(
      `INSERT INTO agreement_instalment (agreement_id, case_id, no, due_date, amount)
       SELECT $1, $2, * FROM unnest($3::int[], $4::date[], $5::numeric[])
       RETURNING id, no, to_char(due_date, 'YYYY-MM-DD') AS due_date`,
      [
        row!.id,
        kase.id,
        instalments.map((i) => i.no),
        instalments.map((i) => i.dueDate),
        instalments.map((i) => fromFen(i.fen)),
      ],
    )) as { id: string; no: number; due_date: string }[];
    return {
      id: row!.id,
      amount,
      instalments: written
        .map((w) => ({ id: w.id, no: w.no, dueDate: w.due_date }))
        .sort((a, b) => a.no - b.no),
    };
  }

  /**
   * 司法确认: 30 calendar days from signing (the policy's budget). Each instalment: due at the
   * end of its due date, plus the delayed job that raises its default then if it is unpaid (the
   * sweep raises it too, should that job be lost).
   */
  private async startAgreementClocks(
    manager: EntityManager,
    caseId: string,
    input: CloseInput,
    instalments: { id: string; no: number; dueDate: string }[],
  ): Promise<void> {
    const signedAt = input.agreement!.signedAt;
    await this.deadlines.startClock(manager, {
      caseId,
      kind: ClockKind.JudicialConfirmation,
      startAt: signedAt,
    });
    for (const instalment of instalments) {
      const dueAt = endOfDueDate(instalment.dueDate);
      await this.deadlines.startClock(manager, {
        caseId,
        kind: ClockKind.AgreementPerformance,
        startAt: signedAt,
        dueAt,
        ref: instalment.id,
      });
    }
    await this.outbox.enqueueMany(
      manager,
      JobName.InstalmentDue,
      instalments.map((i) => ({
        payload: { instalmentId: i.id },
        runAt: new Date(endOfDueDate(i.dueDate).getTime() + 1),
      })),
    );
  }
}

/** The parties of a case now: claimants (ID numbers masked) and the employer. */
export async function partiesOf(
  manager: EntityManager,
  kase: WorkedCase,
): Promise<AgreementParties> {
  const claimants = (await manager.query(
    `SELECT name, id_number_masked FROM claimant WHERE case_id = $1 ORDER BY position`,
    [kase.id],
  )) as { name: string; id_number_masked: string | null }[];
  return {
    claimants: claimants.map((c) => ({ name: c.name, idNumberMasked: c.id_number_masked })),
    employer: { name: kase.employer_name, creditCode: kase.employer_credit_code },
  };
}

export function claimsOf(kase: WorkedCase): AgreementClaims {
  return {
    category: kase.category,
    title: kase.title,
    description: kase.description,
    amountClaimed: kase.amount_claimed,
    workerCount: kase.worker_count,
  };
}
