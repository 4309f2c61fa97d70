import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An integration key the 12345 platform signs its pushes with. The secret must be readable to
 * verify an HMAC, so it is stored encrypted (AES-256-GCM, the PII key ring), not hashed.
 */
@Entity('hotline_key')
export class HotlineKey {
  @PrimaryColumn({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'secret_enc', type: 'text' })
  secretEnc!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
