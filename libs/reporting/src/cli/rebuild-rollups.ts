import 'reflect-metadata';
import pg from 'pg';
import { loadConfigFromProcess } from '@heqi/core';
import { RollupEngine, pgInTransaction } from '../rollups/rollup-engine.js';

/**
 * `npm run rollups:rebuild`: recomputes every report fact and rollup row from the cases table in
 * one transaction (drains wait; readers see the old figures until the commit).
 */
async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: loadConfigFromProcess().databaseUrl, max: 1 });
  try {
    const engine = new RollupEngine(pgInTransaction(pool));
    const started = Date.now();
    const result = await engine.rebuild();
    console.log(JSON.stringify({ msg: 'rollups rebuilt', ms: Date.now() - started, ...result }));
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
