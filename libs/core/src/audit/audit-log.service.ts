import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, Role, type SystemActor, hasRole, subtreeCondition } from '../access/index.js';
import { CoreError, CoreErrorCode } from '../errors/index.js';
import { type Page, type PageRequest, pageOffset } from '../paging/index.js';
import type { SqlStatement } from '../database/statement.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  action: string;
  objectType: string;
  objectId?: string | null;
  /** Path of the unit the object belongs to (for supervisors' view of the log). */
  orgPath?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditFilter {
  objectId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** Writes and reads the append-only audit log. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records `entry` inside the caller's transaction, so the log line and the change it describes
   * commit or roll back together.
   */
  async record(manager: EntityManager, by: Actor | SystemActor, entry: AuditRecord): Promise<void> {
    const { sql, params } = this.recordStatement(by, entry);
    await manager.query(sql, params);
  }

  /**
   * The statement {@link record} runs, for a caller that runs it beside its own writes
   * (`withWrites`, `runTogether`) in the same transaction.
   */
  recordStatement(by: Actor | SystemActor, entry: AuditRecord): SqlStatement {
    const isUser = 'userId' in by;
    return {
      sql: `INSERT INTO audit_log (actor_id, actor_name, action, object_type, object_id, org_path,
                                   ip, request_id, data)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      params: [
        isUser ? by.userId : null,
        isUser ? by.username : by.system,
        entry.action,
        entry.objectType,
        entry.objectId ?? null,
        entry.orgPath ?? null,
        by.ip ?? null,
        by.requestId ?? null,
        JSON.stringify(entry.data ?? {}),
      ],
    };
  }

  /** The log, newest first: admins see it all, supervisors the entries of their subtree. */
  async list(actor: Actor, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    if (!hasRole(actor, Role.Admin, Role.Supervisor)) {
      throw new CoreError(CoreErrorCode.Forbidden, '只有管理员和督导可以查看审计日志');
    }
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    // An admin tied to a unit is scoped like a supervisor; a deployment-wide admin sees all.
    const scope = subtreeCondition(actor, 'a.org_path');
    qb.where(scope.sql, scope.params);
    if (filter.objectId) qb.andWhere('a.object_id = :objectId', { objectId: filter.objectId });
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    const [items, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip(pageOffset(page))
      .take(page.pageSize)
      .getManyAndCount();
    return { items, total, page: page.page, pageSize: page.pageSize };
  }
}
