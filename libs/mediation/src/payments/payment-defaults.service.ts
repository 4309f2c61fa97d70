import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, SystemActor } from '@heqi/core';
import { CaseTimeline } from '@heqi/cases';
import { type NewNotification, NotificationsService } from '@heqi/deadlines';
import {
  type AgreementView,
  currentAgreement,
  noAgreement,
} from '../agreements/agreements.service.js';
import { loadCase } from '../case-access.js';
import { toChineseAmount } from '../chinese-amount.js';
import { MediationEventType } from '../mediation-event-type.enum.js';
import { MediationError, MediationErrorCode } from '../mediation.errors.js';
import { fromFen, toFen } from '../money.js';

const ACTOR: SystemActor = { system: 'payment-defaults' };
/** Defaults one sweep raises at most; the next sweep takes the rest. */
const BATCH = 500;

/** 《劳动争议调解仲裁法》第十六条 — why a default opens the 支付令 path. */
export const ART_16 = {
  law: '《中华人民共和国劳动争议调解仲裁法》',
  article: '第十六条',
  text:
    '因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，' +
    '劳动者可以持调解协议书依法向人民法院申请支付令。人民法院应当依法发出支付令。',
} as const;

/** The facts a worker (or the union's lawyer) needs to apply for a 支付令 or to arbitration. */
export interface PaymentDefaultPacket {
  caseId: string;
  caseNo: string;
  generatedAt: Date;
  legalBasis: typeof ART_16;
  applicants: AgreementView['parties']['claimants'];
  respondent: AgreementView['parties']['employer'];
  organisation: string;
  claims: AgreementView['claims'];
  agreement: {
    id: string;
    terms: string;
    amountAgreed: string;
    amountInWords: string;
    signedAt: Date;
  };
  instalments: AgreementView['instalments'];
  owed: {
    /** Unpaid on instalments past their due date. */
    overdue: string;
    overdueInWords: string;
    /** Everything still unpaid under the agreement. */
    outstanding: string;
    amountPaid: string;
  };
  defaultedInstalments: number[];
  routes: string[];
}

interface RaisedRow {
  id: string;
  case_id: string;
  case_no: string;
  no: number;
  due_date: string;
  amount: string;
  paid: string;
  mediator_id: string | null;
  path: string;
}

/**
 * Payment defaults: an instalment past the end of its due date (Asia/Shanghai) and not paid in
 * full is raised as a default exactly once — the conditional update on `defaulted_at IS NULL`
 * lets one of any number of concurrent or repeated runs (its delayed job, the job again, the
 * periodic sweep) claim it; the others find nothing. The raise writes the timeline event and
 * notifies the case's mediator and the supervisors of the nearest unit up its path, in the same
 * transaction.
 */
