import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigFromProcess } from '@heqi/core';
import { DemoModule } from './demo.module.js';
import { DemoSeeder } from './demo-seeder.service.js';
import { printLogins } from './print-logins.js';

/**
 * Loads the demo data into the database of DATABASE_URL (migrated already) and prints the
 * logins. The launcher runs it before the API and worker when started with `--demo`.
 */
async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  const app = await NestFactory.createApplicationContext(DemoModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const result = await app.get(DemoSeeder).seed();
    printLogins(result, config.port);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
