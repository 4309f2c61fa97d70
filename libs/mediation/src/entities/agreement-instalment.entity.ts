import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One instalment of an agreement (table `agreement_instalment`). */
@Entity('agreement_instalment')
export class AgreementInstalment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'int' }) no!: number;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) amount!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2, default: 0 }) paid!: string;
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true }) paidAt!: Date | null;
  /** Set once, when the default alert was raised. */
  @Column({ name: 'defaulted_at', type: 'timestamptz', nullable: true }) defaultedAt!: Date | null;
}
