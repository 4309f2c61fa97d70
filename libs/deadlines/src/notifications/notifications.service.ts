import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  JobName,
  JobReceipts,
  OutboxService,
  type Page,
  type PageRequest,
  PiiCipher,
  isUuid,
  pageOffset,
} from '@heqi/core';
import { DeadlineError, DeadlineErrorCode } from '../deadlines.errors.js';
import { SmsProvider } from './sms-provider.js';

/** A notification to write. Title and body are Chinese text for people. */
export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  caseId?: string | null;
  clockId?: string | null;
}

/** A notification as the inbox shows it. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  createdAt: Date;
  readAt: Date | null;
  smsState: 'pending' | 'sent' | 'no_phone' | 'failed';
}

/** The inbox page, with how many are unread in all. */
export interface InboxPage extends Page<NotificationView> {
  unread: number;
}

/** What one delivery did, per notification. */
export type DeliveryOutcome = 'sent' | 'no_phone' | 'failed' | 'already_done';

/** Ids a delivery job carries at most (one job per chunk of a sweep's notifications). */
const DELIVERY_CHUNK = 500;

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  case_id: string | null;
  created_at: Date;
  read_at: Date | null;
  sms_state: NotificationView['smsState'];
}

/**
 * Notifications: the in-app inbox (stored), and delivery through the SMS channel by a job, so
 * a slow or failing gateway never holds up the transaction that decided to notify.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(JobReceipts) private readonly receipts: JobReceipts,
    @Inject(PiiCipher) private readonly cipher: PiiCipher,
    @Inject(SmsProvider) private readonly sms: SmsProvider,
  ) {}

  /**
   * Stores notifications inside the caller's transaction and writes the jobs that send them.
   * Returns their ids, in order.
   */
  async notify(manager: EntityManager, items: readonly NewNotification[]): Promise<string[]> {
    if (items.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO notification (user_id, kind, title, body, case_id, clock_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[])
       RETURNING id`,
      [
        items.map((n) => n.userId),
        items.map((n) => n.kind),
        items.map((n) => n.title),
        items.map((n) => n.body),
        items.map((n) => n.caseId ?? null),
        items.map((n) => n.clockId ?? null),
      ],
    )) as { id: string }[];
    const ids = rows.map((r) => r.id);
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += DELIVERY_CHUNK) {
      chunks.push(ids.slice(i, i + DELIVERY_CHUNK));
    }
    await this.outbox.enqueueMany(
      manager,
      JobName.DeliverNotifications,
      chunks.map((notificationIds) => ({ payload: { notificationIds } })),
    );
    return ids;
  }

  /** The caller's inbox, newest first; `unread` true / false narrows it to unread / read ones. */
  async inbox(actor: Actor, filter: { unread?: boolean }, page: PageRequest): Promise<InboxPage> {
    const [rows, [counts]] = (await Promise.all([
      this.dataSource.query(
        `SELECT id, kind, title, body, case_id, created_at, read_at, sms_state FROM notification
          WHERE user_id = $1 AND ($2::boolean IS NULL OR (read_at IS NULL) = $2)
          ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
        [actor.userId, filter.unread ?? null, page.pageSize, pageOffset(page)],
      ),
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE $2::boolean IS NULL OR (read_at IS NULL) = $2)::int AS total,
                count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM notification WHERE user_id = $1`,
        [actor.userId, filter.unread ?? null],
      ),
    ])) as [NotificationRow[], { total: number; unread: number }[]];
    return {
      items: rows.map(toView),
      total: counts!.total,
      page: page.page,
      pageSize: page.pageSize,
      unread: counts!.unread,
    };
  }

  /**
   * Marks one of the caller's notifications read (reading it again keeps the first time).
   * Somebody else's, unknown or malformed ids are 404 alike.
   */
  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    if (!isUuid(id)) throw notFound();
    const [rows] = (await this.dataSource.query(
      `UPDATE notification SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND user_id = $2
        RETURNING id, kind, title, body, case_id, created_at, read_at, sms_state`,
      [id, actor.userId],
    )) as [NotificationRow[], number];
    const [row] = rows;
    if (!row) throw notFound();
    return toView(row);
  }

  /**
   * Sends notifications through the SMS channel, each exactly once (a job receipt per
   * notification, in the transaction that records the outcome). Recipients without a known
   * mobile number (staff without a mediator record) have the in-app inbox only. A gateway
   * failure is thrown after the ones before it were recorded, so the job's retry resumes there;
   * on the job's `lastAttempt` it is recorded as `failed` instead (the inbox still has the
   * notification), so a gateway that is down for good leaves no message pending for ever.
   */
  async deliver(
    ids: readonly string[],
    lastAttempt = false,
  ): Promise<Record<string, DeliveryOutcome>> {
    const outcomes: Record<string, DeliveryOutcome> = {};
    for (const id of ids) {
      const run = await this.receipts.runOnce(JobName.DeliverNotifications, id, (manager) =>
        this.deliverOne(manager, id, lastAttempt),
      );
      outcomes[id] = run.ran ? run.result : 'already_done';
    }
    return outcomes;
  }

  private async deliverOne(
    manager: EntityManager,
    id: string,
    lastAttempt: boolean,
  ): Promise<DeliveryOutcome> {
    const [row] = (await manager.query(
      `SELECT n.title, n.body, n.sms_state, m.phone_enc
         FROM notification n
         JOIN app_user u ON u.id = n.user_id
         LEFT JOIN mediator m ON m.id = u.mediator_id
        WHERE n.id = $1 FOR UPDATE OF n`,
      [id],
    )) as { title: string; body: string; sms_state: string; phone_enc: string | null }[];
    if (!row || row.sms_state !== 'pending') return 'already_done';
    if (!row.phone_enc) {
      await manager.query(`UPDATE notification SET sms_state = 'no_phone' WHERE id = $1`, [id]);
      return 'no_phone';
    }
    try {
      await this.sms.send({
        to: this.cipher.decrypt(row.phone_enc),
        text: `【和气】${row.title}。${row.body}`,
      });
    } catch (err) {
      if (!lastAttempt) throw err;
      this.logger.warn(`SMS for notification ${id} failed for good: ${String(err)}`);
      await manager.query(`UPDATE notification SET sms_state = 'failed' WHERE id = $1`, [id]);
      return 'failed';
    }
    await manager.query(
      `UPDATE notification SET sms_state = 'sent', sms_sent_at = now() WHERE id = $1`,
      [id],
    );
    return 'sent';
  }
}

function notFound(): DeadlineError {
  return new DeadlineError(DeadlineErrorCode.NotificationNotFound, '通知不存在');
}

function toView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    caseId: r.case_id,
    createdAt: r.created_at,
    readAt: r.read_at,
    smsState: r.sms_state,
  };
}
