import type { DataSourceOptions, MixedList } from 'typeorm';
import { TypeOrmLogger } from './typeorm-logger.js';
import { MIGRATIONS } from './migrations/index.js';

// TypeORM types these lists loosely; a class list is what we pass (never globs: see stack notes).
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function>;

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
      max: 20,
      connectionTimeoutMillis: 3_000,
      application_name: applicationName,
      // Fail a statement rather than hang a request for ever when a lock is held too long.
      statement_timeout: 30_000,
    },
  };
}
