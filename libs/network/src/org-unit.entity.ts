import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrgUnitLevel } from './org-unit-level.enum.js';

/**
 * A unit of the mediation network (table from the Network migration). `path` is the materialised
 * path `/<districtId>/…/<id>/` and `depth` its number of ids; both are maintained by
 * OrgUnitsService only, never written from input.
 */
@Entity('org_unit')
export class OrgUnit {
  /** Chosen by the service before the insert: the unit's own path ends with it. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  level!: OrgUnitLevel;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'int' })
  depth!: number;

  @Column({ type: 'text', nullable: true })
  code!: string | null;

  /** 统一社会信用代码 (enterprises only), unique. */
  @Column({ name: 'credit_code', type: 'text', nullable: true })
  creditCode!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** Units are deactivated, never deleted: cases keep referring to them. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
