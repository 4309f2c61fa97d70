import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One message of a user's in-app inbox (table `notification`), also sent by SMS when possible. */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** e.g. `deadline.warned`, `deadline.breached`, `calendar.unverified`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'clock_id', type: 'uuid', nullable: true })
  clockId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** `pending` until the delivery job ran: `sent`, `no_phone` (in-app only) or `failed`. */
  @Column({ name: 'sms_state', type: 'text', default: 'pending' })
  smsState!: 'pending' | 'sent' | 'no_phone' | 'failed';

  @Column({ name: 'sms_sent_at', type: 'timestamptz', nullable: true })
  smsSentAt!: Date | null;
}
