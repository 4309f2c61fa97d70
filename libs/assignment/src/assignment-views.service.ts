import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  type DisputeCategory,
  type Page,
  type PageRequest,
  Role,
  hasRole,
  isUuid,
  subtreeCondition,
  namedPage,
} from '@heqi/core';
import type { MediatorKind } from '@heqi/network';
import { AssignmentError } from './assignment.errors.js';
import type { ExclusionReason } from './exclusion-reason.enum.js';

/** Narrows a supervisor view to a unit's subtree (inside the caller's own). */
export interface SubtreeFilter {
  orgUnitId?: string;
}

/** A queued case nobody has yet, with how long it has waited and why. */
export interface UnassignedCase {
  caseId: string;
  caseNo: string;
  category: DisputeCategory;
  collective: boolean;
  urgent: boolean;
  orgUnitId: string;
  orgUnitName: string;
  receivedAt: Date;
  /** Since it last became queued (created, routed, or its offer declined or lapsed). */
  waitingSince: Date;
  waitingSeconds: number;
  /** Engine runs so far, and the last. */
  attempts: number;
  lastAttemptAt: Date | null;
  /** Why the last run found nobody (null: not run yet, or an offer is about to be made). */
  noCandidate: {
    at: string;
    reasons: Partial<Record<ExclusionReason, number>>;
    excludedCount: number;
  } | null;
  /** When the supervisors were alerted (the open alert), if they were. */
  alertedAt: Date | null;
}

/** A mediator's current load against capacity. */
export interface MediatorLoad {
  mediatorId: string;
  name: string;
  kind: MediatorKind;
  orgUnitId: string;
  orgUnitName: string;
  capacity: number;
  openOffers: number;
  /** Cases held as lead, in mediation. */
  held: number;
  /** Collective disputes the mediator co-mediates. */
  coMediating: number;
  load: number;
  /** load / capacity; null for a capacity of 0. */
  loadRatio: number | null;
  active: boolean;
  unavailableUntil: Date | null;
  lastAssignedAt: Date | null;
}

/**
 * What supervisors watch: the queue of cases nobody has, and every mediator's load — each for
 * the caller's subtree only (admins: theirs, or everything when deployment-wide).
 */
