import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@heqi/core';
import { WorkerModule } from './worker.module.js';

/** Builds the worker as production runs it (no HTTP server); tests start the same thing. */
export async function createWorkerApp(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Finish running jobs and the relay's current batch before exiting on SIGTERM.
  app.enableShutdownHooks();
  return app;
}
