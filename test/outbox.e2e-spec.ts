import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JobName,
  OutboxRelay,
  PipelineProbes,
  QueueName,
  redisOptions,
  type AppConfig,
} from '@heqi/core';
import {
  PrivateRedis,
  createTestDatabase,
  testConfig,
  waitFor,
  type TestDatabase,
} from '@heqi/testing';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/**
 * The outbox promise: a write never depends on Redis, and every job it implies runs exactly once
 * — even when Redis is stopped at the moment of the write. Uses a Redis of its own.
 */
describe('transactional outbox', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let config: AppConfig;
  let api: TestApi;
  let worker: INestApplicationContext;
  let sql: DataSource;

  const probe = (id: string) =>
    sql
      .query(`SELECT runs, completed_at FROM pipeline_probe WHERE id = $1`, [id])
      .then((rows: { runs: number; completed_at: Date | null }[]) => rows[0]!);
  const completed = (id: string) =>
    waitFor(`probe ${id} completed`, async () => (await probe(id)).completed_at !== null);

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await PrivateRedis.start();
    config = testConfig(db.url, { REDIS_URL: redis.url });
    api = await startApi(config);
    worker = await startWorker(config);
    sql = api.app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await redis?.stop();
    await db?.drop();
  });

  it('relays a committed write to the worker, which applies it once', async () => {
    const { id } = await api.app.get(PipelineProbes).start();
    await completed(id);
    expect(await probe(id)).toMatchObject({ runs: 1 });
    const [row] = await sql.query(
      `SELECT relayed_at FROM outbox_message WHERE payload->>'probeId' = $1`,
      [id],
    );
    expect(row.relayed_at).not.toBeNull();
  });

  it('accepts writes while Redis is down and runs each job exactly once after it returns', async () => {
    await redis.stop();
    await waitFor('health to see Redis down', async () => {
      const res = await api.http.get('/health');
      return res.status === 503 && res.body.redis === 'down' && res.body.postgres === 'up';
    });

    const ids = await Promise.all(
      Array.from({ length: 5 }, async () => (await api.app.get(PipelineProbes).start()).id),
    );
    // The writes committed; their jobs wait in Postgres, not in memory.
    const pending = await sql.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE relayed_at IS NULL`,
    );
    expect(pending[0].n).toBe(5);
    await new Promise((r) => setTimeout(r, 500)); // the relay tries and fails meanwhile
    expect((await api.http.get('/health')).body.outbox.pending).toBe(5);

    await redis.restart();
    for (const id of ids) await completed(id);
    for (const id of ids) expect(await probe(id)).toMatchObject({ runs: 1 });
    await waitFor('health back to 200', async () => (await api.http.get('/health')).status === 200);
    const receipts = await sql.query(
      `SELECT count(*)::int AS n FROM job_receipt WHERE job_key = ANY($1)`,
      [ids.map((id) => `${JobName.PipelineProbe}:${id}`)],
    );
    expect(receipts[0].n).toBe(5);
  });

  it('makes a job delivered twice harmless (idempotent consumer)', async () => {
    const { id } = await api.app.get(PipelineProbes).start();
    await completed(id);
    // Deliver the same job again behind the relay's back, as a retried or duplicated job would.
    const queue = new Queue(QueueName.System, {
      connection: redisOptions(config.redisUrl, 'client'),
      prefix: config.redisPrefix,
    });
    const again = await queue.add(JobName.PipelineProbe, { probeId: id }, { jobId: `dup-${id}` });
    await waitFor('duplicate job finished', async () => (await again.isCompleted()) || undefined);
    await queue.close();
    expect(await probe(id)).toMatchObject({ runs: 1 });
  });

  it('never hands the same row to two relays at once', async () => {
    const [{ before }] = await sql.query(
      `SELECT coalesce(max(id), 0)::bigint AS before FROM outbox_message`,
    );
    await sql.query(
      `INSERT INTO outbox_message (queue_name, job_name, payload)
       SELECT 'system', $1, json_build_object('probeId', gen_random_uuid()) FROM generate_series(1, 200)`,
      [JobName.PipelineProbe],
    );
    // Three relays race the worker's own relay loop for the same rows.
    const relay = worker.get(OutboxRelay);
    const sent = await Promise.all([relay.relayBatch(), relay.relayBatch(), relay.relayBatch()]);
    expect(sent.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(200);
    await waitFor('every row relayed', async () => {
      const [{ n }] = await sql.query(
        `SELECT count(*)::int AS n FROM outbox_message WHERE relayed_at IS NULL`,
      );
      return n === 0;
    });
    // A row handed out twice would have been marked twice.
    const [{ max }] = await sql.query(
      `SELECT max(relay_attempts)::int AS max FROM outbox_message WHERE id > $1`,
      [before],
    );
    expect(max).toBe(1);
  });
});
