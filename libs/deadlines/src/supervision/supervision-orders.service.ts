import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
import { CaseGateway } from '../case-gateway.js';
import type { ClockKind } from '../clocks/clock-kind.enum.js';
import { DeadlineError, DeadlineErrorCode } from '../deadlines.errors.js';

/** A 督办 as supervisors see it. */
export interface SupervisionOrderView {
  id: string;
  caseId: string;
  caseNo: string;
  clockId: string;
  kind: ClockKind;
  dueAt: Date;
  orgUnitId: string;
  orgUnitName: string;
  state: 'open' | 'closed';
  createdAt: Date;
  closedAt: Date | null;
  closeNote: string | null;
}

interface OrderRow {
  id: string;
  case_id: string;
  case_no: string;
  clock_id: string;
  kind: ClockKind;
  due_at: Date;
  org_unit_id: string;
  org_unit_name: string;
  path: string;
  state: 'open' | 'closed';
  created_at: Date;
  closed_at: Date | null;
  close_note: string | null;
}

const ORDER_COLUMNS = `s.id, s.case_id, c.case_no, s.clock_id, k.kind, k.due_at, s.org_unit_id,
       ou.name AS org_unit_name, ou.path, s.state, s.created_at, s.closed_at, s.close_note`;
const ORDER_FROM = `FROM supervision_order s
  JOIN mediation_case c ON c.id = s.case_id
  JOIN case_clock k ON k.id = s.clock_id
  JOIN org_unit ou ON ou.id = s.org_unit_id`;

/**
 * 督办 (supervision orders): opened by breached clocks, listed for the supervisors and admins
 * of the units they were opened in (subtree), closed by a supervisor with a note.
 */
@Injectable()
export class SupervisionOrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseGateway) private readonly cases: CaseGateway,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** Orders in the caller's subtree, newest first, optionally only open or closed ones. */
  async list(
    actor: Actor,
    filter: { state?: 'open' | 'closed' },
    page: PageRequest,
  ): Promise<Page<SupervisionOrderView>> {
    if (!hasRole(actor, Role.Supervisor, Role.Admin)) {
      throw DeadlineError.forbidden('只有督导和管理员可以查看督办单');
    }
    const scope = subtreeCondition(actor, 'ou.path');
    const rows = await namedPage<OrderRow>(
      this.dataSource.manager,
      {
        select: ORDER_COLUMNS,
        from: `${ORDER_FROM} WHERE ${scope.sql}
                AND (CAST(:state AS text) IS NULL OR s.state = :state)`,
        orderBy: 's.created_at DESC, s.id',
        params: { ...scope.params, state: filter.state ?? null },
      },
      page,
    );
    return { ...rows, items: rows.items.map(toView) };
  }

  /**
   * Closes an open order (a supervisor whose subtree holds it) with a note.
   *
   * @throws DeadlineError `DEADLINE_FORBIDDEN`, `SUPERVISION_NOT_FOUND` (unknown or out of reach),
   * `DEADLINE_WRONG_STATE` (closed already).
   */
  async close(actor: Actor, id: string, note: string): Promise<SupervisionOrderView> {
    if (!hasRole(actor, Role.Supervisor)) throw DeadlineError.forbidden('只有督导可以办结督办单');
    const why = note.trim();
    if ([...why].length < 2) {
      throw DeadlineError.invalid([{ field: 'note', message: '请填写办结说明（至少 2 个字）' }]);
    }
    const notFound = () => new DeadlineError(DeadlineErrorCode.SupervisionNotFound, '督办单不存在');
    if (!isUuid(id)) throw notFound();
    await this.dataSource.transaction(async (manager) => {
      const [order] = (await manager.query(
        `SELECT s.id, s.case_id, s.state, ou.path FROM supervision_order s
           JOIN org_unit ou ON ou.id = s.org_unit_id WHERE s.id = $1 FOR UPDATE OF s`,
        [id],
      )) as { id: string; case_id: string; state: string; path: string }[];
      if (!order || !reachesPath(actor, order.path)) throw notFound();
      if (order.state !== 'open') throw DeadlineError.wrongState('该督办单已办结');
      await manager.query(
        `UPDATE supervision_order SET state = 'closed', closed_at = now(), closed_by = $2,
                close_note = $3 WHERE id = $1`,
        [id, actor.userId, why],
      );
      await this.cases.appendEvents(manager, actor, [
        {
          caseId: order.case_id,
          type: 'deadline.supervision_closed',
          data: { supervisionOrderId: id, note: why },
        },
      ]);
      await this.audit.record(manager, actor, {
        action: 'deadline.supervision.close',
        objectType: 'supervision_order',
        objectId: id,
        orgPath: order.path,
        data: { caseId: order.case_id, note: why },
      });
    });
    const [row] = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} ${ORDER_FROM} WHERE s.id = $1`,
      [id],
    )) as OrderRow[];
    return toView(row!);
  }
}

function toView(r: OrderRow): SupervisionOrderView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNo: r.case_no,
    clockId: r.clock_id,
    kind: r.kind,
    dueAt: r.due_at,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    state: r.state,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closeNote: r.close_note,
  };
}
