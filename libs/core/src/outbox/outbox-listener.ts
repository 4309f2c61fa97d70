import { Logger } from '@nestjs/common';
import pg from 'pg';

/** The channel the outbox trigger notifies on commit (see the Foundation migration). */
export const OUTBOX_CHANNEL = 'heqi_outbox';

/** The session advisory lock only the listening relay holds (any fixed key of our own). */
const OUTBOX_LISTENER_LOCK = 0x68_65_71_69; // 'heqi'

/** How often a relay that is not listening tries to become the one that is. */
const LISTENER_RETRY_MS = 2_000;

/**
 * Holds one connection and, while this process is the listening relay, `LISTEN heqi_outbox` on
 * it, calling `onNotify` when rows are committed. Reconnects after Postgres goes away; the
 * relay's poll covers the gap, so a lost notification only costs latency.
 *
 * One relay listens at a time (a session advisory lock on this connection), the others poll:
 * when every worker woke on every commit, two relays raced for the same rows and one of them
 * found none — 70% of relay transactions empty at 200 cases/s (bench/assignment). If the
 * listening worker dies, its session ends, the lock is free and another takes it within
 * {@link LISTENER_RETRY_MS}; its poll relays meanwhile.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private leadTimer: NodeJS.Timeout | null = null;
  /** Log the first failure of an outage and the recovery, not every retry in between. */
  private failing = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onNotify: () => void,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.leadTimer) clearTimeout(this.leadTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: 3_000,
    });
    client.on('notification', () => this.onNotify());
    client.on('error', (err) => this.reconnect(client, err));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      this.client = client;
      if (this.failing) this.logger.log('outbox LISTEN connection restored');
      this.failing = false;
      await this.tryToListen(client);
    } catch (err) {
      this.reconnect(client, err);
    }
  }

  /** Listens if no other relay does; otherwise tries again later on the same connection. */
  private async tryToListen(client: pg.Client): Promise<void> {
    this.leadTimer = null;
    if (this.stopped || this.client !== client) return;
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock($1) AS ok`,
        [OUTBOX_LISTENER_LOCK],
      );
      if (!rows[0]!.ok) {
        this.leadTimer = setTimeout(() => void this.tryToListen(client), LISTENER_RETRY_MS);
        this.leadTimer.unref();
        return;
      }
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.onNotify(); // rows may have been committed while we were not listening
    } catch (err) {
      this.reconnect(client, err);
    }
  }

  private reconnect(client: pg.Client, err?: unknown): void {
    if (this.stopped || (this.client && this.client !== client)) return;
    this.client = null;
    if (this.leadTimer) clearTimeout(this.leadTimer);
    this.leadTimer = null;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (err && !this.failing) this.logger.warn(`outbox LISTEN connection lost: ${String(err)}`);
    this.failing = true;
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, 1_000);
  }
}
