import 'reflect-metadata';
import { loadConfigFromProcess, runMigrations } from '@heqi/core';

/**
 * Applies pending migrations and exits: production runs this as its own step before rolling out
 * API and worker copies (docker/compose.yaml's `migrate` service).
 */
async function main(): Promise<void> {
  const applied = await runMigrations(loadConfigFromProcess().databaseUrl);
  console.log(
    JSON.stringify({ msg: 'migrations applied', count: applied.length, migrations: applied }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
