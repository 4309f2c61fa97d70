import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  AuditLog,
  JobName,
  OutboxService,
  Role,
  hasRole,
  isUuid,
  reachesPath,
} from '@heqi/core';
import { ClockKind, DeadlinesService } from '@heqi/deadlines';
import { reachesCase } from './case-access.js';
import { CaseChannel } from './case-channel.enum.js';
import { CaseEventType } from './case-event-type.enum.js';
import { CaseQueriesService } from './case-queries.service.js';
import { CaseStatus } from './case-status.enum.js';
import { CaseTimeline } from './case-timeline.service.js';
import type { CaseDetail } from './case-views.js';
import { CaseError, CaseErrorCode } from './cases.errors.js';
import { HotlineReplyState } from './hotline-reply-state.enum.js';

/** A case row locked for a state change. */
interface LockedCase {
  id: string;
  case_no: string;
  status: CaseStatus;
  channel: CaseChannel;
  org_unit_id: string;
  district_id: string;
  mediator_id: string | null;
  path: string;
  order_no: string | null;
}

/** Statuses from which a hotline order may still be returned: nobody has taken it on yet. */
const RETURNABLE = new Set<CaseStatus>([CaseStatus.Triage, CaseStatus.Queued]);

/**
 * What intake staff do with the triage queue: place a case in the network (route), or send a
 * misrouted 12345 order back to the hotline (退单). Each is one transaction holding the case's
 * row lock, so of two concurrent attempts one wins and the other sees the new status.
 */
