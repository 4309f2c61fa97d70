import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  AuditLog,
  type Page,
  type PageRequest,
  Role,
  escapeLike,
  isUuid,
  pageOffset,
  reachesPath,
} from '@heqi/core';
import {
  type NetworkCaller,
  callerHasRole,
  callerIsDeploymentWide,
  callerReaches,
  callerScope,
} from './network-caller.js';
import { NetworkError, NetworkErrorCode } from './network.errors.js';
import { OrgUnitLevel } from './org-unit-level.enum.js';
import { OrgUnit } from './org-unit.entity.js';
import {
  type UnitFields,
  checkUnitFields,
  cleanCreditCode,
  cleanText,
  isOrgUnitLevel,
  parentLevelProblem,
} from './org-unit-rules.js';
import { rethrowConflict } from './unique-conflicts.js';

export interface CreateOrgUnitInput {
  name: string;
  level: OrgUnitLevel;
  /** Required for every level but a district. */
  parentId?: string | null;
  code?: string | null;
  /** Enterprises only; GB 32100 checked and unique. */
  creditCode?: string | null;
  address?: string | null;
}

/** The fields an update may change; absent fields stay, null clears an optional one. */
export interface UpdateOrgUnitInput {
  name?: string;
  code?: string | null;
  creditCode?: string | null;
  address?: string | null;
  active?: boolean;
  /** A different parent moves the unit with its whole subtree. */
  parentId?: string;
}

export interface OrgUnitFilter {
  parentId?: string;
  level?: OrgUnitLevel;
  /** Part of the name or code, or a credit code. */
  q?: string;
  active?: boolean;
}

export interface UnitLookupOptions {
  /** Only units in the subtree at this path (e.g. the district a hotline order came from). */
  withinPath?: string;
  level?: OrgUnitLevel;
  /** Deactivated units are left out unless asked for. */
  includeInactive?: boolean;
}

/**
 * Advisory lock guarding the tree's shape. Creating a unit takes it shared, moving a unit takes
 * it exclusively: a move rewrites its subtree's paths in one UPDATE whose snapshot would miss a
 * child inserted (under the old path) by a transaction that commits meanwhile, so the two must
 * not overlap. Creates do not block each other, and moves are rare admin work.
 */
const TREE_LOCK_KEY = 0x6865_7169_0001; // "heqi" + 1, reserved for the org-unit tree

/**
 * The org-unit tree: creating, changing, moving and deactivating units (admins), reading them
 * (everyone, inside their subtree), and the lookups other contexts route with.
 */
