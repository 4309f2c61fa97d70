import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { adminQuery, databaseUrl } from './postgres-admin.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A private, migrated database for one test file: a clone of the run's template, so files run
 * in parallel without seeing each other's rows. Dropped by `drop()` or, at the latest, by the
 * run's teardown.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('heqiTemplateDb');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  // Postgres refuses to clone a template that another clone is copying at that instant: retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (err) {
      if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
