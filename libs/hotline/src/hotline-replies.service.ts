import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, JobName, OutboxService, type SystemActor } from '@heqi/core';
import {
  CaseEventType,
  CaseOutcome,
  CaseStatus,
  CaseTimeline,
  HotlineReplyState,
} from '@heqi/cases';
import { signHotlineBody } from './hotline-signature.js';
import { draftHotlineReply } from './reply-draft.js';

export type HotlineReplyKind = 'reply' | 'return';

/** The body the 12345 platform receives (contract, "Hotline (12345) push", outbound). */
export interface HotlineReplyBody {
  orderNo: string;
  kind: HotlineReplyKind;
  resolved: boolean;
  unresolvedReason?: string;
  handlingSummary: string;
  publicReply: string;
  closedAt: string;
}

/** What one delivery attempt did. */
export type DeliveryResult =
  | { delivered: true; status: number }
  | { delivered: false; skipped: 'not_hotline' | 'already_delivered' | 'nothing_to_send' }
  | { delivered: false; error: string };

/** The timeline event a close writes (the mediation-outcome work): what the reply is built from. */
const CLOSED_EVENT = 'case.closed';
const DELIVERED_EVENT = 'hotline.reply_delivered';
const FAILING_EVENT = 'hotline.reply_failing';
/** A platform that does not answer within this is treated as down. */
const TIMEOUT_MS = 10_000;
/** After the job's last attempt failed, a fresh job tries again this much later. */
const RESCHEDULE_MS = 30 * 60 * 1000;

const ACTOR: SystemActor = { system: 'hotline-reply' };

interface OrderRow {
  case_id: string;
  order_no: string;
  reply_state: HotlineReplyState;
  status: CaseStatus;
  outcome: string | null;
  closed_at: Date | null;
  employer_name: string | null;
  amount_agreed: string | null;
  org_unit_name: string;
}

/**
 * Delivers a 12345 case's reply (when closed) or return (退单) to the platform: re-reads the
 * case and its order, skips what was already delivered, POSTs the contract's body to
 * HOTLINE_CALLBACK_URL signed with HEQI_HOTLINE_OUT_KEY exactly as the platform signs its
 * pushes, and records the outcome on the order (`reply_state`, `reply_last_error`) and the
 * timeline. The order row stays locked during the POST, so two deliveries of one job never
 * send twice at once.
 */
@Injectable()
export class HotlineReplies {
  private readonly logger = new Logger(HotlineReplies.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(OutboxService) private readonly outbox: OutboxService,
  ) {}

  /**
   * One attempt. A failure is recorded and returned (`error`); the caller throws so the queue
   * retries with backoff. `lastAttempt`: the queue will not retry, so a new job is written for
   * later — the platform is tried until it answers 2xx.
   */
  async deliver(
    caseId: string,
    kind: HotlineReplyKind,
    lastAttempt = false,
  ): Promise<DeliveryResult> {
    return this.dataSource.transaction(async (manager) => {
      const [order] = (await manager.query(
        `SELECT o.case_id, o.order_no, o.reply_state, c.status, c.outcome, c.closed_at,
                c.employer_name, c.amount_agreed, ou.name AS org_unit_name
           FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id
           JOIN org_unit ou ON ou.id = c.org_unit_id
          WHERE o.case_id = $1
          FOR UPDATE OF o`,
        [caseId],
      )) as OrderRow[];
      if (!order) return { delivered: false, skipped: 'not_hotline' } as const;
      if (order.reply_state === HotlineReplyState.Delivered) {
        return { delivered: false, skipped: 'already_delivered' } as const;
      }
      const body = await this.bodyOf(manager, order, kind);
      if (!body) return { delivered: false, skipped: 'nothing_to_send' } as const;

      const outcome = await this.post(body);
      if (outcome.ok) {
        await manager.query(
          `UPDATE hotline_order SET reply_state = $2, reply_last_error = NULL WHERE order_no = $1`,
          [order.order_no, HotlineReplyState.Delivered],
        );
        await this.timeline.append(manager, caseId, ACTOR, [
          { type: DELIVERED_EVENT, data: { kind, status: outcome.status } },
        ]);
        return { delivered: true, status: outcome.status } as const;
      }
      await manager.query(
        `UPDATE hotline_order SET reply_state = $2, reply_last_error = $3 WHERE order_no = $1`,
        [order.order_no, HotlineReplyState.Failing, outcome.error],
      );
      if (order.reply_state !== HotlineReplyState.Failing) {
        await this.timeline.append(manager, caseId, ACTOR, [
          { type: FAILING_EVENT, data: { kind, error: outcome.error } },
        ]);
      }
      if (lastAttempt) {
        await this.outbox.enqueue(
          manager,
          JobName.DeliverHotlineReply,
          { caseId, kind },
          { runAt: new Date(Date.now() + RESCHEDULE_MS) },
        );
      }
      return { delivered: false, error: outcome.error } as const;
    });
  }

