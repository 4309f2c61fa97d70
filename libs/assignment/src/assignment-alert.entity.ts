import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An alert for the supervisors of a case's unit (table `assignment_alert`): today, that nobody
 * can take the case. One open alert per case and kind; resolved when the case is offered or
 * reassigned. Delivering it (SMS, console) is the notifications issue's.
 */
@Entity('assignment_alert')
export class AssignmentAlert {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  kind!: 'no_candidate';

  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  /** The supervisors homed on the case's unit or above it when the alert was raised. */
  @Column({ name: 'supervisor_ids', type: 'uuid', array: true, default: () => `'{}'` })
  supervisorIds!: string[];

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  data!: Record<string, unknown>;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
