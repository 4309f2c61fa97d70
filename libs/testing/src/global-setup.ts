import type { TestProject } from 'vitest/node';
import { Redis } from 'ioredis';
import { runMigrations } from '@heqi/core';
import { TEST_REDIS_URL, adminQuery, databaseUrl } from './postgres-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database that each test file clones (CREATE DATABASE … TEMPLATE). */
    heqiTemplateDb: string;
    /** Prefix shared by every Redis key this run writes. */
    heqiRunPrefix: string;
  }
}

/**
 * One test run = one fresh migrated template database on the machine's Postgres and one Redis
 * key prefix; both are removed when the run ends, whatever its outcome.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = `heqi_test_${process.pid}`;
  await dropRunDatabases(run);
  await adminQuery(`CREATE DATABASE ${run}`);
  await runMigrations(databaseUrl(run), { quiet: true });
  // Template databases must have no open connections while they are cloned.
  project.provide('heqiTemplateDb', run);
  project.provide('heqiRunPrefix', `heqi-test-${process.pid}`);

  return async () => {
    await dropRunDatabases(run);
    await deleteRedisKeys(`heqi-test-${process.pid}`);
  };
}

async function dropRunDatabases(run: string): Promise<void> {
  const { rows } = await adminQuery(
    `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
    [run, `${run}\\_%`],
  );
  for (const { datname } of rows as { datname: string }[]) {
    await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
