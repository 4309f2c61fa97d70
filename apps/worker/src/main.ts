import 'reflect-metadata';
import { loadConfigFromProcess } from '@heqi/core';
import { createWorkerApp } from './create-worker-app.js';

/** Production entry point of the worker (`node dist/apps/worker/src/main.js`). */
async function main(): Promise<void> {
  const app = await createWorkerApp(loadConfigFromProcess());
  await app.init();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