  private async bodyOf(
    manager: EntityManager,
    order: OrderRow,
    kind: HotlineReplyKind,
  ): Promise<HotlineReplyBody | null> {
    const type = kind === 'return' ? CaseEventType.Returned : CLOSED_EVENT;
    const [event] = (await manager.query(
      `SELECT at, data FROM case_event WHERE case_id = $1 AND type = $2 ORDER BY id DESC LIMIT 1`,
      [order.case_id, type],
    )) as { at: Date; data: Record<string, unknown> }[];
    const text = (key: string) => {
      const value = event?.data[key];
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };

    if (kind === 'return') {
      if (order.status !== CaseStatus.Returned || !event) return null;
      const reason = text('reason') ?? '不属于本单位受理范围';
      return {
        orderNo: order.order_no,
        kind,
        resolved: false,
        unresolvedReason: reason,
        handlingSummary: `经审核，该工单不属于工会劳动争议调解受理范围，已退回 12345 热线。退单原因：${reason}`,
        publicReply: `您反映的问题经核实不属于本单位劳动争议调解受理范围，已退回 12345 热线重新派单办理。原因：${reason}`,
        closedAt: event.at.toISOString(),
      };
    }

    if (order.status !== CaseStatus.Closed) return null;
    const resolved = order.outcome === 'settled';
    const reason = text('reason');
    const closedAt = order.closed_at ?? event?.at ?? new Date();
    // What the close did not say is drafted from the outcome, as the console's prefill is.
    const referral = event?.data.referral as Record<string, unknown> | undefined;
    const institution =
      text('institution') ??
      (typeof referral?.institution === 'string' ? referral.institution : undefined);
    const draft = draftHotlineReply((order.outcome ?? CaseOutcome.Failed) as CaseOutcome, {
      reason,
      institution,
      amountAgreed: order.amount_agreed,
      employerName: order.employer_name,
      orgUnitName: order.org_unit_name,
      closedAt,
    });
    const summary = text('handlingSummary') ?? draft.handlingSummary;
    return {
      orderNo: order.order_no,
      kind,
      resolved,
      ...(resolved ? {} : { unresolvedReason: reason ?? draft.unresolvedReason ?? summary }),
      handlingSummary: summary,
      publicReply: text('publicReply') ?? draft.publicReply,
      closedAt: closedAt.toISOString(),
    };
  }

  private async post(
    body: HotlineReplyBody,
  ): Promise<{ ok: true; status: number } | { ok: false; error: string }> {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { keyId, secret } = this.config.hotline.outKey;
    try {
      const res = await fetch(this.config.hotline.callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hotline-key': keyId,
          'x-hotline-timestamp': timestamp,
          'x-hotline-signature': signHotlineBody(secret, timestamp, raw),
        },
        body: raw,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = (await res.text().catch(() => '')).slice(0, 200);
      if (res.ok) return { ok: true, status: res.status };
      return { ok: false, error: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.logger.warn(`12345 reply for ${body.orderNo} failed: ${message}`);
      return { ok: false, error: message.slice(0, 200) };
    }
  }
}
