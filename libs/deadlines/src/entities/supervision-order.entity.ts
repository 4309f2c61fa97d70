import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 督办: opened by a breached clock for the supervisors of the case's unit. */
@Entity('supervision_order')
export class SupervisionOrder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'clock_id', type: 'uuid', unique: true })
  clockId!: string;

  /** The case's unit when the clock breached. */
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  @Column({ type: 'text', default: 'open' })
  state!: 'open' | 'closed';

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'close_note', type: 'text', nullable: true })
  closeNote!: string | null;
}
