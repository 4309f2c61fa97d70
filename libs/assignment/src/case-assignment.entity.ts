import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The engine's bookkeeping for one case (table `case_assignment`). */
@Entity('case_assignment')
export class CaseAssignment {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** Since when the case waits for a mediator (last queued, or its lead offer ended). */
  @Column({ name: 'queued_since', type: 'timestamptz' })
  queuedSince!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** The engine's last run on the case, or the sweep's last request for one. */
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** Why the last run found nobody: reasons counted, exclusions listed. Null when it found one. */
  @Column({ name: 'no_candidate', type: 'jsonb', nullable: true })
  noCandidate!: Record<string, unknown> | null;

  /** A co-mediator search found no volunteer lawyer (collective disputes). */
  @Column({ name: 'co_none_at', type: 'timestamptz', nullable: true })
  coNoneAt!: Date | null;
}
