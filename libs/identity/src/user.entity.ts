import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@heqi/core';

/**
 * A person who signs in to heqi. Units and mediators are referenced by id only: they belong to
 * the network context, and the rules linking them are checked by the users service.
 */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-case; unique (see the Identity migration). */
  @Column({ type: 'text' })
  username!: string;

  /** argon2id PHC string. Never leaves the identity context. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  /** Home unit; null only for a deployment-wide admin. */
  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId!: string | null;

  /** The mediator record a mediator or volunteer acts as. */
  @Column({ name: 'mediator_id', type: 'uuid', nullable: true })
  mediatorId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt!: Date;
}
