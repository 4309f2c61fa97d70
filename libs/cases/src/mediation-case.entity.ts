import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DisputeCategory } from '@heqi/core';
import type { CaseChannel } from './case-channel.enum.js';
import type { CaseOutcome } from './case-outcome.enum.js';
import type { CaseStatus } from './case-status.enum.js';

/**
 * A labour-dispute case (table `mediation_case`, Cases migration). Units, the mediator and the
 * employer cluster are referenced by id only: they belong to other contexts. Money columns are
 * numeric(14,2) and read as decimal strings, never floats.
 */
@Entity('mediation_case')
export class MediationCase {
  /** Chosen before the insert: the hotline path claims the order number with it first. */
  @PrimaryColumn('uuid')
  id!: string;

  /** `<district short name>-<year>-<6-digit seq>`, e.g. 南湖-2026-000123. */
  @Column({ name: 'case_no', type: 'text' })
  caseNo!: string;

  @Column({ type: 'text' })
  channel!: CaseChannel;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column({ type: 'text', nullable: true })
  outcome!: CaseOutcome | null;

  @Column({ type: 'text' })
  category!: DisputeCategory;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'text' })
  description!: string;

  /** Where the case is handled; the district itself while it waits in triage. */
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  /** The district the case number belongs to (root of `orgUnitId`'s path). */
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'mediator_id', type: 'uuid', nullable: true })
  mediatorId!: string | null;

  @Column({ type: 'boolean', default: false })
  collective!: boolean;

  @Column({ type: 'boolean', default: false })
  urgent!: boolean;

  @Column({ name: 'town_level', type: 'boolean', default: false })
  townLevel!: boolean;

  @Column({ name: 'employer_name', type: 'text', nullable: true })
  employerName!: string | null;

  @Column({ name: 'employer_credit_code', type: 'text', nullable: true })
  employerCreditCode!: string | null;

  @Column({ name: 'employer_unit_id', type: 'uuid', nullable: true })
  employerUnitId!: string | null;

  @Column({ name: 'event_address', type: 'text', nullable: true })
  eventAddress!: string | null;

  @Column({ name: 'amount_claimed', type: 'numeric', precision: 14, scale: 2, nullable: true })
  amountClaimed!: string | null;

  @Column({ name: 'amount_agreed', type: 'numeric', precision: 14, scale: 2, nullable: true })
  amountAgreed!: string | null;

  @Column({ name: 'amount_paid', type: 'numeric', precision: 14, scale: 2, default: 0 })
  amountPaid!: string;

  @Column({ name: 'worker_count', type: 'int', nullable: true })
  workerCount!: number | null;

  /** Fields intake filled from the free text rather than from the form. */
  @Column({ name: 'extracted_fields', type: 'text', array: true, default: () => `'{}'` })
  extractedFields!: string[];

  @Column({ name: 'cluster_id', type: 'uuid', nullable: true })
  clusterId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Times an unsatisfied 回访 reopened the case (重办). */
  @Column({ name: 'reopen_count', type: 'int', default: 0 })
  reopenCount!: number;

  @Column({ name: 'first_contact_at', type: 'timestamptz', nullable: true })
  firstContactAt!: Date | null;

  /** The user who registered the case; null for machine intake (hotline push, import). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
