import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A day that departs from the plain Monday–Friday week (table `calendar_day`): a weekday off
 * (`holiday`) or a weekend day worked (`workday`, 调休). Seeded from `chinese-days`
 * (`official`), corrected by admins (`admin`).
 */
@Entity('calendar_day')
export class CalendarDate {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  kind!: 'holiday' | 'workday';

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text' })
  source!: 'official' | 'admin';

  /** Incremented by each correction of this day. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
