import 'reflect-metadata';
import { loadConfigFromProcess } from '@heqi/core';
import { createApiApp } from './create-api-app.js';

/** Production entry point of the API (`node dist/apps/api/src/main.js`). */
async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
