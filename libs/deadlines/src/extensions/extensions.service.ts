import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  AuditLog,
  type Page,
  type PageRequest,
  Role,
  hasRole,
  isUuid,
  reachesPath,
  subtreeCondition,
  namedPage,
} from '@heqi/core';
import { CaseGateway, type CaseFacts } from '../case-gateway.js';
import type { ClockKind } from '../clocks/clock-kind.enum.js';
import { ClockState } from '../clocks/clock-state.enum.js';
import { DeadlineSettings } from '../clocks/deadline-settings.service.js';
import {
  CLOCK_COLUMNS,
  type ClockRow,
  DeadlinesService,
  termsOf,
} from '../clocks/deadlines.service.js';
import { DeadlineError, DeadlineErrorCode } from '../deadlines.errors.js';

/** A request to extend a clock (contract: `POST /cases/:id/extensions`). */
export interface ExtensionRequest {
  /** The clock's kind, e.g. `hotline_reply`. */
  deadline: ClockKind;
  days: number;
  reason: string;
}

/** An extension request as the API shows it. */
export interface ExtensionView {
  id: string;
  caseId: string;
  clockId: string;
  deadline: ClockKind;
  days: number;
  reason: string;
  state: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  /** The clock's due instant before and after the approval. */
  dueBefore: Date | null;
  dueAfter: Date | null;
}

/** An extension request in a supervisor's list: with the case number to show beside it. */
export interface ListedExtensionView extends ExtensionView {
  caseNo: string;
}

interface ExtensionRow {
  id: string;
  case_id: string;
  clock_id: string;
  kind: ClockKind;
  days: number;
  reason: string;
  state: ExtensionView['state'];
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  due_before: Date | null;
  due_after: Date | null;
}

const WHO_MAY_ASK = '只有承办人、受理人员或管辖范围内的督导可以申请延期';

const EXTENSION_COLUMNS = `e.id, e.case_id, e.clock_id, k.kind, e.days, e.reason, e.state,
  e.requested_by, e.requested_at, e.decided_by, e.decided_at, e.decision_reason, e.due_before,
  e.due_after`;

/**
 * Extensions: the holder, intake staff or a supervisor in reach asks for more days on a clock,
 * with a reason; a supervisor of the case's subtree approves (the clock's due and warning move)
 * or rejects. Each step is on the timeline and in the audit log. Requests serialise on the case
 * row, then the clock row, in that order everywhere.
 */