@Injectable()
export class CaseTriageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(CaseQueriesService) private readonly queries: CaseQueriesService,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /**
   * Places a `triage` case in `orgUnitId` (intake, admins, supervisors): the case becomes
   * `queued` there and the assignment engine is asked to offer it. The unit must be active, in
   * the caller's subtree and in the case's district (the case number belongs to it).
   *
   * @throws CaseError `CASE_NOT_FOUND` (unknown or out of reach), `CASE_WRONG_STATE` (not in
   * triage), `CASE_ROUTE_TARGET_INVALID` (the unit), `CASE_FORBIDDEN` (role).
   */
  async route(actor: Actor, caseId: string, orgUnitId: string): Promise<CaseDetail> {
    requireRole(
      actor,
      [Role.Intake, Role.Admin, Role.Supervisor],
      '只有受理人员、管理员和督导可以分派案件',
    );
    await this.dataSource.transaction(async (manager) => {
      const found = await this.lockCase(manager, actor, caseId);
      if (found.status !== CaseStatus.Triage) {
        throw CaseError.wrongState('只有待分派（triage）的案件可以分派，该案件已不在待分派队列中');
      }
      const target = await this.lockTarget(manager, actor, orgUnitId, found.district_id);
      await manager.query(
        `UPDATE mediation_case SET status = $2, org_unit_id = $3, updated_at = now() WHERE id = $1`,
        [found.id, CaseStatus.Queued, target.id],
      );
      await this.timeline.append(manager, found.id, actor, [
        {
          type: CaseEventType.Routed,
          data: {
            fromOrgUnitId: found.org_unit_id,
            orgUnitId: target.id,
            orgUnitName: target.name,
          },
        },
      ]);
      await this.audit.record(manager, actor, {
        action: 'case.route',
        objectType: 'case',
        objectId: found.id,
        orgPath: target.path,
        data: { caseNo: found.case_no, fromOrgUnitId: found.org_unit_id, orgUnitId: target.id },
      });
      await this.outbox.enqueue(manager, JobName.AssignCase, { caseId: found.id });
      // Placing the order in the network is its 签收 by intake staff.
      await this.deadlines.stopClock(manager, found.id, ClockKind.HotlineSignFor, {
        reason: 'routed',
      });
    });
    return this.queries.get(actor, caseId);
  }

  /**
   * Returns a 12345 case to the hotline (退单; intake and admins) with a reason: only while it is
   * in `triage` or `queued`, i.e. before any mediator took it on. The case becomes `returned`,
   * the order's reply is `pending`, and the delivery to the platform goes through the outbox
   * (`DeliverHotlineReply`, kind `return`); the reason is in the `case.returned` event.
   *
   * @throws CaseError `CASE_NOT_FOUND`, `CASE_NOT_HOTLINE` (not a 12345 case),
   * `CASE_WRONG_STATE`, `CASE_FORBIDDEN` (role).
   */
  async returnToHotline(actor: Actor, caseId: string, reason: string): Promise<CaseDetail> {
    requireRole(actor, [Role.Intake, Role.Admin], '只有受理人员和管理员可以退单');
    const why = reason.trim();
    if ([...why].length < 2) {
      throw CaseError.invalid([{ field: 'reason', message: '请填写退单原因（至少 2 个字）' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const found = await this.lockCase(manager, actor, caseId);
      if (found.channel !== CaseChannel.Hotline || found.order_no === null) {
        throw new CaseError(CaseErrorCode.NotHotline, '只有 12345 热线转来的案件可以退单');
      }
      if (!RETURNABLE.has(found.status)) {
        throw CaseError.wrongState('案件已进入调解流程或已办结，不能退单');
      }
      await manager.query(
        `UPDATE mediation_case SET status = $2, updated_at = now() WHERE id = $1`,
        [found.id, CaseStatus.Returned],
      );
      await manager.query(
        `UPDATE hotline_order SET reply_state = $2, reply_last_error = NULL WHERE order_no = $1`,
        [found.order_no, HotlineReplyState.Pending],
      );
      await this.timeline.append(manager, found.id, actor, [
        { type: CaseEventType.Returned, data: { reason: why, fromStatus: found.status } },
      ]);
      await this.audit.record(manager, actor, {
        action: 'case.return',
        objectType: 'case',
        objectId: found.id,
        orgPath: found.path,
        data: { caseNo: found.case_no, orderNo: found.order_no, reason: why },
      });
      await this.outbox.enqueue(manager, JobName.DeliverHotlineReply, {
        caseId: found.id,
        kind: 'return',
      });
      // The return is the answer to the order: the case leaves heqi, its clocks end.
      await this.deadlines.stopAllClocks(manager, found.id, 'returned');
    });
    return this.queries.get(actor, caseId);
  }

  /**
   * Locks the case row (FOR UPDATE) if it exists and is in the actor's reach; else 404. The row
   * is locked on its own and its unit read afterwards: a locking query that joined the unit
   * would, after waiting for a concurrent route, re-check the join against the old unit row and
   * find nothing, answering 404 where the truth is "already routed" (409).
   */
  private async lockCase(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
  ): Promise<LockedCase> {
    if (!isUuid(caseId)) throw CaseError.notFound();
    const [locked] = (await manager.query(
      `SELECT id FROM mediation_case WHERE id = $1 FOR UPDATE`,
      [caseId],
    )) as { id: string }[];
    const [found] = locked
      ? ((await manager.query(
          `SELECT c.id, c.case_no, c.status, c.channel, c.org_unit_id, c.district_id,
                  c.mediator_id, ou.path, o.order_no
             FROM mediation_case c
             JOIN org_unit ou ON ou.id = c.org_unit_id
             LEFT JOIN hotline_order o ON o.case_id = c.id
            WHERE c.id = $1`,
          [caseId],
        )) as LockedCase[])
      : [];
    if (!found || !reachesCase(actor, { unitPath: found.path, mediatorId: found.mediator_id })) {
      throw CaseError.notFound();
    }
    return found;
  }

  /**
   * The unit a case is routed to, locked FOR SHARE so it cannot be deactivated before the
   * route commits. Unknown and out-of-reach units get the same answer.
   */
  private async lockTarget(
    manager: EntityManager,
    actor: Actor,
    orgUnitId: string,
    districtId: string,
  ): Promise<{ id: string; name: string; path: string }> {
    const invalid = (message: string) =>
      new CaseError(CaseErrorCode.RouteTargetInvalid, message, [{ field: 'orgUnitId', message }]);
    if (!isUuid(orgUnitId)) throw invalid('组织单位不存在或不在您的管辖范围内');
    const [unit] = (await manager.query(
      `SELECT id, name, path, active FROM org_unit WHERE id = $1 FOR SHARE`,
      [orgUnitId],
    )) as { id: string; name: string; path: string; active: boolean }[];
    if (!unit || !reachesPath(actor, unit.path)) {
      throw invalid('组织单位不存在或不在您的管辖范围内');
    }
    if (!unit.path.startsWith(`/${districtId}/`)) throw invalid('组织单位不在本案所属区县内');
    if (!unit.active) throw invalid('组织单位已停用');
    return unit;
  }
}

function requireRole(actor: Actor, roles: Role[], message: string): void {
  if (!hasRole(actor, ...roles)) throw new CaseError(CaseErrorCode.Forbidden, message);
}
