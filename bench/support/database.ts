import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import {
  AuditModule,
  ConfigModule,
  DatabaseModule,
  PiiModule,
  loadConfig,
  runMigrations,
} from '@heqi/core';
import { type DemoNetwork, NetworkDemoService, NetworkModule } from '@heqi/network';

/** A fresh, migrated database for one bench run; `drop()` removes it. */
export interface BenchDatabase {
  name: string;
  url: string;
  admin: pg.Client;
  drop(): Promise<void>;
}

export async function createBenchDatabase(adminUrl: string, label: string): Promise<BenchDatabase> {
  const name = `heqi_bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  await runMigrations(url, { quiet: true });
  return {
    name,
    url,
    admin,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Loads a network with the network lib's demo loader (as `npm run demo` does). */
export async function loadNetwork(databaseUrl: string, network: DemoNetwork): Promise<void> {
  @Module({
    imports: [
      ConfigModule.forRoot(loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' })),
      DatabaseModule,
      AuditModule,
      PiiModule,
      NetworkModule,
    ],
  })
  class LoaderModule {}
  const app = await NestFactory.createApplicationContext(LoaderModule, { logger: false });
  await app.get(NetworkDemoService).loadDemoNetwork(network);
  await app.close();
}

export async function postgresVersion(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ v: string }>(
    `SELECT current_setting('server_version') AS v`,
  );
  return rows[0]!.v;
}
