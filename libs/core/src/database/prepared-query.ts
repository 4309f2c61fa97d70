import { createHash } from 'node:crypto';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';

/** What node-postgres answers a query with. */
interface PgResult {
  rows: unknown[];
  rowCount: number | null;
  command: string;
}

/** A pg pool or client: both take a query config with a statement name. */
interface PgQueryable {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<PgResult>;
}

/**
 * Distinct texts that get a name. Each named text is kept by Postgres on every connection that
 * ran it; past this many (a text built from variable parts by mistake), texts run unnamed.
 */
const MAX_NAMED_TEXTS = 1_000;

/** Statement name by text: a text is prepared under one name on every connection. */
const names = new Map<string, string>();

function statementName(sql: string): string | undefined {
  let name = names.get(sql);
  if (name === undefined && names.size < MAX_NAMED_TEXTS) {
    name = `heqi_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs `sql` as a named prepared statement on TypeORM's own pool (outside any transaction):
 * Postgres parses and analyses it once per connection, and plans it once when a generic plan
 * serves. Worth it for large statements run often — a report summary (a few kB of SQL) spent
 * about 1.5 ms of a small scope's 2 ms planning (measured at 2M cases). Only for fixed texts
 * (parameters for every value): each distinct text is a statement kept on every connection.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: PgQueryable }).master;
  return (await pool.query({ name: statementName(sql), text: sql, values: params })).rows as T[];
}

/**
 * `manager.query(sql, params)` as a named prepared statement, on the manager's connection (in
 * its transaction, if any), answering as `manager.query` does (rows; `[rows, count]` for UPDATE
 * and DELETE), failing with its QueryFailedError and logging slow statements as it does.
 *
 * For the statements of the case pipeline (intake, outbox relay, assignment engine), run
 * hundreds of times a second: with unnamed statements Postgres parsed, analysed and planned
 * every one of them afresh, and planning alone took as long as executing
 * (pg_stat_statements, bench/assignment 2026-11-23). Fixed texts only, as for
 * {@link preparedQuery}. A prepared statement's plan outlives schema changes only as long as
 * its result columns do: apps are restarted after migrations, as they are anyway.
 */
export async function queryPrepared(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<any> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  const { logger, options } = manager.connection;
  try {
    const client = (await runner.connect()) as PgQueryable;
    const started = Date.now();
    const raw = await client.query({ name: statementName(sql), text: sql, values: params });
    const took = Date.now() - started;
    if (options.maxQueryExecutionTime && took > options.maxQueryExecutionTime)
      logger.logQuerySlow(took, sql, params, runner);
    return raw.command === 'UPDATE' || raw.command === 'DELETE'
      ? [raw.rows, raw.rowCount]
      : raw.rows;
  } catch (err) {
    if (err instanceof QueryFailedError) throw err;
    logger.logQueryError(err as Error, sql, params, runner);
    throw new QueryFailedError(sql, params, err as Error);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
