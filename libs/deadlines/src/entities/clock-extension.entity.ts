import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A request to extend a clock, and the supervisor's decision (table `clock_extension`). */
@Entity('clock_extension')
export class ClockExtension {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'clock_id', type: 'uuid' })
  clockId!: string;

  @Column({ type: 'int' })
  days!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: 'pending' })
  state!: 'pending' | 'approved' | 'rejected';

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'due_before', type: 'timestamptz', nullable: true })
  dueBefore!: Date | null;

  @Column({ name: 'due_after', type: 'timestamptz', nullable: true })
  dueAfter!: Date | null;
}
