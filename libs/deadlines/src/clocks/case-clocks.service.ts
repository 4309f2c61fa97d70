import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditLog, Role, hasRole, isUuid, reachesPath } from '@heqi/core';
import { CaseGateway, type CaseFacts } from '../case-gateway.js';
import { DeadlineError } from '../deadlines.errors.js';
import type { BudgetUnit } from './budget-unit.enum.js';
import type { ClockKind } from './clock-kind.enum.js';
import type { ClockState } from './clock-state.enum.js';
import { DeadlinesService } from './deadlines.service.js';

/** A clock in full, as `GET /cases/:id/clocks` shows it. */
export interface ClockView {
  id: string;
  kind: ClockKind;
  ref: string | null;
  state: ClockState;
  /** Null when the due instant was given (an instalment's date). */
  budget: { value: number; unit: BudgetUnit } | null;
  warnShare: number;
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
  pausedAt: Date | null;
  /** Time credited for past pauses, in minutes (office minutes for working-time clocks). */
  pausedMinutes: number;
  extensionDays: number;
  calendarUnverified: boolean;
  warnedAt: Date | null;
  breachedAt: Date | null;
  metAt: Date | null;
  stoppedAt: Date | null;
  stopReason: string | null;
}

interface ClockViewRow {
  id: string;
  kind: ClockKind;
  ref: string | null;
  state: ClockState;
  budget_value: string | null;
  budget_unit: BudgetUnit | null;
  warn_share: string;
  started_at: Date;
  warn_at: Date;
  due_at: Date;
  paused_at: Date | null;
  paused_total_ms: string;
  extension_days: number;
  calendar_unverified: boolean;
  warned_at: Date | null;
  breached_at: Date | null;
  met_at: Date | null;
  stopped_at: Date | null;
  stop_reason: string | null;
}

/**
 * The clocks of one case through the API: reading them, and pausing or resuming them, which
 * is a supervisor's decision (a pause moves the deadlines later) taken with a reason that goes
 * on the timeline and into the audit log.
 */
@Injectable()
export class CaseClocksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseGateway) private readonly cases: CaseGateway,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** Every clock of the case, soonest due first; 404 when unknown or out of reach. */
  async list(actor: Actor, caseId: string): Promise<ClockView[]> {
    if (!isUuid(caseId) || !(await this.cases.findReachable(actor, caseId))) {
      throw DeadlineError.caseNotFound();
    }
    const rows = (await this.dataSource.query(
      `SELECT id, kind, ref, state, budget_value, budget_unit, warn_share, started_at, warn_at,
              due_at, paused_at, paused_total_ms, extension_days, calendar_unverified, warned_at,
              breached_at, met_at, stopped_at, stop_reason
         FROM case_clock WHERE case_id = $1 ORDER BY due_at, kind, id`,
      [caseId],
    )) as ClockViewRow[];
    return rows.map(toView);
  }

  /**
   * Pauses the case's running clocks of `kinds` (a supervisor of the case's subtree).
   *
   * @throws DeadlineError `DEADLINE_FORBIDDEN`, `DEADLINE_CASE_NOT_FOUND`, `DEADLINE_WRONG_STATE`
   * (none of them is running).
   */
  async pause(
    actor: Actor,
    caseId: string,
    kinds: readonly ClockKind[],
    reason: string,
  ): Promise<ClockView[]> {
    await this.change(actor, caseId, reason, async (manager, kase, why) => {
      const paused = await this.deadlines.pauseClocks(manager, caseId, kinds);
      if (paused.length === 0) {
        throw DeadlineError.wrongState('没有可暂停的期限（须为进行中且未到期）');
      }
      return { action: 'pause', event: 'deadline.paused', data: { kinds: paused, reason: why } };
    });
    return this.list(actor, caseId);
  }

  /** Resumes the case's paused clocks of `kinds`, crediting the time they stood still. */
  async resume(
    actor: Actor,
    caseId: string,
    kinds: readonly ClockKind[],
    reason: string,
  ): Promise<ClockView[]> {
    await this.change(actor, caseId, reason, async (manager, _kase, why) => {
      const resumed = await this.deadlines.resumeClocks(manager, caseId, kinds);
      if (resumed.length === 0) throw DeadlineError.wrongState('没有已暂停的期限可以恢复');
      const clocks = resumed.map((c) => ({ kind: c.kind, dueAt: c.dueAt.toISOString() }));
      return { action: 'resume', event: 'deadline.resumed', data: { clocks, reason: why } };
    });
    return this.list(actor, caseId);
  }

  private async change(
    actor: Actor,
    caseId: string,
    reason: string,
    apply: (
      manager: EntityManager,
      kase: CaseFacts,
      why: string,
    ) => Promise<{ action: string; event: `deadline.${string}`; data: Record<string, unknown> }>,
  ): Promise<void> {
    if (!hasRole(actor, Role.Supervisor)) {
      throw DeadlineError.forbidden('只有督导可以暂停或恢复期限');
    }
    const why = reason.trim();
    if ([...why].length < 2) {
      throw DeadlineError.invalid([{ field: 'reason', message: '请填写原因（至少 2 个字）' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const kase = isUuid(caseId) ? await this.cases.lockReachable(manager, actor, caseId) : null;
      if (!kase || !reachesPath(actor, kase.unitPath)) throw DeadlineError.caseNotFound();
      const done = await apply(manager, kase, why);
      await this.cases.appendEvents(manager, actor, [
        { caseId, type: done.event, data: done.data },
      ]);
      await this.audit.record(manager, actor, {
        action: `deadline.${done.action}`,
        objectType: 'case',
        objectId: caseId,
        orgPath: kase.unitPath,
        data: { caseNo: kase.caseNo, ...done.data },
      });
    });
  }
}

function toView(r: ClockViewRow): ClockView {
  return {
    id: r.id,
    kind: r.kind,
    ref: r.ref,
    state: r.state,
    budget:
      r.budget_value === null || r.budget_unit === null
        ? null
        : { value: Number(r.budget_value), unit: r.budget_unit },
    warnShare: Number(r.warn_share),
    startedAt: r.started_at,
    warnAt: r.warn_at,
    dueAt: r.due_at,
    pausedAt: r.paused_at,
    pausedMinutes: Math.round(Number(r.paused_total_ms) / 600) / 100,
    extensionDays: r.extension_days,
    calendarUnverified: r.calendar_unverified,
    warnedAt: r.warned_at,
    breachedAt: r.breached_at,
    metAt: r.met_at,
    stoppedAt: r.stopped_at,
    stopReason: r.stop_reason,
  };
}
