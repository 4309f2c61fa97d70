import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  Role,
  escapeLike,
  hasRole,
  isDeploymentWide,
  isUuid,
  reachesPath,
} from '@heqi/core';
import { ClockKind } from '../clocks/clock-kind.enum.js';
import { DeadlineError } from '../deadlines.errors.js';

/** Open clocks of one kind (or all, in `total`) by state. */
export interface DeadlineCounts {
  running: number;
  warned: number;
  breached: number;
  paused: number;
  /** All open clocks: the sum of the four. */
  open: number;
}

/** `GET /reports/deadlines`: open clocks of a subtree by kind and state. */
export interface DeadlineReport {
  /** The unit whose subtree is counted; null for a deployment-wide admin's whole network. */
  orgUnitId: string | null;
  rows: (DeadlineCounts & { kind: ClockKind })[];
  total: DeadlineCounts;
  generatedAt: Date;
}

const KINDS = Object.values(ClockKind);
const zero = (): DeadlineCounts => ({ running: 0, warned: 0, breached: 0, paused: 0, open: 0 });

/**
 * The deadlines report: every open clock (not yet met or stopped; a breached clock stays open
 * until the work is done) of the cases currently in a unit's subtree, by kind and state. One
 * row per kind, zeros included, so the table has the same shape every time.
 */
@Injectable()
export class DeadlineReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * @throws DeadlineError `DEADLINE_FORBIDDEN`: not a supervisor or admin, or `orgUnitId` is
   * unknown or outside the caller's subtree (one answer for both, so units do not leak).
   */
  async openClocks(actor: Actor, orgUnitId?: string): Promise<DeadlineReport> {
    if (!hasRole(actor, Role.Supervisor, Role.Admin)) {
      throw DeadlineError.forbidden('只有督导和管理员可以查看期限报表');
    }
    const outside = () => DeadlineError.forbidden('该单位不存在或不在您的管辖范围内');
    const unitId: string | null = orgUnitId ?? actor.orgUnitId;
    let prefix: string;
    if (unitId === null) {
      if (!isDeploymentWide(actor)) throw outside();
      prefix = '/';
    } else {
      if (!isUuid(unitId)) throw outside();
      const [unit] = (await this.dataSource.query(`SELECT path FROM org_unit WHERE id = $1`, [
        unitId,
      ])) as { path: string }[];
      if (!unit || !reachesPath(actor, unit.path)) throw outside();
      prefix = unit.path;
    }
    const counts = (await this.dataSource.query(
      `SELECT k.kind, k.state, count(*)::int AS n
         FROM case_clock k
         JOIN mediation_case c ON c.id = k.case_id
         JOIN org_unit ou ON ou.id = c.org_unit_id
        WHERE k.stopped_at IS NULL AND ou.path LIKE $1
        GROUP BY k.kind, k.state`,
      [`${escapeLike(prefix)}%`],
    )) as { kind: ClockKind; state: keyof DeadlineCounts; n: number }[];
    const rows = new Map(KINDS.map((kind) => [kind, zero()]));
    const total = zero();
    for (const { kind, state, n } of counts) {
      const row = rows.get(kind);
      if (!row || !(state in row) || state === 'open') continue;
      row[state] += n;
      row.open += n;
      total[state] += n;
      total.open += n;
    }
    return {
      orgUnitId: unitId,
      rows: KINDS.map((kind) => ({ kind, ...rows.get(kind)! })),
      total,
      generatedAt: new Date(),
    };
  }
}
