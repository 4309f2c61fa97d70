import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One step of a case's timeline (table `case_event`). Append-only: the database refuses UPDATE
 * and DELETE (see the Cases migration).
 */
@Entity('case_event')
export class CaseEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at!: Date;

  /** The user who acted; null for a machine (named in `actorName`). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** The user's display name when the event happened, or the machine's name. */
  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  /** Dotted type, e.g. `case.received` (see {@link CaseEventType}). */
  @Column({ type: 'text' })
  type!: string;

  /** What happened. Never clear personal numbers. */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  data!: Record<string, unknown>;
}