@Injectable()
export class AssignmentViewsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Queued cases in the subtree, longest waiting first. */
  async unassigned(
    actor: Actor,
    filter: SubtreeFilter,
    page: PageRequest,
  ): Promise<Page<UnassignedCase>> {
    requireOverseer(actor);
    const where = this.scope(actor, filter, 'ou.path');
    if (!where) return emptyPage(page);
    const from = `FROM mediation_case c
                  JOIN org_unit ou ON ou.id = c.org_unit_id
                  LEFT JOIN case_assignment ca ON ca.case_id = c.id
                  LEFT JOIN assignment_alert al
                         ON al.case_id = c.id AND al.kind = 'no_candidate' AND al.resolved_at IS NULL
                 WHERE c.status = 'queued' AND ${where.sql}`;
    const waiting = `coalesce(ca.queued_since,
                       (SELECT max(e.at) FROM case_event e
                         WHERE e.case_id = c.id AND e.type IN ('case.queued', 'case.routed')),
                       c.received_at)`;
    const rows = await namedPage<UnassignedRow>(
      this.dataSource.manager,
      {
        select: `c.id, c.case_no, c.category, c.collective, c.urgent, c.org_unit_id,
                 ou.name AS org_unit_name, c.received_at, ${waiting} AS waiting_since,
                 coalesce(ca.attempts, 0) AS attempts, ca.last_attempt_at, ca.no_candidate,
                 al.raised_at AS alerted_at`,
        from,
        orderBy: 'waiting_since, c.id',
        params: where.params,
      },
      page,
    );
    const now = Date.now();
    return {
      ...rows,
      items: rows.items.map((r) => ({
        caseId: r.id,
        caseNo: r.case_no,
        category: r.category,
        collective: r.collective,
        urgent: r.urgent,
        orgUnitId: r.org_unit_id,
        orgUnitName: r.org_unit_name,
        receivedAt: r.received_at,
        waitingSince: r.waiting_since,
        waitingSeconds: Math.max(0, Math.round((now - r.waiting_since.getTime()) / 1000)),
        attempts: r.attempts,
        lastAttemptAt: r.last_attempt_at,
        noCandidate: r.no_candidate
          ? {
              at: r.no_candidate.at,
              reasons: r.no_candidate.reasons,
              excludedCount: r.no_candidate.excludedCount,
            }
          : null,
        alertedAt: r.alerted_at,
      })),
    };
  }

  /** Every mediator whose home unit lies in the subtree, with open offers, held cases, load. */
  async load(actor: Actor, filter: SubtreeFilter, page: PageRequest): Promise<Page<MediatorLoad>> {
    requireOverseer(actor);
    const where = this.scope(actor, filter, 'u.path');
    if (!where) return emptyPage(page);
    const from = `FROM mediator m JOIN org_unit u ON u.id = m.org_unit_id WHERE ${where.sql}`;
    const rows = await namedPage<LoadRow>(
      this.dataSource.manager,
      {
        select: `m.id, m.name, m.kind, m.org_unit_id, u.name AS org_unit_name, m.capacity,
                 m.active, m.unavailable_until, m.last_assigned_at,
                 (SELECT count(*)::int FROM case_offer o
                   WHERE o.mediator_id = m.id AND o.state = 'open') AS open_offers,
                 (SELECT count(*)::int FROM mediation_case h
                   WHERE h.mediator_id = m.id AND h.status = 'in_mediation') AS held,
                 heqi_mediator_load(m.id) AS load`,
        from,
        orderBy: 'u.path, m.name, m.id',
        params: where.params,
      },
      page,
    );
    return {
      ...rows,
      items: rows.items.map((r) => ({
        mediatorId: r.id,
        name: r.name,
        kind: r.kind,
        orgUnitId: r.org_unit_id,
        orgUnitName: r.org_unit_name,
        capacity: r.capacity,
        openOffers: r.open_offers,
        held: r.held,
        coMediating: r.load - r.open_offers - r.held,
        load: r.load,
        loadRatio: r.capacity > 0 ? Math.round((r.load / r.capacity) * 1000) / 1000 : null,
        active: r.active,
        unavailableUntil: r.unavailable_until,
        lastAssignedAt: r.last_assigned_at,
      })),
    };
  }

  /**
   * The caller's subtree, narrowed to `orgUnitId`'s when given; null when that unit is malformed
   * (an empty page, as for a unit outside the subtree: a filter narrows, it never widens).
   */
  private scope(
    actor: Actor,
    filter: SubtreeFilter,
    pathColumn: string,
  ): { sql: string; params: Record<string, unknown> } | null {
    const reach = subtreeCondition(actor, pathColumn);
    if (filter.orgUnitId === undefined) return reach;
    if (!isUuid(filter.orgUnitId)) return null;
    return {
      sql: `${reach.sql} AND ${pathColumn} LIKE (SELECT f.path FROM org_unit f WHERE f.id = :unitId) || '%'`,
      params: { ...reach.params, unitId: filter.orgUnitId },
    };
  }
}

interface UnassignedRow {
  id: string;
  case_no: string;
  category: DisputeCategory;
  collective: boolean;
  urgent: boolean;
  org_unit_id: string;
  org_unit_name: string;
  received_at: Date;
  waiting_since: Date;
  attempts: number;
  last_attempt_at: Date | null;
  no_candidate: {
    at: string;
    reasons: Partial<Record<ExclusionReason, number>>;
    excludedCount: number;
  } | null;
  alerted_at: Date | null;
}

interface LoadRow {
  id: string;
  name: string;
  kind: MediatorKind;
  org_unit_id: string;
  org_unit_name: string;
  capacity: number;
  active: boolean;
  unavailable_until: Date | null;
  last_assigned_at: Date | null;
  open_offers: number;
  held: number;
  load: number;
}

function requireOverseer(actor: Actor): void {
  if (!hasRole(actor, Role.Admin, Role.Supervisor)) {
    throw AssignmentError.forbidden('只有督导和管理员可以查看派案队列和工作量');
  }
}

function emptyPage<T>(page: PageRequest): Page<T> {
  return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
}
