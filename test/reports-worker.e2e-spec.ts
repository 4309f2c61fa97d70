import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoNetwork, type DemoNetworkResult, NetworkDemoService } from '@heqi/network';
import { type InTransaction, RollupEngine } from '@heqi/reporting';
import { createTestDatabase, testConfig, type TestDatabase, waitFor } from '@heqi/testing';
import { bearer, loginAsAdmin } from './support/auth.js';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/**
 * The worker keeps the report figures by itself: its periodic `reporting.drain` job folds the
 * cases the triggers marked dirty into the rollups, and leaves no mark behind.
 */
describe('reports through the worker', () => {
  let db: TestDatabase;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let sql: pg.Pool;
  let net: DemoNetworkResult;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url);
    api = await startApi(config);
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
    const fixture = JSON.parse(
      readFileSync(new URL('./fixtures/network.json', import.meta.url), 'utf8'),
    ) as DemoNetwork;
    net = await api.app.get(NetworkDemoService).loadDemoNetwork(fixture);
    token = (await loginAsAdmin(api)).accessToken;
    worker = await startWorker(config);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await sql?.end();
    await api?.close();
    await db?.drop();
  });

  const total = async () => {
    const res = await api.http
      .get(`/api/v1/reports/summary?orgUnitId=${net.units.T2}&from=2026-01-01&to=2026-12-31`)
      .set('authorization', bearer(token));
    expect(res.status).toBe(200);
    return res.body.total as { received: number; closed: number; settled: number };
  };

  it('folds a closed case into the figures, then its reopening', async () => {
    const { rows } = await sql.query(
      `INSERT INTO mediation_case (case_no, channel, status, outcome, category, description,
                                   org_unit_id, district_id, mediator_id, received_at, closed_at)
       VALUES ('RPT-W1', 'walk_in', 'closed', 'settled', 'wages', '报表测试', $1, $2, $3,
               '2026-05-01T02:00:00Z', '2026-05-03T02:00:00Z')
       RETURNING id`,
      [net.units.T2V1, net.units.D, net.mediators['M-T2V1']],
    );
    await waitFor('the drain to count the case', async () => (await total()).closed === 1, 30_000);
    expect(await total()).toMatchObject({ received: 1, closed: 1, settled: 1 });

    await sql.query(
      `UPDATE mediation_case SET status = 'in_mediation', outcome = NULL, closed_at = NULL,
              reopen_count = 1 WHERE id = $1`,
      [rows[0].id],
    );
    await waitFor(
      'the drain to take the reopened case out',
      async () => (await total()).closed === 0,
      30_000,
    );
    expect(await total()).toMatchObject({ received: 1, closed: 0, settled: 0 });
    await waitFor(
      'no dirty marks left',
      async () => (await sql.query(`SELECT count(*)::int AS n FROM report_dirty`)).rows[0].n === 0,
    );
  });

  it('never makes a case change wait for a drain folding that case', async () => {
    // A drain that has claimed and folded a new case, held open just before its commit. The
    // worker's own drain may take the case first (it runs every few seconds): then try again.
    let held: HeldDrain | undefined;
    let caseId = '';
    for (let attempt = 1; attempt <= 5 && !held; attempt++) {
      const { rows } = await sql.query(
        `INSERT INTO mediation_case (case_no, channel, status, category, description,
                                     org_unit_id, district_id, received_at)
         VALUES ($1, 'walk_in', 'queued', 'wages', '报表测试', $2, $3, '2026-06-01T02:00:00Z')
         RETURNING id`,
        [`RPT-W2-${attempt}`, net.units.T2V2, net.units.D],
      );
      caseId = rows[0].id as string;
      const drain = await holdDrainBeforeCommit(sql);
      if (drain.claimed.includes(caseId)) held = drain;
      else await drain.commit();
    }
    expect(held, 'a drain holding the case').toBeDefined();

    // The engine offering the case, say: must not wait for that drain's commit.
    const client = await sql.connect();
    try {
      await client.query(`SET statement_timeout = '3s'`);
      await client.query(
        `UPDATE mediation_case SET status = 'closed', outcome = 'settled',
                closed_at = '2026-06-03T02:00:00Z' WHERE id = $1`,
        [caseId],
      );
    } finally {
      client.release();
    }
    await held!.commit();
    // The change came after the drain read the case: the next drain folds it.
    await waitFor(
      'the change to reach the figures',
      async () => (await total()).settled === 1,
      30_000,
    );
  });
});

interface HeldDrain {
  /** Case ids the drain folded. */
  claimed: string[];
  commit(): Promise<void>;
}

/** Runs one drain batch on its own connection and stops before COMMIT until told to commit. */
async function holdDrainBeforeCommit(sql: pg.Pool): Promise<HeldDrain> {
  const client = await sql.connect();
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let claimed!: (ids: string[]) => void;
  const folded = new Promise<string[]>((r) => (claimed = r));
  const inTransaction: InTransaction = async (work) => {
    await client.query('BEGIN');
    const ids: string[] = [];
    let out;
    try {
      out = await work(async (text, params) => {
        const result = await client.query(text, params);
        if (text.includes('FROM report_dirty') && text.includes('FOR UPDATE')) {
          ids.push(...result.rows.map((r: { case_id: string }) => r.case_id));
        }
        return result.rows;
      });
    } finally {
      claimed(ids);
    }
    await released;
    await client.query('COMMIT');
    return out;
  };
  const draining = new RollupEngine(inTransaction)
    .drain({ maxBatches: 1 })
    .finally(() => client.release());
  return {
    claimed: await folded,
    commit: async () => {
      release();
      await draining;
    },
  };
}
