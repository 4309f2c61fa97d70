import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * How long a kind of clock runs (table `clock_policy`), per channel, category and collective
 * flag (null: any). The most specific active policy applies to a new clock.
 */
@Entity('clock_policy')
export class ClockPolicy {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'boolean', nullable: true })
  collective!: boolean | null;

  /** Null (with the unit) when each clock's due instant is given by its caller. */
  @Column({ name: 'budget_value', type: 'numeric', precision: 10, scale: 3, nullable: true })
  budgetValue!: string | null;

  @Column({ name: 'budget_unit', type: 'text', nullable: true })
  budgetUnit!: string | null;

  @Column({ name: 'warn_share', type: 'numeric', precision: 4, scale: 3, default: 0.8 })
  warnShare!: string;

  @Column({ name: 'max_extension_days', type: 'int', default: 0 })
  maxExtensionDays!: number;

  /** The statute or service rule the budget comes from. */
  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