@Injectable()
export class OrgUnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /**
   * Creates a unit under `parentId` (none for a district). Admins only, and an admin with a home
   * unit only inside its subtree; the parent must be active and of a level the new unit may sit
   * under.
   */
  async create(caller: NetworkCaller, input: CreateOrgUnitInput): Promise<OrgUnit> {
    this.requireAdmin(caller);
    if (!isOrgUnitLevel(input.level)) {
      throw NetworkError.invalid([{ field: 'level', message: '层级无效' }]);
    }
    const { fields, problems } = checkUnitFields(input.level, {
      name: input.name ?? '',
      code: input.code ?? null,
      creditCode: input.creditCode ?? null,
      address: input.address ?? null,
    });
    if (input.parentId != null && !isUuid(input.parentId)) {
      problems.push({ field: 'parentId', message: '上级单位不存在' });
    }
    if (problems.length) throw NetworkError.invalid(problems);

    return this.write(async (manager) => {
      await this.lockTree(manager, 'shared');
      const parent = input.parentId ? await this.lockParent(manager, caller, input.parentId) : null;
      this.checkPlacement(input.level, parent);
      // A root unit lies outside every home unit's subtree.
      if (!parent && !callerIsDeploymentWide(caller)) {
        throw NetworkError.forbidden('只有不限单位的管理员可以新建区/县');
      }
      const id = randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      await manager.insert(OrgUnit, {
        id,
        name: fields.name!,
        level: input.level,
        parentId: parent?.id ?? null,
        path,
        depth: (parent?.depth ?? 0) + 1,
        code: fields.code ?? null,
        creditCode: fields.creditCode ?? null,
        address: fields.address ?? null,
      });
      await this.audit.record(manager, caller, {
        action: 'org_unit.create',
        objectType: 'org_unit',
        objectId: id,
        orgPath: path,
        data: { ...fields, level: input.level, parentId: parent?.id ?? null },
      });
      return manager.findOneByOrFail(OrgUnit, { id });
    });
  }

  /** A unit in the caller's subtree; anything else (unknown or outside) is 404. */
  async get(caller: NetworkCaller, id: string): Promise<OrgUnit> {
    if (!isUuid(id)) throw NetworkError.unitNotFound();
    const scope = callerScope(caller, 'u.path');
    const unit = await this.dataSource
      .getRepository(OrgUnit)
      .createQueryBuilder('u')
      .where('u.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!unit) throw NetworkError.unitNotFound();
    return unit;
  }

  /** Units of the caller's subtree, shallowest first, then by name. */
  async list(
    caller: NetworkCaller,
    filter: OrgUnitFilter,
    page: PageRequest,
  ): Promise<Page<OrgUnit>> {
    const scope = callerScope(caller, 'u.path');
    const qb = this.dataSource
      .getRepository(OrgUnit)
      .createQueryBuilder('u')
      .where(scope.sql, scope.params);
    if (filter.parentId !== undefined) {
      // A malformed id matches nothing rather than failing in SQL.
      if (!isUuid(filter.parentId)) return { items: [], total: 0, ...page };
      qb.andWhere('u.parent_id = :parentId', { parentId: filter.parentId });
    }
    if (filter.level) qb.andWhere('u.level = :level', { level: filter.level });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    const q = cleanText(filter.q);
    if (q) {
      qb.andWhere(
        `(u.name ILIKE :like ESCAPE '\\' OR u.code ILIKE :like ESCAPE '\\' OR u.credit_code = :code)`,
        { like: `%${escapeLike(q)}%`, code: cleanCreditCode(q) },
      );
    }
    const [items, total] = await qb
      .orderBy('u.depth', 'ASC')
      .addOrderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip(pageOffset(page))
      .take(page.pageSize)
      .getManyAndCount();
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /**
   * Changes a unit's fields, (de)activates it, and moves it when `parentId` differs, all in one
   * transaction. A move rewrites the materialised path of the whole subtree in one UPDATE.
   * Deactivating needs the unit's sub-units and mediators deactivated first; units are never
   * deleted, so cases keep pointing at them.
   */
  async update(caller: NetworkCaller, id: string, input: UpdateOrgUnitInput): Promise<OrgUnit> {
    this.requireAdmin(caller);
    if (!isUuid(id)) throw NetworkError.unitNotFound();
    const moving = input.parentId !== undefined;
    return this.write(async (manager) => {
      if (moving) await this.lockTree(manager, 'exclusive');
      const unit = await this.lockUnit(manager, id, 'pessimistic_write');
      if (!unit || !callerReaches(caller, unit.path)) throw NetworkError.unitNotFound();

      const { fields, problems } = checkUnitFields(unit.level, input);
      if (moving && !isUuid(input.parentId)) {
        problems.push({ field: 'parentId', message: '上级单位不存在' });
      }
      if (problems.length) throw NetworkError.invalid(problems);

      if (moving && input.parentId !== unit.parentId) {
        await this.move(manager, caller, unit, input.parentId!);
      }
      if (input.active !== undefined && input.active !== unit.active) {
        await this.setActive(manager, caller, unit, input.active);
      }
      const changed = changedFields(unit, fields);
      if (Object.keys(changed).length) {
        await manager.update(OrgUnit, { id }, { ...changed, updatedAt: () => 'now()' });
        await this.audit.record(manager, caller, {
          action: 'org_unit.update',
          objectType: 'org_unit',
          objectId: id,
          orgPath: unit.path,
          data: { changes: describeChanges(unit, changed) },
        });
      }
      return manager.findOneByOrFail(OrgUnit, { id });
    });
  }

  /** The materialised path of a unit (`/<districtId>/…/<id>/`), or null when there is none. */
  async findUnitPath(id: string): Promise<string | null> {
    if (!isUuid(id)) return null;
    const unit = await this.dataSource
      .getRepository(OrgUnit)
      .findOne({ where: { id }, select: { id: true, path: true } });
    return unit?.path ?? null;
  }

  /** Whether the unit exists and lies in the actor's subtree. */
  async isUnitInSubtree(unitId: string, actor: Actor): Promise<boolean> {
    const path = await this.findUnitPath(unitId);
    return path !== null && reachesPath(actor, path);
  }

  /** The unit with this unified social credit code (any case, spaces ignored), if registered. */
  async findByCreditCode(
    creditCode: string,
    options: UnitLookupOptions = {},
  ): Promise<OrgUnit | null> {
    const code = cleanCreditCode(creditCode);
    if (!code) return null;
    const [unit] = await this.lookup('u.credit_code = :code', { code }, options);
    return unit ?? null;
  }

  /**
   * Units named `name`: exact matches if there are any, otherwise those whose name differs only
   * in the legal form and punctuation (有限公司, 有限责任公司, 股份有限公司, 集团, full-width
   * brackets, spaces; see `heqi_unit_name_key` in the NetworkExtras migration). Several results
   * mean the name is ambiguous: the caller decides (e.g. a triage queue).
   */
  async findByName(name: string, options: UnitLookupOptions = {}): Promise<OrgUnit[]> {
    const cleaned = cleanText(name);
    if (!cleaned) return [];
    const exact = await this.lookup('u.name = :name', { name: cleaned }, options);
    if (exact.length) return exact;
    return this.lookup(
      'heqi_unit_name_key(u.name) = heqi_unit_name_key(:name)',
      { name: cleaned },
      options,
    );
  }

  /**
   * The unit that a new one named `name` under `parentId` with `creditCode` would duplicate: one
   * of that name under that parent, or one with that credit code. Imports skip such rows.
   */
  async findSame(
    parentId: string | null,
    name: string,
    creditCode: string | null,
  ): Promise<OrgUnit | null> {
    return this.dataSource
      .getRepository(OrgUnit)
      .createQueryBuilder('u')
      .where('(u.parent_id IS NOT DISTINCT FROM :parentId AND u.name = :name)', {
        parentId,
        name: cleanText(name) ?? '',
      })
      .orWhere('u.credit_code = :creditCode', { creditCode: cleanCreditCode(creditCode) })
      .getOne();
  }

  private lookup(
    condition: string,
    params: Record<string, string>,
    options: UnitLookupOptions,
  ): Promise<OrgUnit[]> {
    const qb = this.dataSource
      .getRepository(OrgUnit)
      .createQueryBuilder('u')
      .where(condition, params);
    if (options.withinPath) {
      qb.andWhere(`u.path LIKE :within`, { within: `${escapeLike(options.withinPath)}%` });
    }
    if (options.level) qb.andWhere('u.level = :level', { level: options.level });
    if (!options.includeInactive) qb.andWhere('u.active');
    return qb.orderBy('u.depth', 'ASC').addOrderBy('u.path', 'ASC').limit(50).getMany();
  }

  /** Moves `unit` (locked) under `parentId` with its subtree; checks reach, level and cycles. */
  private async move(
    manager: EntityManager,
    caller: NetworkCaller,
    unit: OrgUnit,
    parentId: string,
  ): Promise<void> {
    if (unit.level === OrgUnitLevel.District) {
      throw levelError(parentLevelProblem(OrgUnitLevel.District, OrgUnitLevel.District)!);
    }
    const parent = await this.lockParent(manager, caller, parentId);
    if (parent.path.startsWith(unit.path)) {
      throw NetworkError.field(
        NetworkErrorCode.MoveCycle,
        'parentId',
        '不能把单位移到它自己或它的下级单位之下',
      );
    }
    this.checkPlacement(unit.level, parent);
    const oldPath = unit.path;
    const newPath = `${parent.path}${unit.id}/`;
    await manager.query(`UPDATE org_unit SET parent_id = $2 WHERE id = $1`, [unit.id, parent.id]);
    // The subtree is every path under the old prefix: swap the prefix, shift the depth.
    const [, moved] = (await manager.query(
      `UPDATE org_unit
          SET path = $2 || substr(path, length($1) + 1),
              depth = depth + $3,
              updated_at = now()
        WHERE path LIKE $4`,
      [oldPath, newPath, parent.depth + 1 - unit.depth, `${escapeLike(oldPath)}%`],
    )) as [unknown, number];
    await this.audit.record(manager, caller, {
      action: 'org_unit.move',
      objectType: 'org_unit',
      objectId: unit.id,
      orgPath: newPath,
      data: {
        fromParentId: unit.parentId,
        toParentId: parent.id,
        fromPath: oldPath,
        toPath: newPath,
        unitsMoved: moved,
      },
    });
    unit.path = newPath;
    unit.parentId = parent.id;
  }

  private async setActive(
    manager: EntityManager,
    caller: NetworkCaller,
    unit: OrgUnit,
    active: boolean,
  ): Promise<void> {
    if (active && unit.parentId) {
      const [parent] = await manager.query(`SELECT active FROM org_unit WHERE id = $1 FOR SHARE`, [
        unit.parentId,
      ]);
      if (!parent?.active) {
        throw NetworkError.field(
          NetworkErrorCode.ParentInactive,
          'active',
          '上级单位已停用，请先启用上级单位',
        );
      }
    }
    if (!active) {
      // Children and mediators are created under a FOR SHARE lock on this (now locked) row, so
      // none can appear between this check and the commit.
      const [{ busy }] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM org_unit WHERE parent_id = $1 AND active)
             OR EXISTS (SELECT 1 FROM mediator WHERE org_unit_id = $1 AND active) AS busy`,
        [unit.id],
      );
      if (busy) {
        throw new NetworkError(
          NetworkErrorCode.UnitHasActiveMembers,
          '该单位下还有启用的下级单位或调解员，请先停用它们',
        );
      }
    }
    await manager.update(OrgUnit, { id: unit.id }, { active, updatedAt: () => 'now()' });
    await this.audit.record(manager, caller, {
      action: active ? 'org_unit.activate' : 'org_unit.deactivate',
      objectType: 'org_unit',
      objectId: unit.id,
      orgPath: unit.path,
    });
  }

  /** The parent named in input, locked against moves and deactivation while we attach to it. */
  private async lockParent(
    manager: EntityManager,
    caller: NetworkCaller,
    parentId: string,
  ): Promise<OrgUnit> {
    const parent = await this.lockUnit(manager, parentId, 'pessimistic_read');
    // Outside the caller's reach reads exactly like unknown: existence must not leak.
    if (!parent || !callerReaches(caller, parent.path)) {
      throw NetworkError.field(NetworkErrorCode.ParentNotFound, 'parentId', '上级单位不存在');
    }
    return parent;
  }

  /** Level and state rules for placing a unit of `level` under `parent`. */
  private checkPlacement(level: OrgUnitLevel, parent: OrgUnit | null): void {
    const problem = parentLevelProblem(level, parent?.level ?? null);
    if (problem) throw levelError(problem);
    if (parent && !parent.active) {
      throw NetworkError.field(NetworkErrorCode.ParentInactive, 'parentId', '上级单位已停用');
    }
  }

  private lockUnit(
    manager: EntityManager,
    id: string,
    mode: 'pessimistic_read' | 'pessimistic_write',
  ): Promise<OrgUnit | null> {
    return manager
      .getRepository(OrgUnit)
      .createQueryBuilder('u')
      .setLock(mode)
      .where('u.id = :id', { id })
      .getOne();
  }

  private async lockTree(manager: EntityManager, mode: 'shared' | 'exclusive'): Promise<void> {
    const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await manager.query(`SELECT ${fn}($1)`, [TREE_LOCK_KEY]);
  }

  private requireAdmin(caller: NetworkCaller): void {
    if (!callerHasRole(caller, Role.Admin)) {
      throw NetworkError.forbidden('只有管理员可以维护组织单位');
    }
  }

  /** Runs `work` in a transaction; unique violations become their 409s. */
  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work).catch(rethrowConflict);
  }
}

function levelError(message: string): NetworkError {
  return NetworkError.field(NetworkErrorCode.LevelNotAllowed, 'parentId', message);
}

/** The cleaned fields whose values differ from the unit's. */
function changedFields(unit: OrgUnit, fields: UnitFields): UnitFields {
  return Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => unit[key as keyof UnitFields] !== value),
  ) as UnitFields;
}

/** `{ field: { from, to } }` for the audit log (unit fields hold no personal data). */
function describeChanges(unit: OrgUnit, changed: UnitFields): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(changed).map(([key, to]) => [key, { from: unit[key as keyof UnitFields], to }]),
  );
}
