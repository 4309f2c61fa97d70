import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one row of version counters (table `deadline_revision`) that every process compares with
 * its cached calendar and policies; each change bumps its counter in the same transaction.
 */
@Entity('deadline_revision')
export class DeadlineRevision {
  @PrimaryColumn({ type: 'boolean', default: true })
  id!: boolean;

  @Column({ name: 'calendar_version', type: 'bigint', default: 1 })
  calendarVersion!: string;

  @Column({ name: 'policy_version', type: 'bigint', default: 1 })
  policyVersion!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
