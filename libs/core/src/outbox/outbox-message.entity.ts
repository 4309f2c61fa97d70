import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job promised by a committed state change. Written in the same transaction as the change,
 * relayed to BullMQ afterwards, so Redis being away delays the job but never loses it.
 */
@Entity('outbox_message')
@Index('outbox_message_pending_idx', ['id'], { where: 'relayed_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'queue_name', type: 'text' })
  queueName!: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** BullMQ jobId; `outbox-<id>` unless the writer asked to collapse equal jobs. */
  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  /** Earliest time the job may run (a delayed job, e.g. a deadline warning). */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;

  @Column({ name: 'relay_attempts', type: 'int', default: 0 })
  relayAttempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
