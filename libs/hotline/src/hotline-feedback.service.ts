import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog, type FieldProblem, JobName, OutboxService, type SystemActor } from '@heqi/core';
import { CaseStatus, CaseTimeline, HotlineReplyState } from '@heqi/cases';
import { ClockKind, DeadlinesService, NotificationsService } from '@heqi/deadlines';
import { HotlineError, HotlineErrorCode } from './hotline.errors.js';

/** The caller's satisfaction at the 12345 回访 (contract: feedback `result`). */
export enum FeedbackResult {
  /** 满意 */
  Satisfied = 'satisfied',
  /** 基本满意 */
  BasicallySatisfied = 'basically_satisfied',
  /** 不满意: the case is reopened (重办). */
  Unsatisfied = 'unsatisfied',
}

/** Chinese names of the results, for the timeline and the console. */
export const FEEDBACK_RESULT_LABELS: Record<FeedbackResult, string> = {
  [FeedbackResult.Satisfied]: '满意',
  [FeedbackResult.BasicallySatisfied]: '基本满意',
  [FeedbackResult.Unsatisfied]: '不满意',
};

/** Timeline events of the 回访 loop. */
export enum HotlineFeedbackEventType {
  /** The platform's 回访 result arrived. */
  Feedback = 'hotline.feedback',
  /** An unsatisfied 回访 reopened the closed case (重办): back in mediation with its holder. */
  Reopened = 'case.reopened',
}

/** The 12345 platform as the caller of a signed route: the key it signed with, and its origin. */
export interface HotlinePlatformCaller {
  keyId: string;
  ip?: string;
  requestId?: string;
}

/** One 回访 as the platform pushes it (already shape-checked by the API). */
export interface FeedbackInput {
  result: FeedbackResult;
  comment?: string | null;
  visitedAt: Date;
}

/** The answer to a 回访 push. */
export interface FeedbackReceipt {
  orderNo: string;
  caseId: string;
  result: FeedbackResult;
  /** This push reopened the case (重办). A duplicate reopens nothing: false. */
  reopened: boolean;
  /** The same feedback (order, visit time, result) was recorded before: nothing was written. */
  duplicate: boolean;
}

const COMMENT_MAX = 2000;

interface CaseFacts {
  status: CaseStatus;
  outcome: string | null;
  closed_at: Date | null;
  mediator_id: string | null;
  path: string;
  case_no: string;
}

/**
 * 回访 from the 12345 platform and the 重办 it can cause. One transaction per push, holding the
 * case's row lock (taken first, as every path that moves a case does): the feedback row, its
 * timeline event and audit line, and for `unsatisfied` the reopening — the case back in
 * mediation with the same holder, its outcome cleared (the close stays on the timeline), the
 * reopen counted, the order's reply state reset so the next close delivers a new reply, and a
 * new reply clock from now.
 *
 * The same feedback pushed again — however concurrently — is decided by the unique index
 * `case_feedback_once` (order, visit time, result): the second insert finds the first and the
 * push answers `duplicate` without reopening anything.
 */
