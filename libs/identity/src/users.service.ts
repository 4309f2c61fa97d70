import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import {
  AuditLog,
  CoreError,
  CoreErrorCode,
  Role,
  hasRole,
  isDeploymentWide,
  pageOffset,
  reachesPath,
  subtreeCondition,
  type Actor,
  type Page,
  type PageRequest,
} from '@heqi/core';
import type { SessionRevokedReason } from './auth-session.entity.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';
import type { ClientOrigin, UserView } from './identity.types.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblems } from './password-policy.js';
import { USER_COLUMNS, toUserView, type UserRow } from './user-row.js';
import {
  mediates,
  userShapeProblems,
  type MediatorFacts,
  type UnitFacts,
  type UserShape,
} from './user-rules.js';
import { normalizeUsername } from './username.js';

export interface CreateUserInput {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  /** Null only for a deployment-wide admin. */
  orgUnitId: string | null;
  mediatorId?: string | null;
}

/** A change to a user; an absent field stays as it is. */
export interface UpdateUserInput {
  displayName?: string;
  roles?: Role[];
  orgUnitId?: string | null;
  /** When the roles stop including mediator/volunteer and this is absent, the link is dropped. */
  mediatorId?: string | null;
  active?: boolean;
}

export interface UserFilter {
  /** Part of the username or display name. */
  q?: string;
  role?: Role;
  active?: boolean;
  /** Users whose unit lies in this unit's subtree. */
  orgUnitId?: string;
}

