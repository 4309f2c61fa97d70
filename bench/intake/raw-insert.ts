import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The yardstick: single-row INSERTs (autocommit) into a table shaped like `hotline_order`, at a
 * given concurrency, from the same machine in the same run. Each is one round trip and one
 * commit — the least a pushed order can cost — so intake's rate is read against it.
 */
export async function rawInsertRate(
  databaseUrl: string,
  count: number,
  concurrency: number,
): Promise<{ perSecond: number; seconds: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS bench_raw_order (
      order_no      text PRIMARY KEY,
      case_id       uuid NOT NULL,
      source        text NOT NULL,
      urgency       text NOT NULL DEFAULT 'normal',
      dispatched_at timestamptz NOT NULL,
      payload       jsonb NOT NULL,
      received_at   timestamptz NOT NULL DEFAULT now()
    )`);
  // Open every connection first: connecting is not what is measured.
  await Promise.all(Array.from({ length: concurrency }, () => pool.query('SELECT 1')));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        await pool.query(
          `INSERT INTO bench_raw_order (order_no, case_id, source, dispatched_at, payload)
           VALUES ($1, $2, 'push', now(), $3)`,
          [`RAW-${randomUUID()}`, randomUUID(), JSON.stringify({ content: '拖欠工资', i })],
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return { perSecond: count / seconds, seconds };
}
