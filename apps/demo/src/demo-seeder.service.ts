import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, PiiCipher, Role } from '@heqi/core';
import { UsersService } from '@heqi/identity';
import { IntakeService } from '@heqi/intake';
import { type DemoNetwork, NetworkDemoService } from '@heqi/network';
import { RollupsService } from '@heqi/reporting';
import { DEMO_MARKER_USERNAME, DEMO_PASSWORD, type DemoLogin, demoLogins } from './demo-logins.js';
import { DEMO_PROFILES } from './demo-profiles.js';
import { writeHistory } from './history/history-writer.js';
import { type HistoryNetwork, syntheticHistory } from './history/synthetic-history.js';

/** apps/demo/data, found from here both in the sources (tests) and in dist/ (npm run demo). */
const DATA_DIR = findUp('apps/demo/data/', new URL('.', import.meta.url));
/** How many of the fixture orders arrive "today", to be offered and worked in the console. */
const LIVE_ORDERS = 16;

export interface DemoSeedResult {
  seeded: boolean;
  cases: number;
  logins: (DemoLogin & { password: string })[];
}

/**
 * `npm run demo`: loads the fixture network (南湖区, three towns), a login per role, a year of
 * closed cases and today's 12345 orders, which the worker offers to mediators once it runs.
 * Runs once per database: a second start finds the demo users and only prints the logins.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PiiCipher) private readonly cipher: PiiCipher,
    @Inject(NetworkDemoService) private readonly networks: NetworkDemoService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(IntakeService) private readonly intake: IntakeService,
    @Inject(RollupsService) private readonly rollups: RollupsService,
  ) {}

  async seed(now = new Date()): Promise<DemoSeedResult> {
    const fixture = JSON.parse(
      await readFile(new URL('network.json', DATA_DIR), 'utf8'),
    ) as DemoNetwork;
    const demo = demoLogins(fixture);
    const logins = [
      {
        username: 'admin',
        displayName: '系统管理员',
        roleCode: Role.Admin,
        role: '管理员',
        unitRef: '',
        unit: '全部',
        password: this.config.adminPassword,
      },
      ...demo.map((l) => ({ ...l, password: DEMO_PASSWORD })),
    ];
    const [seeded] = (await this.dataSource.query(`SELECT 1 FROM app_user WHERE username = $1`, [
      DEMO_MARKER_USERNAME,
    ])) as unknown[];
    if (seeded) return { seeded: false, cases: 0, logins };

    const net = await this.networks.loadDemoNetwork(fixture);
    const admin = await this.adminActor();
    const mediatorUsers: Record<string, { id: string; name: string }> = {};
    for (const login of demo) {
      const user = await this.users.create(admin, {
        username: login.username,
        password: DEMO_PASSWORD,
        displayName: login.displayName,
        roles: [login.roleCode],
        orgUnitId: net.units[login.unitRef]!,
        mediatorId: login.mediatorRef ? net.mediators[login.mediatorRef]! : null,
      });
      if (login.mediatorRef)
        mediatorUsers[login.mediatorRef] = { id: user.id, name: login.displayName };
    }

    const history = syntheticHistory(historyNetwork(fixture), DEMO_PROFILES, now);
    const district = fixture.units.find((u) => u.level === 'district')!;
    await this.dataSource.transaction((manager) =>
      writeHistory(manager, this.cipher, history, {
        districtId: net.units[district.ref]!,
        districtName: district.name,
        unitIds: net.units,
        unitNames: Object.fromEntries(fixture.units.map((u) => [u.ref, u.name])),
        mediatorIds: net.mediators,
        mediatorUsers,
      }),
    );
    const live = await this.pushTodaysOrders(now);
    // The year's figures in one pass rather than case by case through the worker's drain.
    await this.rollups.rebuild();
    this.logger.log(`demo loaded: ${history.length} closed cases, ${live} orders today`);
    return { seeded: true, cases: history.length + live, logins };
  }

  /** A slice of the fixture orders as if dispatched this morning, through the real intake. */
  private async pushTodaysOrders(now: Date): Promise<number> {
    const lines = (await readFile(new URL('hotline-orders.jsonl', DATA_DIR), 'utf8'))
      .split('\n')
      .filter((l) => l.trim());
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    const orders = lines.slice(0, LIVE_ORDERS).map((line, i) => {
      const { order } = JSON.parse(line) as { order: Record<string, unknown> };
      return {
        ...order,
        orderNo: `NH12345-${day}-${String(900_001 + i)}`,
        dispatchedAt: new Date(now.getTime() - (LIVE_ORDERS - i) * 20 * 60_000).toISOString(),
      };
    });
    const { results } = await this.intake.receiveHotlineBatch({ keyId: 'demo' }, orders);
    return results.filter((r) => 'caseId' in r && r.caseId).length;
  }

  private async adminActor() {
    const [row] = (await this.dataSource.query(
      `SELECT id, username FROM app_user WHERE $1 = ANY(roles) ORDER BY created_at LIMIT 1`,
      [Role.Admin],
    )) as { id: string; username: string }[];
    if (!row) throw new Error('no admin user: the API bootstraps one from HEQI_ADMIN_PASSWORD');
    return {
      userId: row.id,
      username: row.username,
      roles: [Role.Admin],
      orgUnitId: null,
      orgPath: null,
      mediatorId: null,
    };
  }
}

/** The fixture network as the history generator sees it. */
function historyNetwork(fixture: DemoNetwork): HistoryNetwork {
  const childrenOf = (ref: string, level: string) =>
    fixture.units.filter((u) => u.parent === ref && u.level === level);
  const mediatorsByUnit: Record<string, string[]> = {};
  for (const m of fixture.mediators) (mediatorsByUnit[m.unit] ??= []).push(m.ref);
  const towns = fixture.units.filter((u) => u.level === 'town');
  return {
    towns: towns.map((town) => {
      const villages = childrenOf(town.ref, 'village');
      return {
        ref: town.ref,
        name: town.name,
        villages: villages.map((v) => ({ ref: v.ref, name: v.name })),
        enterprises: villages.flatMap((v) =>
          childrenOf(v.ref, 'enterprise').map((e) => ({
            ref: e.ref,
            name: e.name,
            creditCode: e.creditCode ?? '',
            villageRef: v.ref,
          })),
        ),
      };
    }),
    mediatorsByUnit,
    lawyers: fixture.mediators.filter((m) => m.kind === 'volunteer_lawyer').map((m) => m.ref),
  };
}

function findUp(relative: string, from: URL): URL {
  for (let dir = from; ; dir = new URL('..', dir)) {
    const candidate = new URL(relative, dir);
    if (existsSync(candidate)) return candidate;
    if (dir.pathname === '/') throw new Error(`${relative} not found above ${from.pathname}`);
  }
}