@Injectable()
export class ExtensionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseGateway) private readonly cases: CaseGateway,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
    @Inject(DeadlineSettings) private readonly settings: DeadlineSettings,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /**
   * Asks for `days` more on the case's open clock of `deadline` (the soonest due, when an
   * agreement has several instalments open). The total of approved and asked days may not
   * exceed the policy's maximum (10 working days for the 12345 reply).
   *
   * @throws DeadlineError `DEADLINE_CASE_NOT_FOUND` (unknown or out of reach), `DEADLINE_FORBIDDEN`
   * (neither the holder nor intake or supervisor in reach), `DEADLINE_NO_OPEN_CLOCK`,
   * `DEADLINE_WRONG_STATE` (breached), `DEADLINE_EXTENSION_PENDING`, `DEADLINE_INVALID` (not
   * extendable, over the maximum, bad input).
   */
  async request(actor: Actor, caseId: string, input: ExtensionRequest): Promise<ExtensionView> {
    const reason = input.reason.trim();
    if ([...reason].length < 2) {
      throw DeadlineError.invalid([{ field: 'reason', message: '请填写延期原因（至少 2 个字）' }]);
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const kase = await this.lockCase(manager, actor, caseId);
      const holds =
        hasRole(actor, Role.Mediator, Role.Volunteer) &&
        actor.mediatorId !== null &&
        actor.mediatorId === kase.mediatorId;
      const staff =
        hasRole(actor, Role.Intake, Role.Supervisor) && reachesPath(actor, kase.unitPath);
      if (!holds && !staff) {
        throw DeadlineError.forbidden(WHO_MAY_ASK);
      }
      const clock = await this.lockOpenClock(manager, caseId, input.deadline);
      if (clock.state === ClockState.Breached) {
        throw DeadlineError.wrongState('该期限已超时，不能再申请延期');
      }
      await this.checkAllowance(manager, clock, input.days);
      const [pending] = (await manager.query(
        `SELECT id FROM clock_extension WHERE clock_id = $1 AND state = 'pending'`,
        [clock.id],
      )) as { id: string }[];
      if (pending) {
        throw new DeadlineError(
          DeadlineErrorCode.ExtensionPending,
          '该期限已有待审批的延期申请，请等待督导审批',
        );
      }
      const [row] = (await manager.query(
        `INSERT INTO clock_extension (case_id, clock_id, days, reason, requested_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [caseId, clock.id, input.days, reason, actor.userId],
      )) as { id: string }[];
      await this.cases.appendEvents(manager, actor, [
        {
          caseId,
          type: 'deadline.extension_requested',
          data: {
            extensionId: row!.id,
            clockId: clock.id,
            kind: clock.kind,
            days: input.days,
            reason,
            dueAt: clock.due_at.toISOString(),
          },
        },
      ]);
      await this.audit.record(manager, actor, {
        action: 'deadline.extension.request',
        objectType: 'case',
        objectId: caseId,
        orgPath: kase.unitPath,
        data: {
          caseNo: kase.caseNo,
          extensionId: row!.id,
          kind: clock.kind,
          days: input.days,
          reason,
        },
      });
      return row!.id;
    });
    return this.get(id);
  }

  /**
   * Approves a pending request (a supervisor of the case's subtree, not the requester): the
   * clock's due and warning instants move by the days asked.
   *
   * @throws DeadlineError `DEADLINE_FORBIDDEN` (not a supervisor, or the requester),
   * `DEADLINE_EXTENSION_NOT_FOUND` (unknown or out of reach), `DEADLINE_WRONG_STATE` (decided
   * already, or the clock breached or ended meanwhile), `DEADLINE_INVALID` (over the maximum).
   */
  async approve(actor: Actor, extensionId: string, note?: string): Promise<ExtensionView> {
    await this.decide(actor, extensionId, async (manager, ext, kase) => {
      const clock = await this.lockClock(manager, ext.clock_id);
      if (clock.state === ClockState.Breached || clock.stopped_at !== null) {
        throw DeadlineError.wrongState('该期限已超时或已结束，延期申请无法批准，请驳回');
      }
      await this.checkAllowance(manager, clock, ext.days);
      const { calendar } = await this.settings.snapshot(manager);
      const [moved] = await this.deadlines.reschedule(manager, calendar, [
        { row: clock, terms: termsOf(clock, { days: ext.days }), resume: false },
      ]);
      const decision = note?.trim() || null;
      await manager.query(
        `UPDATE clock_extension SET state = 'approved', decided_by = $2, decided_at = now(),
                decision_reason = $3, due_before = $4, due_after = $5
          WHERE id = $1`,
        [ext.id, actor.userId, decision, clock.due_at, moved!.dueAt],
      );
      const data = {
        extensionId: ext.id,
        clockId: clock.id,
        kind: clock.kind,
        days: ext.days,
        dueBefore: clock.due_at.toISOString(),
        dueAfter: moved!.dueAt.toISOString(),
        ...(decision ? { note: decision } : {}),
      };
      await this.cases.appendEvents(manager, actor, [
        { caseId: kase.id, type: 'deadline.extension_approved', data },
      ]);
      await this.audit.record(manager, actor, {
        action: 'deadline.extension.approve',
        objectType: 'case',
        objectId: kase.id,
        orgPath: kase.unitPath,
        data: { caseNo: kase.caseNo, ...data },
      });
    });
    return this.get(extensionId);
  }

  /** Rejects a pending request with a reason (same rules as {@link approve}). */
  async reject(actor: Actor, extensionId: string, reason: string): Promise<ExtensionView> {
    const why = reason.trim();
    if ([...why].length < 2) {
      throw DeadlineError.invalid([{ field: 'reason', message: '请填写驳回原因（至少 2 个字）' }]);
    }
    await this.decide(actor, extensionId, async (manager, ext, kase) => {
      await manager.query(
        `UPDATE clock_extension SET state = 'rejected', decided_by = $2, decided_at = now(),
                decision_reason = $3
          WHERE id = $1`,
        [ext.id, actor.userId, why],
      );
      const data = { extensionId: ext.id, clockId: ext.clock_id, kind: ext.kind, reason: why };
      await this.cases.appendEvents(manager, actor, [
        { caseId: kase.id, type: 'deadline.extension_rejected', data },
      ]);
      await this.audit.record(manager, actor, {
        action: 'deadline.extension.reject',
        objectType: 'case',
        objectId: kase.id,
        orgPath: kase.unitPath,
        data: { caseNo: kase.caseNo, ...data },
      });
    });
    return this.get(extensionId);
  }

  /** The extension requests of a case, newest first; 404 when out of reach. */
  async listForCase(actor: Actor, caseId: string): Promise<ExtensionView[]> {
    if (!(await this.cases.findReachable(actor, caseId))) throw DeadlineError.caseNotFound();
    const rows = (await this.dataSource.query(
      `SELECT ${EXTENSION_COLUMNS} FROM clock_extension e JOIN case_clock k ON k.id = e.clock_id
        WHERE e.case_id = $1 ORDER BY e.requested_at DESC, e.id`,
      [caseId],
    )) as ExtensionRow[];
    return rows.map(toView);
  }

  /**
   * The extension requests of the cases in the caller's subtree (supervisors, admins), oldest
   * request first — the order they wait to be decided in — optionally only those in `state`.
   */
  async list(
    actor: Actor,
    filter: { state?: ExtensionView['state'] },
    page: PageRequest,
  ): Promise<Page<ListedExtensionView>> {
    if (!hasRole(actor, Role.Supervisor, Role.Admin)) {
      throw DeadlineError.forbidden('只有督导和管理员可以查看延期申请');
    }
    const scope = subtreeCondition(actor, 'ou.path');
    const rows = await namedPage<ExtensionRow & { case_no: string }>(
      this.dataSource.manager,
      {
        select: `${EXTENSION_COLUMNS}, c.case_no`,
        from: `FROM clock_extension e JOIN case_clock k ON k.id = e.clock_id
                JOIN mediation_case c ON c.id = e.case_id JOIN org_unit ou ON ou.id = c.org_unit_id
                WHERE ${scope.sql} AND (CAST(:state AS text) IS NULL OR e.state = :state)`,
        orderBy: 'e.requested_at, e.id',
        params: { ...scope.params, state: filter.state ?? null },
      },
      page,
    );
    return { ...rows, items: rows.items.map((r) => ({ ...toView(r), caseNo: r.case_no })) };
  }

  private async decide(
    actor: Actor,
    extensionId: string,
    apply: (manager: EntityManager, ext: ExtensionRow, kase: CaseFacts) => Promise<void>,
  ): Promise<void> {
    if (!hasRole(actor, Role.Supervisor)) {
      throw DeadlineError.forbidden('只有督导可以审批延期申请');
    }
    await this.dataSource.transaction(async (manager) => {
      const notFound = () =>
        new DeadlineError(DeadlineErrorCode.ExtensionNotFound, '延期申请不存在');
      if (!isUuid(extensionId)) throw notFound();
      const [ref] = (await manager.query(`SELECT case_id FROM clock_extension WHERE id = $1`, [
        extensionId,
      ])) as { case_id: string }[];
      if (!ref) throw notFound();
      // Case first, then the request: the same lock order as a new request takes.
      const kase = await this.cases.lockReachable(manager, actor, ref.case_id);
      if (!kase || !reachesPath(actor, kase.unitPath)) throw notFound();
      const [ext] = (await manager.query(
        `SELECT ${EXTENSION_COLUMNS} FROM clock_extension e JOIN case_clock k ON k.id = e.clock_id
          WHERE e.id = $1 FOR UPDATE OF e`,
        [extensionId],
      )) as ExtensionRow[];
      if (ext!.state !== 'pending') {
        throw DeadlineError.wrongState('该延期申请已审批，不能重复处理');
      }
      if (ext!.requested_by === actor.userId) {
        throw DeadlineError.forbidden('不能审批本人提出的延期申请');
      }
      await apply(manager, ext!, kase);
    });
  }

  private async get(id: string): Promise<ExtensionView> {
    const [row] = (await this.dataSource.query(
      `SELECT ${EXTENSION_COLUMNS} FROM clock_extension e JOIN case_clock k ON k.id = e.clock_id
        WHERE e.id = $1`,
      [id],
    )) as ExtensionRow[];
    return toView(row!);
  }

  /**
   * The case locked, if the actor may act on it. One who only sees it (a mediator it is offered
   * to) is told they may not (403); one who cannot see it learns nothing (404).
   */
  private async lockCase(manager: EntityManager, actor: Actor, caseId: string): Promise<CaseFacts> {
    const kase = isUuid(caseId) ? await this.cases.lockReachable(manager, actor, caseId) : null;
    if (kase) return kase;
    if (isUuid(caseId) && (await this.cases.findReachable(actor, caseId))) {
      throw DeadlineError.forbidden(WHO_MAY_ASK);
    }
    throw DeadlineError.caseNotFound();
  }

  private async lockOpenClock(
    manager: EntityManager,
    caseId: string,
    kind: ClockKind,
  ): Promise<ClockRow & { stopped_at: Date | null; policy_id: string | null }> {
    const [clock] = (await manager.query(
      `SELECT ${CLOCK_COLUMNS}, stopped_at, policy_id FROM case_clock
        WHERE case_id = $1 AND kind = $2 AND stopped_at IS NULL
        ORDER BY due_at, id LIMIT 1 FOR UPDATE`,
      [caseId, kind],
    )) as (ClockRow & { stopped_at: Date | null; policy_id: string | null })[];
    if (!clock) {
      throw new DeadlineError(DeadlineErrorCode.NoOpenClock, '该案件没有进行中的此类期限');
    }
    return clock;
  }

  private async lockClock(
    manager: EntityManager,
    clockId: string,
  ): Promise<ClockRow & { stopped_at: Date | null; policy_id: string | null }> {
    const [clock] = (await manager.query(
      `SELECT ${CLOCK_COLUMNS}, stopped_at, policy_id FROM case_clock WHERE id = $1 FOR UPDATE`,
      [clockId],
    )) as (ClockRow & { stopped_at: Date | null; policy_id: string | null })[];
    return clock!;
  }

  /** The days already granted plus `days` must stay within the clock's policy maximum. */
  private async checkAllowance(
    manager: EntityManager,
    clock: ClockRow & { policy_id: string | null },
    days: number,
  ): Promise<void> {
    const [policy] = (await manager.query(
      `SELECT max_extension_days FROM clock_policy WHERE id = $1`,
      [clock.policy_id],
    )) as { max_extension_days: number }[];
    const max = policy?.max_extension_days ?? 0;
    if (max === 0) {
      throw DeadlineError.invalid([{ field: 'deadline', message: '该类期限不可延期' }]);
    }
    if (clock.extension_days + days > max) {
      throw DeadlineError.invalid([
        {
          field: 'days',
          message: `延期累计不能超过 ${max} 日（已延期 ${clock.extension_days} 日）`,
        },
      ]);
    }
  }
}

function toView(r: ExtensionRow): ExtensionView {
  return {
    id: r.id,
    caseId: r.case_id,
    clockId: r.clock_id,
    deadline: r.kind,
    days: r.days,
    reason: r.reason,
    state: r.state,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    dueBefore: r.due_before,
    dueAfter: r.due_after,
  };
}
