import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { type AppConfig, DisputeCategory, type SystemActor } from '@heqi/core';
import { type CaseDraft, CaseChannel, CasesService, type CreatedCase } from '@heqi/cases';
import { DeadlinesService } from '@heqi/deadlines';
import { type DemoNetwork, type DemoNetworkResult, NetworkDemoService } from '@heqi/network';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { bearer, createUser, loginAsAdmin } from './auth.js';
import { startApi, type TestApi } from './test-apps.js';

/** The people of the deadlines tests, each with a token and user id. */
export type WorldUser =
  'admin' | 'supD' | 'supT1' | 'supT2' | 'intakeD' | 'intakeT1' | 'medT1a' | 'medT1b';

/**
 * A test database with the fixture network, the API, and users at district (D) and town (T1,
 * T2) level: supervisors, intake staff, and the users of mediators M-T1a and M-T1b.
 */
export interface DeadlinesWorld {
  db: TestDatabase;
  config: AppConfig;
  api: TestApi;
  sql: pg.Pool;
  dataSource: DataSource;
  net: DemoNetworkResult;
  users: Record<WorldUser, { id: string; token: string }>;
  /** A case as intake creates it (walk-in, wages, at T1 unless told), in its own transaction. */
  createCase(overrides?: Partial<CaseDraft>): Promise<CreatedCase>;
  /** A 12345 case as the push creates it: order claimed, then the case (triage unless told). */
  createHotlineCase(
    overrides?: Partial<CaseDraft>,
    order?: { replyDeadline?: Date | null },
  ): Promise<CreatedCase & { orderNo: string }>;
  /** Makes the mediator (fixture ref) hold the case, as an accepted offer does. */
  holdBy(caseId: string, mediatorRef: string): Promise<void>;
  /** The case's clocks, by kind. */
  clocks(caseId: string): Promise<Record<string, ClockRow>>;
  get(user: WorldUser, path: string): ReturnType<TestApi['http']['get']>;
  post(user: WorldUser, path: string, body?: object): ReturnType<TestApi['http']['post']>;
  close(): Promise<void>;
}

export interface ClockRow {
  id: string;
  kind: string;
  state: string;
  started_at: Date;
  due_at: Date;
  warn_at: Date;
  warned_at: Date | null;
  breached_at: Date | null;
  met_at: Date | null;
  stopped_at: Date | null;
  stop_reason: string | null;
  paused_at: Date | null;
  paused_total_ms: string;
  extension_days: number;
  calendar_unverified: boolean;
}

const INTAKE: SystemActor = { system: 'test-intake' };

export async function startDeadlinesWorld(
  env: Record<string, string> = {},
): Promise<DeadlinesWorld> {
  const db = await createTestDatabase();
  const config = testConfig(db.url, env);
  const api = await startApi(config);
  const sql = new pg.Pool({ connectionString: db.url, max: 4 });
  const dataSource = api.app.get<DataSource>(getDataSourceToken());
  const cases = api.app.get(CasesService);
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/network.json', import.meta.url), 'utf8'),
  ) as DemoNetwork;
  const net = await api.app.get(NetworkDemoService).loadDemoNetwork(fixture);

  const admin = await loginAsAdmin(api);
  const user = async (roles: string[], unit: string, mediator?: string) =>
    createUser(api, admin.accessToken, {
      username: `${roles[0]}.${randomUUID().slice(0, 8)}`,
      displayName: `${unit}${roles.join('+')}`,
      roles,
      orgUnitId: net.units[unit]!,
      ...(mediator ? { mediatorId: net.mediators[mediator]! } : {}),
    });
  const users = {
    admin: { id: admin.user.id, token: admin.accessToken },
    supD: await user(['supervisor'], 'D'),
    supT1: await user(['supervisor'], 'T1'),
    supT2: await user(['supervisor'], 'T2'),
    intakeD: await user(['intake'], 'D'),
    intakeT1: await user(['intake'], 'T1'),
    medT1a: await user(['mediator'], 'T1', 'M-T1a'),
    medT1b: await user(['mediator'], 'T1', 'M-T1b'),
  };

  const draft = (overrides: Partial<CaseDraft>): CaseDraft => ({
    channel: CaseChannel.WalkIn,
    category: DisputeCategory.Wages,
    title: '拖欠工资',
    description: '申请人在东港镇某厂工作，被拖欠工资3万余元。',
    claimants: [{ name: '张三', phone: '13912345678' }],
    employer: { name: '扬州鑫源物流有限公司' },
    amountClaimed: '30000.00',
    workerCount: 1,
    orgUnitId: net.units.T1!,
    triage: false,
    collective: false,
    urgent: false,
    townLevel: false,
    extractedFields: [],
    receivedAt: new Date(),
    routing: { by: 'test' },
    ...overrides,
  });

  return {
    db,
    config,
    api,
    sql,
    dataSource,
    net,
    users,
    createCase: (overrides = {}) =>
      dataSource.transaction((m) => cases.create(m, draft(overrides), INTAKE)),
    createHotlineCase: (overrides = {}, order = {}) => {
      const id = randomUUID();
      const orderNo = `JS12345-${randomUUID().slice(0, 8)}`;
      const d = draft({ id, channel: CaseChannel.Hotline, triage: true, ...overrides });
      return dataSource.transaction(async (m) => {
        await cases.claimHotlineOrder(m, {
          orderNo,
          caseId: id,
          source: 'push',
          keyId: 'dev-12345',
          urgency: 'normal',
          dispatchedAt: d.receivedAt,
          replyDeadline: order.replyDeadline ?? null,
        });
        return { ...(await cases.create(m, d, { system: 'hotline:dev-12345' })), orderNo };
      });
    },
    holdBy: async (caseId, mediatorRef) => {
      await sql.query(
        `UPDATE mediation_case SET mediator_id = $2, status = 'in_mediation' WHERE id = $1`,
        [caseId, net.mediators[mediatorRef]],
      );
    },
    clocks: async (caseId) => {
      const { rows } = await sql.query(
        `SELECT id, kind, state, started_at, due_at, warn_at, warned_at, breached_at, met_at,
                stopped_at, stop_reason, paused_at, paused_total_ms, extension_days,
                calendar_unverified
           FROM case_clock WHERE case_id = $1`,
        [caseId],
      );
      return Object.fromEntries((rows as ClockRow[]).map((r) => [r.kind, r]));
    },
    get: (who, path) =>
      api.http.get(`/api/v1${path}`).set('authorization', bearer(users[who].token)),
    post: (who, path, body) =>
      api.http
        .post(`/api/v1${path}`)
        .set('authorization', bearer(users[who].token))
        .send(body ?? {}),
    close: async () => {
      await sql.end();
      await api.close();
      await db.drop();
    },
  };
}

/** The deadlines service of the API app (what intake and assignment call in their transactions). */
export const deadlinesOf = (world: DeadlinesWorld): DeadlinesService =>
  world.api.app.get(DeadlinesService);
