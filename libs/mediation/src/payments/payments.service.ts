import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, AuditLog } from '@heqi/core';
import { CaseTimeline } from '@heqi/cases';
import { ClockKind, DeadlinesService } from '@heqi/deadlines';
import { type InstalmentStatus, currentAgreement } from '../agreements/agreements.service.js';
import { loadCase } from '../case-access.js';
import { MediationEventType } from '../mediation-event-type.enum.js';
import { MediationError, MediationErrorCode } from '../mediation.errors.js';
import { fromFen, toFen } from '../money.js';
import { allocatePayment } from './payment-allocation.js';

export interface PaymentInput {
  /** Yuan, decimal string. */
  amount: string;
  paidAt: Date;
  note?: string | null;
}

export interface PaymentView {
  id: string;
  amount: string;
  paidAt: Date;
  note: string | null;
  allocations: { no: number; amount: string }[];
  recordedBy: string;
  recordedByName: string | null;
  createdAt: Date;
}

/** `GET /cases/:id/payments`: agreed vs paid, per instalment, and every payment. */
export interface PaymentLedger {
  caseId: string;
  agreementId: string;
  amountAgreed: string;
  amountPaid: string;
  outstanding: string;
  instalments: {
    no: number;
    dueDate: string;
    amount: string;
    paid: string;
    status: InstalmentStatus;
  }[];
  payments: PaymentView[];
}

const SKEW_MS = 5 * 60 * 1000;

/**
 * The performance of an agreement: payments allocated to the earliest instalments owed, the
 * case's `amount_paid` kept in the same transaction, on the locked case row — so concurrent
 * payments queue up and can never together exceed what is owed. An instalment paid in full
 * stops its performance clock (met).
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async record(actor: Actor, caseId: string, input: PaymentInput): Promise<PaymentLedger> {
    const fen = toFen(input.amount);
    if (fen <= 0)
      throw MediationError.invalid([{ field: 'amount', message: '付款金额必须大于 0' }]);
    if (input.paidAt.getTime() > Date.now() + SKEW_MS) {
      throw MediationError.invalid([{ field: 'paidAt', message: '付款时间不能晚于当前时间' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const kase = await loadCase(manager, actor, caseId, 'ledger', true);
      const agreement = await currentAgreement(manager, kase);
      if (!agreement) {
        throw MediationError.wrongState('本案没有调解协议，不能登记履行款项');
      }
      const { allocations, unallocatedFen } = allocatePayment(
        agreement.instalments.map((i) => ({
          no: i.no,
          fen: toFen(i.amount),
          paidFen: toFen(i.paid),
        })),
        fen,
      );
      if (unallocatedFen > 0) {
        throw new MediationError(
          MediationErrorCode.Overpayment,
          `付款金额 ${fromFen(fen)} 元超过尚欠金额 ${agreement.outstanding} 元`,
          [{ field: 'amount', message: `不能超过尚欠金额 ${agreement.outstanding} 元` }],
        );
      }
      const byNo = new Map(agreement.instalments.map((i) => [i.no, i]));
      await manager.query(
        `UPDATE agreement_instalment i
            SET paid = i.paid + a.amount,
                paid_at = CASE WHEN i.paid + a.amount >= i.amount THEN $3::timestamptz END
           FROM unnest($2::int[], $4::numeric[]) AS a(no, amount)
          WHERE i.agreement_id = $1 AND i.no = a.no`,
        [
          agreement.id,
          allocations.map((a) => a.no),
          input.paidAt,
          allocations.map((a) => fromFen(a.fen)),
        ],
      );
      await manager.query(
        `UPDATE mediation_case SET amount_paid = amount_paid + $2, updated_at = now() WHERE id = $1`,
        [kase.id, fromFen(fen)],
      );
      const [payment] = (await manager.query(
        `INSERT INTO case_payment (case_id, agreement_id, amount, paid_at, note, allocations,
                                   recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          kase.id,
          agreement.id,
          fromFen(fen),
          input.paidAt,
          input.note ?? null,
          JSON.stringify(allocations.map((a) => ({ no: a.no, amount: fromFen(a.fen) }))),
          actor.userId,
        ],
      )) as { id: string }[];
      // Money: who recorded what is kept in the audit log as well as on the timeline.
      await this.audit.record(manager, actor, {
        action: 'case.payment',
        objectType: 'case',
        objectId: kase.id,
        orgPath: kase.unit_path,
        data: { paymentId: payment!.id, amount: fromFen(fen), paidAt: input.paidAt.toISOString() },
      });
      const completed = allocations.filter((a) => a.completes).map((a) => byNo.get(a.no)!);
      for (const instalment of completed) {
        await this.deadlines.stopClock(manager, kase.id, ClockKind.AgreementPerformance, {
          ref: instalment.id,
          reason: 'done',
        });
      }
      await this.timeline.append(manager, kase.id, actor, [
        {
          type: MediationEventType.Payment,
          data: {
            paymentId: payment!.id,
            amount: fromFen(fen),
            paidAt: input.paidAt.toISOString(),
            allocations: allocations.map((a) => ({ no: a.no, amount: fromFen(a.fen) })),
            outstanding: fromFen(toFen(agreement.outstanding) - fen),
          },
        },
        ...completed.map((i) => ({
          type: MediationEventType.InstalmentPaid,
          data: { no: i.no, dueDate: i.dueDate, amount: i.amount },
        })),
      ]);
    });
    return this.ledger(actor, caseId);
  }

  async ledger(actor: Actor, caseId: string): Promise<PaymentLedger> {
    const manager = this.dataSource.manager;
    const kase = await loadCase(manager, actor, caseId, 'read');
    const agreement = await currentAgreement(manager, kase);
    if (!agreement) {
      throw new MediationError(MediationErrorCode.NoAgreement, '本案没有调解协议');
    }
    const payments = (await manager.query(
      `SELECT p.id, p.amount, p.paid_at, p.note, p.allocations, p.recorded_by,
              u.display_name AS recorded_by_name, p.created_at
         FROM case_payment p LEFT JOIN app_user u ON u.id = p.recorded_by
        WHERE p.agreement_id = $1 ORDER BY p.paid_at, p.created_at`,
      [agreement.id],
    )) as {
      id: string;
      amount: string;
      paid_at: Date;
      note: string | null;
      allocations: { no: number; amount: string }[];
      recorded_by: string;
      recorded_by_name: string | null;
      created_at: Date;
    }[];
    return {
      caseId: kase.id,
      agreementId: agreement.id,
      amountAgreed: agreement.amountAgreed,
      amountPaid: agreement.amountPaid,
      outstanding: agreement.outstanding,
      instalments: agreement.instalments.map((i) => ({
        no: i.no,
        dueDate: i.dueDate,
        amount: i.amount,
        paid: i.paid,
        status: i.status,
      })),
      payments: payments.map((p) => ({
        id: p.id,
        amount: p.amount,
        paidAt: p.paid_at,
        note: p.note,
        allocations: p.allocations,
        recordedBy: p.recorded_by,
        recordedByName: p.recorded_by_name,
        createdAt: p.created_at,
      })),
    };
  }
}
