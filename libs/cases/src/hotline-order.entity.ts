import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HotlineReplyState } from './hotline-reply-state.enum.js';

/**
 * A 12345 work order (table `hotline_order`). The order number is the primary key: that is
 * what makes a repeated push idempotent. `caseId` is checked at commit (DEFERRABLE), so the
 * order is claimed before its case is inserted.
 */
@Entity('hotline_order')
export class HotlineOrder {
  @PrimaryColumn({ name: 'order_no', type: 'text' })
  orderNo!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  source!: 'push' | 'import';

  /** The integration key that signed the push (none for imports). */
  @Column({ name: 'key_id', type: 'text', nullable: true })
  keyId!: string | null;

  /** The platform's own category text, e.g. 劳动保障-拖欠工资. */
  @Column({ name: 'hotline_category', type: 'text', nullable: true })
  hotlineCategory!: string | null;

  @Column({ type: 'text', default: 'normal' })
  urgency!: string;

  @Column({ name: 'dispatched_at', type: 'timestamptz' })
  dispatchedAt!: Date;

  @Column({ name: 'reply_deadline', type: 'timestamptz', nullable: true })
  replyDeadline!: Date | null;

  @Column({ name: 'handling_unit_code', type: 'text', nullable: true })
  handlingUnitCode!: string | null;

  /** Delivery of the reply (or return) to the platform. */
  @Column({ name: 'reply_state', type: 'text', default: 'none' })
  replyState!: HotlineReplyState;

  @Column({ name: 'reply_last_error', type: 'text', nullable: true })
  replyLastError!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
