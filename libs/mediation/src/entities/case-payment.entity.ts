import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Money received under an agreement (table `case_payment`). */
@Entity('case_payment')
export class CasePayment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) amount!: string;
  @Column({ name: 'paid_at', type: 'timestamptz' }) paidAt!: Date;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'jsonb' }) allocations!: { no: number; amount: string }[];
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
