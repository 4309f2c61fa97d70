import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** The pg pool TypeORM's Postgres driver reads and writes through (`driver.master`). */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Statement name by text: a text is prepared under one name on every connection. */
const names = new Map<string, string>();

/**
 * Runs `sql` as a named prepared statement on TypeORM's own pool: Postgres parses, analyses and
 * plans a summary statement (a few kB of SQL) once per connection instead of on every request —
 * about 1.5 ms of a small scope's 2 ms (measured at 2M cases). The texts come from a handful of
 * shapes (scope × grouping × how the period splits), so the names stay few.
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
