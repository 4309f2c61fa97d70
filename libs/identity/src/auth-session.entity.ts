import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why a session ended early (the migration's CHECK lists the same values). */
export type SessionRevokedReason =
  'logout' | 'refresh_reuse' | 'user_deactivated' | 'password_changed';

/**
 * One login: a family of refresh tokens, each replacing the previous one. Access tokens name
 * their session (`sid`), so revoking it ends them at once.
 */
@Entity('auth_session')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: SessionRevokedReason | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;
}
