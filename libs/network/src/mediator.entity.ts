import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DisputeCategory } from '@heqi/core';
import type { MediatorKind } from './mediator-kind.enum.js';

/**
 * A mediator (table from the Network migration). The phone number is stored only encrypted
 * (`phoneEnc`, PiiCipher) with a keyed hash for lookups; it never leaves the lib in clear.
 */
@Entity('mediator')
export class Mediator {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'phone_enc', type: 'text' })
  phoneEnc!: string;

  @Column({ name: 'phone_hash', type: 'text' })
  phoneHash!: string;

  @Column({ type: 'text' })
  kind!: MediatorKind;

  /** Home unit: the mediator covers its subtree. */
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  skills!: DisputeCategory[];

  /** Most cases the mediator holds open at once. */
  @Column({ type: 'int' })
  capacity!: number;

  @Column({ name: 'law_firm', type: 'text', nullable: true })
  lawFirm!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** On leave or otherwise unavailable until this instant; null when available. */
  @Column({ name: 'unavailable_until', type: 'timestamptz', nullable: true })
  unavailableUntil!: Date | null;

  /** When the assignment engine last offered (or a supervisor assigned) a case: round-robin. */
  @Column({ name: 'last_assigned_at', type: 'timestamptz', nullable: true })
  lastAssignedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