@Injectable()
export class HotlineFeedbackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    // The app's deadlines context is global (DeadlinesModule.forRoot): its inbox and SMS channel.
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
  ) {}

  /**
   * Records one 回访.
   *
   * @throws HotlineError `HOTLINE_ORDER_NOT_FOUND` (404) for an order heqi never received,
   * `HOTLINE_CASE_NOT_CLOSED` (409) when its case is not closed, `HOTLINE_INVALID` (400).
   */
  async record(
    caller: HotlinePlatformCaller,
    orderNo: string,
    input: FeedbackInput,
  ): Promise<FeedbackReceipt> {
    checkInput(input);
    const comment = input.comment?.trim() || null;
    const [known] =
      typeof orderNo === 'string' && orderNo.length <= 64
        ? ((await this.dataSource.query(`SELECT case_id FROM hotline_order WHERE order_no = $1`, [
            orderNo,
          ])) as { case_id: string }[])
        : [];
    if (!known) {
      throw new HotlineError(
        HotlineErrorCode.OrderNotFound,
        `工单 ${String(orderNo).slice(0, 64)} 不存在：本系统未收到过该工单`,
      );
    }
    const caseId = known.case_id;
    const actor: SystemActor = {
      system: `hotline:${caller.keyId}`,
      ip: caller.ip,
      requestId: caller.requestId,
    };

    return this.dataSource.transaction(async (manager) => {
      // Case first, then order: the lock order of the close and of the assignment paths. NO KEY
      // UPDATE still excludes every other writer of the case, but not the key-share lock a reply
      // delivery's timeline insert takes while it holds the order row (that would deadlock).
      await manager.query(`SELECT id FROM mediation_case WHERE id = $1 FOR NO KEY UPDATE`, [
        caseId,
      ]);
      await manager.query(`SELECT order_no FROM hotline_order WHERE order_no = $1 FOR UPDATE`, [
        orderNo,
      ]);
      const inserted = (await manager.query(
        `INSERT INTO case_feedback (case_id, order_no, result, comment, visited_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (order_no, visited_at, result) DO NOTHING
         RETURNING id`,
        [caseId, orderNo, input.result, comment, input.visitedAt],
      )) as { id: string }[];
      const receipt = { orderNo, caseId, result: input.result };
      if (inserted.length === 0) return { ...receipt, reopened: false, duplicate: true };
      const feedbackId = inserted[0]!.id;

      const [kase] = (await manager.query(
        `SELECT c.status, c.outcome, c.closed_at, c.mediator_id, c.case_no, ou.path
           FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
          WHERE c.id = $1`,
        [caseId],
      )) as CaseFacts[];
      if (!kase || kase.status !== CaseStatus.Closed) {
        // Throwing rolls the feedback row back.
        throw new HotlineError(
          HotlineErrorCode.CaseNotClosed,
          `工单 ${orderNo} 对应的案件尚未办结（当前状态：${STATUS_LABELS[kase?.status ?? CaseStatus.InMediation]}），不能登记回访`,
        );
      }

      const feedback = {
        feedbackId,
        orderNo,
        result: input.result,
        resultLabel: FEEDBACK_RESULT_LABELS[input.result],
        ...(comment ? { comment } : {}),
        visitedAt: input.visitedAt.toISOString(),
      };
      await this.timeline.append(manager, caseId, actor, [
        { type: HotlineFeedbackEventType.Feedback, data: feedback },
      ]);
      const reopened = input.result === FeedbackResult.Unsatisfied;
      if (reopened) await this.reopen(manager, caseId, orderNo, kase, actor, feedback);
      await this.audit.record(manager, actor, {
        action: 'hotline.feedback',
        objectType: 'case',
        objectId: caseId,
        orgPath: kase.path,
        data: { caseNo: kase.case_no, orderNo, result: input.result, feedbackId, reopened },
      });
      return { ...receipt, reopened, duplicate: false };
    });
  }

  /**
   * 重办: the closed case (locked) goes back to `in_mediation` with its holder. A case closed
   * without a holder (e.g. 不予受理 before anyone took it) goes back to the queue instead and the
   * assignment engine is asked for a mediator.
   */
  private async reopen(
    manager: EntityManager,
    caseId: string,
    orderNo: string,
    kase: CaseFacts,
    actor: SystemActor,
    feedback: Record<string, unknown>,
  ): Promise<void> {
    const holder = kase.mediator_id;
    if (holder) {
      // Holding a case again adds to the mediator's load: take the mediator's row lock, as every
      // path that adds load does, so a concurrent assignment counts this case.
      await manager.query(`SELECT id FROM mediator WHERE id = $1 FOR NO KEY UPDATE`, [holder]);
    }
    const status = holder ? CaseStatus.InMediation : CaseStatus.Queued;
    const [[row]] = (await manager.query(
      `UPDATE mediation_case
          SET status = $2, outcome = NULL, closed_at = NULL, reopen_count = reopen_count + 1,
              updated_at = now()
        WHERE id = $1 AND status = 'closed'
        RETURNING reopen_count`,
      [caseId, status],
    )) as [{ reopen_count: number }[], number];
    if (!holder) await this.outbox.enqueue(manager, JobName.AssignCase, { caseId });

    // The next close writes a new reply; HotlineReplies skips only what is `delivered`.
    await manager.query(
      `UPDATE hotline_order SET reply_state = $2, reply_last_error = NULL WHERE order_no = $1`,
      [orderNo, HotlineReplyState.None],
    );
    // The close stopped the reply clock; a fresh one runs from now (a leftover is closed first).
    await this.deadlines.stopClock(manager, caseId, ClockKind.HotlineReply, { reason: 'closed' });
    const clock = await this.deadlines.startClock(manager, {
      caseId,
      kind: ClockKind.HotlineReply,
      startAt: new Date(),
    });

    if (holder) {
      // The holder hears of it in the inbox (and by SMS): the case is back on their desk.
      const users = (await manager.query(
        `SELECT id FROM app_user WHERE mediator_id = $1 AND active`,
        [holder],
      )) as { id: string }[];
      const comment = typeof feedback.comment === 'string' ? `（${feedback.comment}）` : '';
      const due = clock ? `，请于${beijingTime(clock.dueAt)}前重新办结并答复` : '';
      await this.notifications.notify(
        manager,
        users.map((u) => ({
          userId: u.id,
          kind: 'case.reopened',
          title: `12345 工单重办：${kase.case_no}`,
          body: `工单 ${orderNo} 回访不满意${comment}，案件已退回您继续调解${due}。`,
          caseId,
        })),
      );
    }

    await this.timeline.append(manager, caseId, actor, [
      {
        type: HotlineFeedbackEventType.Reopened,
        data: {
          ...feedback,
          status,
          mediatorId: holder,
          reopenCount: row!.reopen_count,
          previousOutcome: kase.outcome,
          previousClosedAt: kase.closed_at?.toISOString() ?? null,
          replyDueAt: clock?.dueAt.toISOString() ?? null,
        },
      },
    ]);
  }
}

/** 11月30日 17:30 in Beijing time. */
function beijingTime(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

const STATUS_LABELS: Record<CaseStatus, string> = {
  [CaseStatus.Triage]: '待分流',
  [CaseStatus.Queued]: '待派单',
  [CaseStatus.Offered]: '已派单待接收',
  [CaseStatus.InMediation]: '调解中',
  [CaseStatus.Closed]: '已办结',
  [CaseStatus.Returned]: '已退单',
};

/** The API validates the shape; this keeps the lib safe for other callers. */
function checkInput(input: FeedbackInput): void {
  const problems: FieldProblem[] = [];
  if (!Object.values(FeedbackResult).includes(input.result)) {
    problems.push({
      field: 'result',
      message: 'result 须为 satisfied、basically_satisfied 或 unsatisfied',
    });
  }
  if (!(input.visitedAt instanceof Date) || Number.isNaN(input.visitedAt.getTime())) {
    problems.push({ field: 'visitedAt', message: 'visitedAt 须为带时区的 ISO 8601 时间' });
  }
  if (input.comment !== undefined && input.comment !== null) {
    if (typeof input.comment !== 'string' || [...input.comment].length > COMMENT_MAX) {
      problems.push({ field: 'comment', message: `comment 不能超过 ${COMMENT_MAX} 字` });
    }
  }
  if (problems.length > 0) {
    throw new HotlineError(HotlineErrorCode.Invalid, '回访内容有误，请检查标出的字段', problems);
  }
}
