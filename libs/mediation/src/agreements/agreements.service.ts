import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@heqi/core';
import { type WorkedCase, loadCase } from '../case-access.js';
import { toChineseAmount } from '../chinese-amount.js';
import type { AgreementClaims, AgreementParties } from '../closing/closing.service.js';
import { MediationError, MediationErrorCode } from '../mediation.errors.js';
import { fromFen, toFen } from '../money.js';
import { renderAgreementPdf } from './agreement-pdf.js';

export type InstalmentStatus = 'pending' | 'paid' | 'overdue' | 'defaulted';

export interface InstalmentView {
  id: string;
  no: number;
  dueDate: string;
  amount: string;
  paid: string;
  status: InstalmentStatus;
  paidAt: Date | null;
  defaultedAt: Date | null;
}

/** The current 调解协议书 of a case. */
export interface AgreementView {
  id: string;
  caseId: string;
  caseNo: string;
  terms: string;
  amountAgreed: string;
  /** The amount in Chinese capital numerals, e.g. 叁万贰仟伍佰元整. */
  amountInWords: string;
  signedAt: Date;
  parties: AgreementParties;
  claims: AgreementClaims;
  /** The mediation organisation: the case's unit. */
  organisation: string;
  amountPaid: string;
  outstanding: string;
  instalments: InstalmentView[];
  createdAt: Date;
}

interface AgreementRow {
  id: string;
  case_id: string;
  terms: string;
  amount_agreed: string;
  signed_at: Date;
  parties: AgreementParties;
  claims: AgreementClaims;
  unit_name: string;
  created_at: Date;
}

interface InstalmentRow {
  id: string;
  no: number;
  due_date: string;
  amount: string;
  paid: string;
  status: InstalmentStatus;
  paid_at: Date | null;
  defaulted_at: Date | null;
}

/**
 * An instalment's status: `paid` in full; `defaulted` once its default was raised; `overdue`
 * past the end of its due date (Asia/Shanghai) but not raised yet; else `pending`.
 */
export const INSTALMENT_STATUS_SQL = `CASE WHEN i.paid >= i.amount THEN 'paid'
  WHEN i.defaulted_at IS NOT NULL THEN 'defaulted'
  WHEN ((i.due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') <= now() THEN 'overdue'
  ELSE 'pending' END`;

/** The agreement of a case as JSON and as the printable 调解协议书 (PDF). */
@Injectable()
export class AgreementsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(actor: Actor, caseId: string): Promise<AgreementView> {
    const kase = await loadCase(this.dataSource.manager, actor, caseId, 'read');
    const view = await currentAgreement(this.dataSource.manager, kase);
    if (!view) throw noAgreement();
    return view;
  }

  async pdf(actor: Actor, caseId: string): Promise<{ caseNo: string; pdf: Buffer }> {
    const view = await this.get(actor, caseId);
    return { caseNo: view.caseNo, pdf: await renderAgreementPdf(view) };
  }
}

export function noAgreement(): MediationError {
  return new MediationError(MediationErrorCode.NoAgreement, '本案没有调解协议');
}

/** The case's current agreement with its instalments (null when it has none). */
export async function currentAgreement(
  manager: EntityManager,
  kase: Pick<WorkedCase, 'id' | 'case_no'>,
): Promise<AgreementView | null> {
  const [row] = (await manager.query(
    `SELECT id, case_id, terms, amount_agreed, signed_at, parties, claims, unit_name, created_at
       FROM case_agreement WHERE case_id = $1 AND current`,
    [kase.id],
  )) as AgreementRow[];
  if (!row) return null;
  const instalments = (await manager.query(
    `SELECT i.id, i.no, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.amount, i.paid,
            ${INSTALMENT_STATUS_SQL} AS status, i.paid_at, i.defaulted_at
       FROM agreement_instalment i WHERE i.agreement_id = $1 ORDER BY i.no`,
    [row.id],
  )) as InstalmentRow[];
  const paidFen = instalments.reduce((sum, i) => sum + toFen(i.paid), 0);
  return {
    id: row.id,
    caseId: row.case_id,
    caseNo: kase.case_no,
    terms: row.terms,
    amountAgreed: row.amount_agreed,
    amountInWords: toChineseAmount(row.amount_agreed),
    signedAt: row.signed_at,
    parties: row.parties,
    claims: row.claims,
    organisation: row.unit_name,
    amountPaid: fromFen(paidFen),
    outstanding: fromFen(toFen(row.amount_agreed) - paidFen),
    instalments: instalments.map((i) => ({
      id: i.id,
      no: i.no,
      dueDate: i.due_date,
      amount: i.amount,
      paid: i.paid,
      status: i.status,
      paidAt: i.paid_at,
      defaultedAt: i.defaulted_at,
    })),
    createdAt: row.created_at,
  };
}
