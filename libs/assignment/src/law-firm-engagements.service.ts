import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  AuditLog,
  type FieldProblem,
  type Page,
  type PageRequest,
  Role,
  escapeLike,
  hasRole,
  isDeploymentWide,
  isUnifiedSocialCreditCode,
  isUuid,
  reachesPath,
  subtreeCondition,
  namedPage,
  namedQuery,
} from '@heqi/core';
import { AssignmentError, AssignmentErrorCode } from './assignment.errors.js';

export interface CreateEngagementInput {
  lawFirm: string;
  employerName: string;
  employerCreditCode?: string | null;
  /** `YYYY-MM-DD` (Asia/Shanghai); defaults to today. */
  since?: string | null;
  until?: string | null;
  note?: string | null;
  /** The unit whose staff keep this record; defaults to the caller's own unit. */
  orgUnitId?: string | null;
}

export interface EngagementFilter {
  /** Part of the firm's name. */
  lawFirm?: string;
  /** Part of the employer's name, or its credit code. */
  q?: string;
  /** Only engagements current today. */
  current?: boolean;
}

/** A law firm recorded as acting for an employer (回避 for the firm's volunteer lawyers). */
export interface LawFirmEngagement {
  id: string;
  lawFirm: string;
  employerName: string;
  employerCreditCode: string | null;
  since: string;
  until: string | null;
  /** Whether it is in force today (Asia/Shanghai). */
  current: boolean;
  note: string | null;
  /** Null: recorded deployment-wide. */
  orgUnitId: string | null;
  orgUnitName: string | null;
  createdAt: Date;
}

interface EngagementRow {
  id: string;
  law_firm: string;
  employer_name: string;
  employer_credit_code: string | null;
  since: string;
  until: string | null;
  current: boolean;
  note: string | null;
  org_unit_id: string | null;
  org_unit_name: string | null;
  created_at: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
const COLUMNS = `e.id, e.law_firm, e.employer_name, e.employer_credit_code,
  to_char(e.since, 'YYYY-MM-DD') AS since, to_char(e.until, 'YYYY-MM-DD') AS until,
  (e.since <= ${TODAY} AND (e.until IS NULL OR e.until >= ${TODAY})) AS current,
  e.note, e.org_unit_id, ou.name AS org_unit_name, e.created_at`;

/**
 * Which law firms act for which employers (律所代理关系), kept by admins and supervisors. The
 * routing policy reads every record, wherever it was entered: a conflict is a conflict. Who may
 * see and delete a record follows the unit it was entered for (deployment-wide records: seen by
 * all of them, deleted by deployment-wide admins only).
 */
@Injectable()
export class LawFirmEngagementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: CreateEngagementInput): Promise<LawFirmEngagement> {
    requireKeeper(actor);
    const problems: FieldProblem[] = [];
    const text = (field: string, value: unknown, max: number, required: boolean) => {
      const clean = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
      if (!clean && required) problems.push({ field, message: '必填' });
      else if (clean.length > max) problems.push({ field, message: `不能超过 ${max} 个字符` });
      return clean || null;
    };
    const lawFirm = text('lawFirm', input.lawFirm, 200, true);
    const employerName = text('employerName', input.employerName, 200, true);
    const note = text('note', input.note, 500, false);
    const creditCode = input.employerCreditCode?.replace(/\s/g, '').toUpperCase() || null;
    if (creditCode && !isUnifiedSocialCreditCode(creditCode)) {
      problems.push({ field: 'employerCreditCode', message: '不是有效的统一社会信用代码' });
    }
    const since = input.since ?? null;
    const until = input.until ?? null;
    for (const [field, value] of [
      ['since', since],
      ['until', until],
    ] as const) {
      if (value !== null && !isDate(value))
        problems.push({ field, message: '必须是 YYYY-MM-DD 日期' });
    }
    if (since && until && isDate(since) && isDate(until) && until < since) {
      problems.push({ field: 'until', message: '结束日期不能早于开始日期' });
    }
    const unitId = input.orgUnitId ?? actor.orgUnitId;
    if (unitId !== null && !isUuid(unitId)) {
      problems.push({ field: 'orgUnitId', message: '单位不存在' });
    }
    if (problems.length) throw AssignmentError.invalid(problems);

