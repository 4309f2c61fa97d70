import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/**
 * Applies pending migrations; returns their names. Used by `npm start`, the migrate app and the
 * test set-up (`quiet`: the names are returned, not logged).
 */
export async function runMigrations(
  databaseUrl: string,
  options: { quiet?: boolean } = {},
): Promise<string[]> {
  const ds = new DataSource({
    ...dataSourceOptions(databaseUrl, [], 'heqi-migrate'),
    ...(options.quiet && { logger: 'simple-console', logging: false }),
  });
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
