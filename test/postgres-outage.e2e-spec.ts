import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineProbes, runMigrations, type AppConfig } from '@heqi/core';
import { PrivatePostgres, testConfig, waitFor } from '@heqi/testing';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/** The health check's own per-dependency timeout (HealthService) plus room for a slow machine. */
const HEALTH_ANSWER_MS = 2_500;

/**
 * Postgres going away while heqi runs: /health says so (503) without the API or the worker
 * crashing or hanging, and once Postgres is back everything recovers on its own — health,
 * connection pools, the outbox LISTEN connection — and no outbox row is lost or run twice.
 * Uses a Postgres of its own (embedded) and the machine's shared Redis.
 */
describe('Postgres outage', () => {
  let pg: PrivatePostgres;
  let config: AppConfig;
  let api: TestApi;
  let worker: INestApplicationContext;
  let sql: DataSource;
  const crashes: unknown[] = [];
  /** Probes whose write was acknowledged while Postgres was going down. */
  let acknowledged: string[] = [];
  const onCrash = (err: unknown) => crashes.push(err);

  const probe = (id: string) =>
    sql
      .query(`SELECT runs, completed_at FROM pipeline_probe WHERE id = $1`, [id])
      .then((rows: { runs: number; completed_at: Date | null }[]) => rows[0]!);
  const completed = (id: string) =>
    waitFor(`probe ${id} completed`, async () => (await probe(id)).completed_at !== null);
  const unrelayed = async () => {
    const [{ n }] = await sql.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE relayed_at IS NULL`,
    );
    return n as number;
  };
  const timedHealth = async () => {
    const began = performance.now();
    const res = await api.http.get('/health');
    return { res, ms: performance.now() - began };
  };

  beforeAll(async () => {
    // An unhandled 'error' event (pg client, pool, LISTEN connection) surfaces here.
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    pg = await PrivatePostgres.start();
    console.info(`embedded Postgres started in ${Math.round(pg.startMs)} ms`);
    await runMigrations(pg.url, { quiet: true });
    config = testConfig(pg.url);
    api = await startApi(config);
    worker = await startWorker(config);
    sql = api.app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await worker?.close();
    await api?.close();
    await pg?.destroy();
  });

  it('is healthy and runs the pipeline before the outage', async () => {
    const res = await api.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });

    const { id } = await api.app.get(PipelineProbes).start();
    await completed(id);
    expect(await probe(id)).toMatchObject({ runs: 1 });
  });

  it('reports 503 while Postgres is down and keeps answering quickly', async () => {
    // Writes race the shutdown: some commit, some fail; the relay and the worker are mid-way.
    const writes = Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        sleep(i * 5).then(() => api.app.get(PipelineProbes).start()),
      ),
    );
    await sleep(60);
    const began = performance.now();
    await pg.stop();
    acknowledged = (await writes).flatMap((w) => (w.status === 'fulfilled' ? [w.value.id] : []));
    console.info(`${acknowledged.length} of 30 writes racing the shutdown were acknowledged`);
    const down = await waitFor('health to see Postgres down', async () => {
      const res = await api.http.get('/health');
      return res.status === 503 && res.body.postgres === 'down' && res;
    });
    console.info(`/health 503 ${Math.round(performance.now() - began)} ms after stop`);
    expect(down.body).toMatchObject({ status: 'error', postgres: 'down', redis: 'up' });
    expect(down.body.outbox).toBeUndefined();

    // No crash, no hang: every call answers, within the health check's own timeout.
    for (let i = 0; i < 5; i++) {
      const { res, ms } = await timedHealth();
      expect(res.status).toBe(503);
      expect(res.body.postgres).toBe('down');
      expect(ms).toBeLessThan(HEALTH_ANSWER_MS);
    }
    // A write fails with an error instead of hanging the request.
    await expect(api.app.get(PipelineProbes).start()).rejects.toThrow();
    // Give the worker's relay loop and LISTEN connection time to fail and retry a few times.
    await sleep(1_500);
    expect((await timedHealth()).res.status).toBe(503);
  });

  it('recovers once Postgres is back, losing and repeating nothing', async () => {
    const began = performance.now();
    await pg.restart();
    await waitFor(
      'health back to 200',
      async () => (await api.http.get('/health')).status === 200,
      30_000,
    );
    console.info(`/health 200 ${Math.round(performance.now() - began)} ms after restart`);

    const { id } = await api.app.get(PipelineProbes).start();
    await completed(id);
    expect(await probe(id)).toMatchObject({ runs: 1 });
    await waitFor('every outbox row relayed', async () => (await unrelayed()) === 0);

    // Every probe that committed — acknowledged or not — completes, each exactly once. Jobs that
    // failed while Postgres was away come back through BullMQ's retry (2 s, 4 s, … backoff).
    await waitFor(
      'every committed probe completed',
      async () => {
        const [{ n }] = await sql.query(
          `SELECT count(*)::int AS n FROM pipeline_probe WHERE completed_at IS NULL`,
        );
        return n === 0;
      },
      30_000,
    );
    const [totals] = await sql.query(
      `SELECT count(*)::int AS probes, min(runs)::int AS min, max(runs)::int AS max,
              count(*) FILTER (WHERE id = ANY($1::uuid[]))::int AS acknowledged
         FROM pipeline_probe`,
      [acknowledged],
    );
    expect(totals).toMatchObject({ min: 1, max: 1, acknowledged: acknowledged.length });
    const [{ outbox }] = await sql.query(`SELECT count(*)::int AS outbox FROM outbox_message`);
    expect(outbox).toBe(totals.probes);

    // The worker's LISTEN connection came back by itself (it retries every second).
    await waitFor('outbox LISTEN connection back', async () => {
      const [{ n }] = await sql.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN heqi_outbox'`,
      );
      return n === 1;
    });

    const res = await api.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });
    expect(res.body.outbox).toMatchObject({ pending: 0 });
    expect(crashes.map((e) => (e instanceof Error ? e.stack : String(e)))).toEqual([]);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