@Injectable()
export class PaymentDefaultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
  ) {}

  /** The instalment's delayed job: raises its default if it is due and unpaid. */
  raiseOne(instalmentId: string): Promise<{ raised: number }> {
    return this.raise(instalmentId);
  }

  /** The periodic sweep: raises every default that is due and not raised yet. */
  sweep(): Promise<{ raised: number }> {
    return this.raise(null);
  }

  private raise(instalmentId: string | null): Promise<{ raised: number }> {
    return this.dataSource.transaction(async (manager) => {
      const [raised] = (await manager.query(
        `UPDATE agreement_instalment i SET defaulted_at = now()
           FROM case_agreement a, mediation_case c, org_unit ou
          WHERE a.id = i.agreement_id AND a.current AND c.id = i.case_id AND ou.id = c.org_unit_id
            AND i.defaulted_at IS NULL AND i.paid < i.amount
            AND ((i.due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') <= now()
            AND i.id IN (SELECT d.id FROM agreement_instalment d
                           JOIN case_agreement da ON da.id = d.agreement_id AND da.current
                          WHERE d.defaulted_at IS NULL AND d.paid < d.amount
                            AND ((d.due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') <= now()
                            AND ($1::uuid IS NULL OR d.id = $1)
                          ORDER BY d.due_date, d.id LIMIT $2)
          RETURNING i.id, i.case_id, c.case_no, i.no, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
                    i.amount, i.paid, c.mediator_id, ou.path`,
        [instalmentId, BATCH],
      )) as [RaisedRow[], number];
      if (raised.length === 0) return { raised: 0 };
      await this.timeline.appendToMany(
        manager,
        ACTOR,
        raised.map((r) => ({
          caseId: r.case_id,
          type: MediationEventType.PaymentDefault,
          data: {
            instalmentId: r.id,
            no: r.no,
            dueDate: r.due_date,
            amount: r.amount,
            paid: r.paid,
            owed: fromFen(toFen(r.amount) - toFen(r.paid)),
            packet: `/api/v1/cases/${r.case_id}/payment-default-packet`,
          },
        })),
      );
      await this.notifications.notify(manager, await this.notesFor(manager, raised));
      return { raised: raised.length };
    });
  }

  private async notesFor(manager: EntityManager, raised: RaisedRow[]): Promise<NewNotification[]> {
    const notes: NewNotification[] = [];
    for (const r of raised) {
      const people = (await manager.query(
        `WITH path_units AS (
           SELECT a.unit_id::uuid AS unit_id, a.depth
             FROM unnest(string_to_array(btrim($1, '/'), '/')) WITH ORDINALITY AS a(unit_id, depth)),
         supervisors AS (
           SELECT u.id, p.depth, max(p.depth) OVER () AS nearest
             FROM path_units p JOIN app_user u ON u.org_unit_id = p.unit_id AND u.active
            WHERE 'supervisor' = ANY (u.roles))
         SELECT id, 'supervisor' AS role FROM supervisors WHERE depth = nearest
         UNION
         SELECT id, 'holder' FROM app_user WHERE active AND mediator_id = $2`,
        [r.path, r.mediator_id],
      )) as { id: string; role: 'supervisor' | 'holder' }[];
      const owed = fromFen(toFen(r.amount) - toFen(r.paid));
      for (const p of people) {
        notes.push({
          userId: p.id,
          kind: 'mediation.payment_default',
          title: `调解协议未履行：${r.case_no} 第${r.no}期`,
          body:
            `案件 ${r.case_no} 调解协议第${r.no}期（${r.due_date} 到期）尚欠 ${owed} 元未履行。` +
            (p.role === 'holder'
              ? '请联系双方了解情况，并告知劳动者可持调解协议书申请支付令或申请仲裁。'
              : '已生成支付令/仲裁申请材料，请督促跟进。'),
          caseId: r.case_id,
        });
      }
    }
    return notes;
  }

  /** The 支付令 / arbitration packet; 404 unless an instalment is in default. */
  async packet(actor: Actor, caseId: string): Promise<PaymentDefaultPacket> {
    const manager = this.dataSource.manager;
    const kase = await loadCase(manager, actor, caseId, 'read');
    const agreement = await currentAgreement(manager, kase);
    if (!agreement) throw noAgreement();
    const defaulted = agreement.instalments.filter((i) => i.status === 'defaulted');
    if (defaulted.length === 0) {
      throw new MediationError(MediationErrorCode.NoDefault, '本案调解协议没有逾期未履行的款项');
    }
    const overdueFen = agreement.instalments
      .filter((i) => i.status === 'defaulted' || i.status === 'overdue')
      .reduce((sum, i) => sum + toFen(i.amount) - toFen(i.paid), 0);
    return {
      caseId: kase.id,
      caseNo: kase.case_no,
      generatedAt: new Date(),
      legalBasis: ART_16,
      applicants: agreement.parties.claimants,
      respondent: agreement.parties.employer,
      organisation: agreement.organisation,
      claims: agreement.claims,
      agreement: {
        id: agreement.id,
        terms: agreement.terms,
        amountAgreed: agreement.amountAgreed,
        amountInWords: agreement.amountInWords,
        signedAt: agreement.signedAt,
      },
      instalments: agreement.instalments,
      owed: {
        overdue: fromFen(overdueFen),
        overdueInWords: toChineseAmount({ fen: overdueFen }),
        outstanding: agreement.outstanding,
        amountPaid: agreement.amountPaid,
      },
      defaultedInstalments: defaulted.map((i) => i.no),
      routes: [
        '持调解协议书向有管辖权的基层人民法院申请支付令（劳动报酬、工伤医疗费、经济补偿或赔偿金事项）',
        '向劳动人事争议仲裁委员会申请仲裁',
      ],
    };
  }
}
