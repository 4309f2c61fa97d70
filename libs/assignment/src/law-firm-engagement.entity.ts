import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A law firm acting for an employer (table `law_firm_engagement`): 回避 for its lawyers. */
@Entity('law_firm_engagement')
export class LawFirmEngagementRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'law_firm', type: 'text' })
  lawFirm!: string;

  @Column({ name: 'employer_name', type: 'text' })
  employerName!: string;

  @Column({ name: 'employer_credit_code', type: 'text', nullable: true })
  employerCreditCode!: string | null;

  @Column({ type: 'date' })
  since!: string;

  @Column({ type: 'date', nullable: true })
  until!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The unit whose staff keep the record; null for a deployment-wide record. */
  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