export interface ChangePasswordInput {
  newPassword: string;
  /** Required when users change their own password. */
  currentPassword?: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Users and their roles. Only admins manage users, and an admin tied to a unit only those of
 * its subtree: a user outside it is not found (404); naming a unit outside it is refused (403).
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: CreateUserInput): Promise<UserView> {
    requireAdmin(actor);
    const username = normalizeUsername(input.username);
    const shape: UserShape = {
      roles: input.roles,
      orgUnitId: input.orgUnitId,
      mediatorId: input.mediatorId ?? null,
    };
    const passwordIssues = passwordProblems(input.password, username);
    if (passwordIssues.length) throw weakPassword(passwordIssues);
    const unit = await this.checkShape(this.dataSource.manager, actor, shape, {
      unitChanged: true,
      mediatorChanged: true,
    });
    const passwordHash = await this.hasher.hash(input.password);

    return this.translateConflicts(() =>
      this.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `INSERT INTO app_user (username, password_hash, display_name, roles, org_unit_id,
                                 mediator_id)
           VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING id`,
          [
            username,
            passwordHash,
            input.displayName.trim(),
            shape.roles,
            shape.orgUnitId,
            shape.mediatorId,
          ],
        )) as { id: string }[];
        const user = await this.read(manager, row!.id);
        await this.audit.record(manager, actor, {
          action: 'user.create',
          objectType: 'user',
          objectId: user.id,
          orgPath: unit?.path ?? null,
          data: {
            username,
            displayName: user.displayName,
            roles: user.roles,
            orgUnitId: user.orgUnitId,
            mediatorId: user.mediatorId,
          },
        });
        return user;
      }),
    );
  }

  /** Users in the caller's subtree, by username. */
  async list(actor: Actor, filter: UserFilter, page: PageRequest): Promise<Page<UserView>> {
    requireAdmin(actor);
    const qb = this.dataSource
      .createQueryBuilder()
      .from('app_user', 'u')
      .leftJoin('org_unit', 'o', 'o.id = u.org_unit_id');
    const scope = subtreeCondition(actor, 'o.path');
    qb.where(scope.sql, scope.params);
    if (filter.q) {
      qb.andWhere(`(u.username ILIKE :q OR u.display_name ILIKE :q)`, {
        q: `%${escapeLike(filter.q)}%`,
      });
    }
    if (filter.role) qb.andWhere(`u.roles @> ARRAY[:role]::text[]`, { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.orgUnitId) {
      qb.andWhere(`o.path LIKE (SELECT p.path FROM org_unit p WHERE p.id = :unitId) || '%'`, {
        unitId: filter.orgUnitId,
      });
    }
    const counted = (await qb.clone().select('count(*)::int', 'total').getRawOne()) as {
      total: number;
    };
    const rows = (await qb
      .select(USER_COLUMNS)
      .orderBy('u.username', 'ASC')
      .offset(pageOffset(page))
      .limit(page.pageSize)
      .getRawMany()) as UserRow[];
    return {
      items: rows.map(toUserView),
      total: counted.total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  /** One user in the caller's subtree; anyone else is "not found". */
  async get(actor: Actor, id: string): Promise<UserView> {
    requireAdmin(actor);
    return toUserView(await this.findInScope(this.dataSource.manager, actor, id));
  }

  async update(actor: Actor, id: string, patch: UpdateUserInput): Promise<UserView> {
    requireAdmin(actor);
    return this.translateConflicts(() =>
      this.dataSource.transaction(async (manager) => {
        // Locked first: two admins editing one user apply their changes one after the other.
        await manager.query(`SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
        const current = await this.findInScope(manager, actor, id);
        const roles = patch.roles ?? current.roles;
        const orgUnitId = patch.orgUnitId !== undefined ? patch.orgUnitId : current.org_unit_id;
        const mediatorId =
          patch.mediatorId !== undefined
            ? patch.mediatorId
            : mediates(roles)
              ? current.mediator_id
              : null;
        const active = patch.active ?? current.active;
        const displayName = patch.displayName?.trim() ?? current.display_name;

        if (current.id === actor.userId) {
          if (!active) {
            throw new IdentityError(IdentityErrorCode.SelfLockout, '不能停用自己的账号');
          }
          if (!roles.includes(Role.Admin)) {
            throw new IdentityError(IdentityErrorCode.SelfLockout, '不能取消自己的管理员角色');
          }
        }
        const unit = await this.checkShape(
          manager,
          actor,
          { roles, orgUnitId, mediatorId },
          {
            unitChanged: orgUnitId !== current.org_unit_id,
            mediatorChanged: mediatorId !== current.mediator_id,
          },
        );

        const changes = diff(
          {
            displayName: current.display_name,
            roles: current.roles,
            orgUnitId: current.org_unit_id,
            mediatorId: current.mediator_id,
            active: current.active,
          },
          { displayName, roles, orgUnitId, mediatorId, active },
        );
        if (!Object.keys(changes).length) return toUserView(current);

        await manager.query(
          `UPDATE app_user
              SET display_name = $2, roles = $3, org_unit_id = $4, mediator_id = $5, active = $6,
                  updated_at = now()
            WHERE id = $1`,
          [id, displayName, roles, orgUnitId, mediatorId, active],
        );
        if (!active && current.active) await revokeSessions(manager, id, 'user_deactivated');
        await this.audit.record(manager, actor, {
          action: 'user.update',
          objectType: 'user',
          objectId: id,
          orgPath: unit?.path ?? current.org_path,
          data: { changes },
        });
        return this.read(manager, id);
      }),
    );
  }

  /**
   * Sets a new password. Users changing their own give the current one (wrong guesses count
   * towards the login throttle) and keep only the session they act from; an admin resetting
   * someone else's ends all of that user's sessions.
   */
  async changePassword(
    actor: Actor,
    id: string,
    input: ChangePasswordInput,
    origin: ClientOrigin & { sessionId?: string },
  ): Promise<void> {
    const self = id === actor.userId;
    if (!self) requireAdmin(actor);
    const target = self
      ? await this.read(this.dataSource.manager, id)
      : toUserView(await this.findInScope(this.dataSource.manager, actor, id));

    const issues = passwordProblems(input.newPassword, target.username, 'newPassword');
    if (issues.length) throw weakPassword(issues);
    if (self) await this.checkCurrentPassword(target, input.currentPassword, origin);
    const passwordHash = await this.hasher.hash(input.newPassword);

    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE app_user SET password_hash = $2, password_changed_at = now(), updated_at = now()
          WHERE id = $1`,
        [id, passwordHash],
      );
      await revokeSessions(manager, id, 'password_changed', self ? origin.sessionId : undefined);
      const [unit] = (await manager.query(
        `SELECT o.path FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`,
        [id],
      )) as { path: string }[];
      await this.audit.record(manager, actor, {
        action: self ? 'user.password_change' : 'user.password_reset',
        objectType: 'user',
        objectId: id,
        orgPath: unit?.path ?? null,
      });
    });
  }

  private async checkCurrentPassword(
    user: UserView,
    currentPassword: string | undefined,
    origin: ClientOrigin,
  ): Promise<void> {
    if (!currentPassword) {
      throw CoreError.validation([
        { field: 'currentPassword', message: '修改自己的密码须输入当前密码' },
      ]);
    }
    const attempt = await this.throttle.begin(user.username, origin.ip);
    const [row] = (await this.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [
      user.id,
    ])) as { password_hash: string }[];
    if (!(await this.hasher.verify(row!.password_hash, currentPassword))) {
      await this.throttle.failed(attempt);
      throw new IdentityError(IdentityErrorCode.WrongCurrentPassword, '当前密码不正确', [
        { field: 'currentPassword', message: '当前密码不正确' },
      ]);
    }
    await this.throttle.succeeded(attempt);
  }

  /**
   * Checks jurisdiction (403 for a unit the caller named outside its subtree) and the shape
   * rules (400 with field details); returns the user's unit.
   */
  private async checkShape(
    manager: EntityManager,
    actor: Actor,
    shape: UserShape,
    changed: { unitChanged: boolean; mediatorChanged: boolean },
  ): Promise<UnitFacts | null> {
    const unit = shape.orgUnitId ? await this.unitFacts(manager, shape.orgUnitId) : null;
    const mediator = shape.mediatorId ? await this.mediatorFacts(manager, shape.mediatorId) : null;
    if (changed.unitChanged) {
      if (shape.orgUnitId === null && !isDeploymentWide(actor)) {
        throw new IdentityError(
          IdentityErrorCode.OutsideJurisdiction,
          '只有全区范围的管理员可以创建或设置不属于任何单位的账号',
        );
      }
      if (unit && !reachesPath(actor, unit.path)) {
        throw new IdentityError(
          IdentityErrorCode.OutsideJurisdiction,
          '该组织单位不在您的管辖范围内，只能管理本单位及下级单位的用户',
        );
      }
    }
    const problems = userShapeProblems(shape, { unit, mediator, ...changed });
    if (problems.length) throw CoreError.validation(problems);
    return unit;
  }

  private async unitFacts(manager: EntityManager, id: string): Promise<UnitFacts | null> {
    const [row] = (await manager.query(`SELECT id, path, active FROM org_unit WHERE id = $1`, [
      id,
    ])) as UnitFacts[];
    return row ?? null;
  }

  private async mediatorFacts(manager: EntityManager, id: string): Promise<MediatorFacts | null> {
    const [row] = (await manager.query(
      `SELECT m.id, m.kind, m.active, o.path
         FROM mediator m JOIN org_unit o ON o.id = m.org_unit_id
        WHERE m.id = $1`,
      [id],
    )) as MediatorFacts[];
    return row ?? null;
  }

  private async findInScope(manager: EntityManager, actor: Actor, id: string): Promise<UserRow> {
    const scope = subtreeCondition(actor, 'o.path');
    const row = (await manager
      .createQueryBuilder()
      .select(USER_COLUMNS)
      .from('app_user', 'u')
      .leftJoin('org_unit', 'o', 'o.id = u.org_unit_id')
      .where('u.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .getRawOne()) as UserRow | undefined;
    if (!row) throw new IdentityError(IdentityErrorCode.UserNotFound, '用户不存在');
    return row;
  }

  private async read(manager: EntityManager, id: string): Promise<UserView> {
    const [row] = (await manager.query(
      `SELECT ${USER_COLUMNS} FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id
        WHERE u.id = $1`,
      [id],
    )) as UserRow[];
    if (!row) throw new IdentityError(IdentityErrorCode.UserNotFound, '用户不存在');
    return toUserView(row);
  }

  /** Unique violations raced past the checks become the 409s users should see. */
  private async translateConflicts<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const pg = err instanceof QueryFailedError ? (err.driverError as PgError) : undefined;
      if (pg?.code === '23505' && pg.constraint === 'app_user_username_key') {
        throw new IdentityError(IdentityErrorCode.UsernameTaken, '用户名已被使用', [
          { field: 'username', message: '用户名已被使用' },
        ]);
      }
      if (pg?.code === '23505' && pg.constraint === 'app_user_mediator_id_key') {
        throw new IdentityError(IdentityErrorCode.MediatorAlreadyLinked, '该调解员已关联其他账号', [
          { field: 'mediatorId', message: '该调解员已关联其他账号' },
        ]);
      }
      throw err;
    }
  }
}

interface PgError {
  code?: string;
  constraint?: string;
}

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, Role.Admin)) {
    throw new CoreError(CoreErrorCode.Forbidden, '只有管理员可以管理用户');
  }
}

function weakPassword(details: { field: string; message: string }[]): IdentityError {
  return new IdentityError(IdentityErrorCode.WeakPassword, '密码不符合要求', details);
}

/** Ends a user's live sessions (all but `except`): their access tokens stop working at once. */
async function revokeSessions(
  manager: EntityManager,
  userId: string,
  reason: SessionRevokedReason,
  except?: string,
): Promise<void> {
  await manager.query(
    `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
      WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [userId, reason, except ?? null],
  );
}

/** The fields that differ, as `{ field: { from, to } }`, for the audit log. */
function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { from: before[key], to: after[key] };
    }
  }
  return changes;
}
