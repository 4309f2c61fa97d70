import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the append-only audit log: who did what to which object, when and from where.
 * The database refuses UPDATE, DELETE and TRUNCATE on this table (see the Audit migration).
 */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** A user id, or null for a machine caller named in `actorName` (e.g. `hotline:js12345`). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  /** Dotted verb, e.g. `case.reveal`, `user.create`, `org_unit.move`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'object_type', type: 'text' })
  objectType!: string;

  @Column({ name: 'object_id', type: 'text', nullable: true })
  objectId!: string | null;

  /** Path of the unit the object belongs to, so supervisors see their subtree's entries. */
  @Column({ name: 'org_path', type: 'text', nullable: true })
  orgPath!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** What changed or why (e.g. the reason given for a reveal). Never clear personal numbers. */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  data!: Record<string, unknown>;
}