    const id = await this.dataSource.transaction(async (manager) => {
      let orgPath: string | null = null;
      if (unitId !== null) {
        const [unit] = (await manager.query(`SELECT path FROM org_unit WHERE id = $1 FOR SHARE`, [
          unitId,
        ])) as { path: string }[];
        if (!unit || !reachesPath(actor, unit.path)) {
          throw AssignmentError.invalid([{ field: 'orgUnitId', message: '单位不存在' }]);
        }
        orgPath = unit.path;
      }
      const [row] = (await manager.query(
        `INSERT INTO law_firm_engagement (law_firm, employer_name, employer_credit_code, since,
                                          until, note, org_unit_id, created_by)
         VALUES ($1, $2, $3, coalesce($4::date, ${TODAY}), $5, $6, $7, $8) RETURNING id`,
        [lawFirm, employerName, creditCode, since, until, note, unitId, actor.userId],
      )) as { id: string }[];
      await this.audit.record(manager, actor, {
        action: 'law_firm_engagement.create',
        objectType: 'law_firm_engagement',
        objectId: row!.id,
        orgPath,
        data: { lawFirm, employerName, employerCreditCode: creditCode, since, until },
      });
      return row!.id;
    });
    return this.get(actor, id);
  }

  async list(
    actor: Actor,
    filter: EngagementFilter,
    page: PageRequest,
  ): Promise<Page<LawFirmEngagement>> {
    requireKeeper(actor);
    const { sql, params } = this.visible(actor);
    const where = [sql];
    if (filter.lawFirm?.trim()) {
      where.push(`e.law_firm ILIKE :firm ESCAPE '\\'`);
      params.firm = `%${escapeLike(filter.lawFirm.trim())}%`;
    }
    if (filter.q?.trim()) {
      where.push(`(e.employer_name ILIKE :q ESCAPE '\\' OR e.employer_credit_code = :code)`);
      params.q = `%${escapeLike(filter.q.trim())}%`;
      params.code = filter.q.replace(/\s/g, '').toUpperCase();
    }
    if (filter.current !== undefined) {
      where.push(`(e.since <= ${TODAY} AND (e.until IS NULL OR e.until >= ${TODAY})) = :current`);
      params.current = filter.current;
    }
    const from = `FROM law_firm_engagement e LEFT JOIN org_unit ou ON ou.id = e.org_unit_id
                  WHERE ${where.join(' AND ')}`;
    const rows = await namedPage<EngagementRow>(
      this.dataSource.manager,
      { select: COLUMNS, from, orderBy: 'e.law_firm, e.employer_name, e.id', params },
      page,
    );
    return { ...rows, items: rows.items.map(toView) };
  }

  /** One engagement the caller may see; anything else is 404. */
  async get(actor: Actor, id: string): Promise<LawFirmEngagement> {
    requireKeeper(actor);
    if (!isUuid(id)) throw notFound();
    const { sql, params } = this.visible(actor);
    const [row] = await this.query<EngagementRow>(
      `SELECT ${COLUMNS} FROM law_firm_engagement e LEFT JOIN org_unit ou ON ou.id = e.org_unit_id
        WHERE e.id = :id AND ${sql}`,
      { ...params, id },
    );
    if (!row) throw notFound();
    return toView(row);
  }

  /**
   * Deletes a record (the engagement ended, or it was entered by mistake). The audit entry keeps
   * its content, and timelines keep the exclusions it caused.
   */
  async remove(actor: Actor, id: string): Promise<void> {
    const found = await this.get(actor, id);
    if (found.orgUnitId === null && !isDeploymentWide(actor)) {
      throw AssignmentError.forbidden('全区范围的律所代理记录只有区级管理员可以删除');
    }
    await this.dataSource.transaction(async (manager) => {
      const [unit] = (await manager.query(`SELECT path FROM org_unit WHERE id = $1`, [
        found.orgUnitId,
      ])) as { path: string }[];
      await manager.query(`DELETE FROM law_firm_engagement WHERE id = $1`, [id]);
      await this.audit.record(manager, actor, {
        action: 'law_firm_engagement.delete',
        objectType: 'law_firm_engagement',
        objectId: id,
        orgPath: unit?.path ?? null,
        data: {
          lawFirm: found.lawFirm,
          employerName: found.employerName,
          employerCreditCode: found.employerCreditCode,
          since: found.since,
          until: found.until,
        },
      });
    });
  }

  /** Records entered in the caller's subtree, and deployment-wide ones. */
  private visible(actor: Actor): { sql: string; params: Record<string, unknown> } {
    const scope = subtreeCondition(actor, 'ou.path');
    return { sql: `(${scope.sql} OR e.org_unit_id IS NULL)`, params: { ...scope.params } };
  }

  private query<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    return namedQuery<T>(this.dataSource.manager, sql, params);
  }
}

function toView(r: EngagementRow): LawFirmEngagement {
  return {
    id: r.id,
    lawFirm: r.law_firm,
    employerName: r.employer_name,
    employerCreditCode: r.employer_credit_code,
    since: r.since,
    until: r.until,
    current: r.current,
    note: r.note,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    createdAt: r.created_at,
  };
}

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function requireKeeper(actor: Actor): void {
  if (!hasRole(actor, Role.Admin, Role.Supervisor)) {
    throw AssignmentError.forbidden('只有管理员和督导可以维护律所代理关系');
  }
}

function notFound(): AssignmentError {
  return new AssignmentError(AssignmentErrorCode.EngagementNotFound, '律所代理记录不存在');
}
