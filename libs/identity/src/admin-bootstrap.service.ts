import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, AuditLog, Role } from '@heqi/core';
import { PasswordHasher } from './password-hasher.js';

export const FIRST_ADMIN_USERNAME = 'admin';

/** Any constant will do: it only has to be the same in every API process. */
const BOOTSTRAP_LOCK = 7_363_832_001;

/**
 * Gives a fresh deployment its first admin (`admin`, password from HEQI_ADMIN_PASSWORD) when no
 * active user holds the admin role. Several API processes may start together: a transaction-
 * scoped advisory lock makes them decide one after another, and the insert does nothing if the
 * username is already taken.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAdmin();
  }

  /** Creates the first admin if needed; returns its id when this call created it. */
  async ensureAdmin(): Promise<string | null> {
    // The common case (an admin exists) costs one query and no hashing.
    if (await this.hasActiveAdmin()) return null;
    const passwordHash = await this.hasher.hash(this.config.adminPassword);
    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [BOOTSTRAP_LOCK]);
      if (await this.hasActiveAdmin(manager)) return 'exists' as const;
      const rows = (await manager.query(
        `INSERT INTO app_user (username, password_hash, display_name, roles, org_unit_id)
         VALUES ($1, $2, '系统管理员', $3, NULL)
         ON CONFLICT (username) DO NOTHING
         RETURNING id`,
        [FIRST_ADMIN_USERNAME, passwordHash, [Role.Admin]],
      )) as { id: string }[];
      const id = rows[0]?.id;
      if (!id) return 'taken' as const;
      await this.audit.record(
        manager,
        { system: 'bootstrap' },
        {
          action: 'user.create',
          objectType: 'user',
          objectId: id,
          data: { username: FIRST_ADMIN_USERNAME, roles: [Role.Admin], firstAdmin: true },
        },
      );
      return id;
    });
    if (outcome === 'taken') {
      this.logger.warn(
        `没有可用的管理员账号，且用户名 ${FIRST_ADMIN_USERNAME} 已被占用（可能已停用）：未自动创建管理员`,
      );
      return null;
    }
    if (outcome === 'exists') return null;
    // The password is never logged: it is the operator's HEQI_ADMIN_PASSWORD.
    this.logger.log(`已创建首个管理员账号 ${FIRST_ADMIN_USERNAME}（密码取自 HEQI_ADMIN_PASSWORD）`);
    return outcome;
  }

  private async hasActiveAdmin(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM app_user WHERE active AND roles @> ARRAY['admin']) AS found`,
    )) as { found: boolean }[];
    return row!.found;
  }
}
