import pg from 'pg';
import type { DataSourceOptions, MixedList } from 'typeorm';
import { TypeOrmLogger } from './typeorm-logger.js';
import { MIGRATIONS } from './migrations/index.js';

// TypeORM types these lists loosely; a class list is what we pass (never globs: see stack notes).
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function>;

/**
 * pg-pool drops its 'error' listener while a client is checked out, and TypeORM adds its own a
 * microtask later; a connection terminated as it is established (Postgres restarting) emits
 * 'error' in that gap, which would kill the process (node-postgres #2762). The query still fails
 * and the pool drops the client: only the crash is prevented.
 */
class GuardedPgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/**
 * The one set of connection options shared by the API, the worker, the migration runner and the
 * tests. `synchronize` is off everywhere: the schema changes only through reviewed migrations.
 */
export function dataSourceOptions(
  databaseUrl: string,
  entities: EntityList = [],
  applicationName = 'heqi',
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: new TypeOrmLogger(),
    maxQueryExecutionTime: 1_000,
    extra: {
      Client: GuardedPgClient,
      max: 20,
      connectionTimeoutMillis: 3_000,
      application_name: applicationName,
      // Fail a statement rather than hang a request for ever when a lock is held too long.
      statement_timeout: 30_000,
    },
  };
}
