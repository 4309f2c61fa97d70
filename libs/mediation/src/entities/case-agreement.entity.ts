import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The 调解协议书 of one settled close (table `case_agreement`). One `current` per case; a later
 * close of the reopened case supersedes it.
 */
@Entity('case_agreement')
export class CaseAgreement {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'boolean', default: true }) current!: boolean;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
  @Column({ type: 'text' }) terms!: string;
  @Column({ name: 'amount_agreed', type: 'numeric', precision: 14, scale: 2 })
  amountAgreed!: string;
  @Column({ name: 'signed_at', type: 'timestamptz' }) signedAt!: Date;
  @Column({ type: 'jsonb' }) parties!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) claims!: Record<string, unknown>;
  @Column({ name: 'unit_name', type: 'text' }) unitName!: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
