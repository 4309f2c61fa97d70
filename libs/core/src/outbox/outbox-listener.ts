import { Logger } from '@nestjs/common';
import pg from 'pg';

/** The channel the outbox trigger notifies on commit (see the Foundation migration). */
export const OUTBOX_CHANNEL = 'heqi_outbox';

/**
 * Holds one `LISTEN heqi_outbox` connection and calls `onNotify` when rows are committed.
 * Reconnects after Postgres goes away; the relay's poll covers the gap, so a lost
 * notification only costs latency.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
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
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.client = client;
      if (this.failing) this.logger.log('outbox LISTEN connection restored');
      this.failing = false;
      this.onNotify(); // rows may have been committed while we were not listening
    } catch (err) {
      this.reconnect(client, err);
    }
  }

  private reconnect(client: pg.Client, err?: unknown): void {
    if (this.stopped || (this.client && this.client !== client)) return;
    this.client = null;
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
