import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** The pg pool TypeORM's Postgres driver reads and writes through (`driver.master`). */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Statement name by text: a text is prepared under one name on every connection. */
const names = new Map<string, string>();

/**
 * Runs `sql` as a named prepared statement on TypeORM's own pool (outside any transaction):
 * Postgres parses, analyses and plans it once per connection instead of on every call. Worth it
 * for large statements run often — a report summary (a few kB of SQL) spent about 1.5 ms of a
 * small scope's 2 ms planning (measured at 2M cases). Only for a bounded set of texts: each
 * distinct text is a statement kept on every connection.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  let name = names.get(sql);
  if (name === undefined) {
    name = `heqi_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  return (await pool.query({ name, text: sql, values: params })).rows as T[];
}
