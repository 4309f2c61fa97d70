import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  type AppConfig,
  AuditModule,
  ConfigModule,
  DatabaseModule,
  PiiCipher,
  PiiModule,
  Role,
} from '@heqi/core';
import { NetworkDemoService } from '../demo/network-demo.service.js';
import { NetworkImportService } from '../import/network-import.service.js';
import { MediatorsService } from '../mediators.service.js';
import { NetworkModule } from '../network.module.js';
import type { OrgUnit } from '../org-unit.entity.js';
import { OrgUnitsService } from '../org-units.service.js';

/**
 * The network context wired by Nest exactly as the apps wire it (global audit and PII modules),
 * on a test database, for the lib's integration specs. Not exported from the lib's index.
 */
export interface NetworkTestContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  units: OrgUnitsService;
  mediators: MediatorsService;
  imports: NetworkImportService;
  demo: NetworkDemoService;
  cipher: PiiCipher;
  close(): Promise<void>;
}

export async function startNetworkContext(config: AppConfig): Promise<NetworkTestContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), DatabaseModule, AuditModule, PiiModule, NetworkModule],
  }).compile();
  moduleRef.useLogger(false);
  const app = await moduleRef.init();
  return {
    app,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    units: app.get(OrgUnitsService),
    mediators: app.get(MediatorsService),
    imports: app.get(NetworkImportService),
    demo: app.get(NetworkDemoService),
    cipher: app.get(PiiCipher),
    close: () => app.close(),
  };
}

let userCounter = 0;

/** A signed-in user as the auth guard would build it, homed at `unit` (null: deployment-wide). */
export function actor(
  roles: Role[],
  unit: Pick<OrgUnit, 'id' | 'path'> | null = null,
  mediatorId: string | null = null,
): Actor {
  userCounter++;
  return {
    userId: `00000000-0000-4000-8000-${String(userCounter).padStart(12, '0')}`,
    username: `${roles.join('+')}-${userCounter}`,
    roles,
    orgUnitId: unit?.id ?? null,
    orgPath: unit?.path ?? null,
    mediatorId,
  };
}

export const ADMIN = actor([Role.Admin]);

/**
 * Units whose path or depth disagrees with their parent's: the tree invariant every write must
 * keep. Empty when the tree is consistent.
 */
export async function brokenPaths(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(`
    SELECT c.name FROM org_unit c LEFT JOIN org_unit p ON p.id = c.parent_id
     WHERE c.path <> coalesce(p.path, '/') || c.id || '/'
        OR c.depth <> coalesce(p.depth, 0) + 1`);
  return rows.map((r) => r.name);
}
