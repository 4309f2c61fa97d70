import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  loadConfigFromProcess,
  runMigrations,
} from '@heqi/core';
import { resolvePostgres } from './local-postgres.js';
import { NoRedisError, resolveRedis } from './local-redis.js';
import { ProcessSupervisor } from './process-supervisor.js';

/**
 * The API's heap, kept small on purpose: it holds no state, and by default V8 lets garbage grow
 * until the RSS passes 350–400 MB under intake load; with these limits it stayed at 185–223 MB
 * in the same benchmark (bench/RESULTS.md, 2026-11-23). The young generation is 16 MB, not 4:
 * at 4 the scavenges took 8% of the API's time under single pushes, at 16 half that, for
 * ~20 MB more RSS. docker/compose.yaml uses the same flags.
 */
const API_NODE_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=16'];

const distApps = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `npm start`: the whole system on one machine. Finds (or starts) Postgres and Redis, applies
 * migrations, then runs the API and the worker as two processes until interrupted.
 */
async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  const redis = await resolveRedis({
    explicitUrl: config.explicit.redisUrl ? config.redisUrl : undefined,
    localUrl: DEFAULT_REDIS_URL,
    dataDir: config.dataDir,
  });
  const postgres = await resolvePostgres({
    explicitUrl: config.explicit.databaseUrl ? config.databaseUrl : undefined,
    localUrl: DEFAULT_DATABASE_URL,
    dataDir: config.dataDir,
  });
  log(`Postgres: ${postgres.source} · Redis: ${redis.source}`);

  const applied = await runMigrations(postgres.url);
  log(`migrations applied: ${applied.length}`);
  const env = { ...process.env, DATABASE_URL: postgres.url, REDIS_URL: redis.url };
  if (process.argv.includes('--demo')) {
    // `npm run demo`: the demo data goes in before the API and worker start, so the worker
    // picks up today's orders as soon as it runs.
    await runToCompletion(join(distApps, 'demo/src/main.js'), env);
  }

  const supervisor = new ProcessSupervisor((code) => {
    void Promise.all([postgres.stop(), redis.stop()]).finally(() => process.exit(code));
  });
  supervisor.start('api', join(distApps, 'api/src/main.js'), env, API_NODE_FLAGS);
  supervisor.start('worker', join(distApps, 'worker/src/main.js'), env);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void supervisor.stop(0));
  }
  log(`heqi 和气 is starting on http://localhost:${config.port} (API docs: /docs)`);
}

/** Runs a one-off step (the demo loader) as a child process and fails if it fails. */
function runToCompletion(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with code ${code}`)),
    );
  });
}

function log(msg: string): void {
  console.log(JSON.stringify({ level: 30, time: Date.now(), context: 'launcher', msg }));
}

main().catch((err: unknown) => {
  console.error(err instanceof NoRedisError ? err.message : err);
  process.exit(1);
});
