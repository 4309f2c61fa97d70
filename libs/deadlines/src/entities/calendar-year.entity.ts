import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Whether a year's official holiday schedule is in (table `calendar_year`). */
@Entity('calendar_year')
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @Column({ type: 'text' })
  source!: 'official' | 'admin';

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** When admins were told that clocks run into this unpublished year (once). */
  @Column({ name: 'unverified_alerted_at', type: 'timestamptz', nullable: true })
  unverifiedAlertedAt!: Date | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
