import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import supertest from 'supertest';
import type { AppConfig } from '@heqi/core';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app.js';

export interface TestApi {
  app: INestApplication;
  http: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

/** The real API application, listening on an ephemeral port on 127.0.0.1. */
export async function startApi(config: AppConfig): Promise<TestApi> {
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  return { app, http: supertest(app.getHttpServer()), close: () => app.close() };
}

/** The real worker: outbox relay plus every processor, against the config's Redis. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await createWorkerApp(config);
  await worker.init();
  return worker;
}
