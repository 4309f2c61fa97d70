import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { type DemoNetwork, type DemoNetworkResult, NetworkDemoService } from '@heqi/network';
import {
  createTestDatabase,
  FakeHotlinePlatform,
  type HotlineKey,
  testConfig,
  type TestDatabase,
} from '@heqi/testing';
import { createUser, loginAsAdmin } from './auth.js';
import { startApi, startWorker, type TestApi } from './test-apps.js';

const network = JSON.parse(
  readFileSync(new URL('../fixtures/network.json', import.meta.url), 'utf8'),
) as DemoNetwork;

/** heqi with the 12345 platform on both sides: the API and worker, and a fake platform. */
export interface HotlineWorld {
  api: TestApi;
  worker: INestApplicationContext;
  /** Receives heqi's replies, signed with {@link out}. */
  platform: FakeHotlinePlatform;
  sql: pg.Pool;
  net: DemoNetworkResult;
  /** The platform's key: signs pushes and 回访. */
  key: HotlineKey;
  /** heqi's own key for its replies. */
  out: HotlineKey;
  adminToken: string;
  /** A supervisor of the whole district. */
  supervisorToken: string;
  close(): Promise<void>;
}

/**
 * A fresh database with the fixture network, the fake 12345 platform as `HOTLINE_CALLBACK_URL`,
 * the API and the worker, and a district supervisor. `name` keeps each spec's keys apart.
 */
export async function startHotlineWorld(name: string): Promise<HotlineWorld> {
  const key: HotlineKey = { keyId: `${name}-12345`, secret: `${name}-hotline-secret-0123456789` };
  const out: HotlineKey = { keyId: `heqi-${name}`, secret: `${name}-heqi-out-secret-0123456789` };
  const db: TestDatabase = await createTestDatabase();
  const platform = await new FakeHotlinePlatform(out.keyId, out.secret).start();
  const config = testConfig(db.url, {
    HEQI_HOTLINE_KEYS: `${key.keyId}:${key.secret}`,
    HEQI_HOTLINE_OUT_KEY: `${out.keyId}:${out.secret}`,
    HOTLINE_CALLBACK_URL: platform.url,
  });
  const api = await startApi(config);
  const worker = await startWorker(config);
  const sql = new pg.Pool({ connectionString: db.url, max: 4 });
  const net = await api.app.get(NetworkDemoService).loadDemoNetwork(network);
  const adminToken = (await loginAsAdmin(api)).accessToken;
  const { token: supervisorToken } = await createUser(api, adminToken, {
    username: `${name}.sup.${randomUUID().slice(0, 6)}`,
    roles: ['supervisor'],
    orgUnitId: net.units.D!,
  });
  return {
    api,
    worker,
    platform,
    sql,
    net,
    key,
    out,
    adminToken,
    supervisorToken,
    async close() {
      await worker.close();
      await api.close();
      await platform.stop();
      await sql.end();
      await db.drop();
    },
  };
}
