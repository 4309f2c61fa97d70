import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue, type JobsOptions } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/index.js';
import { DEFAULT_JOB_OPTIONS, QueueName, redisOptions } from '../queue/index.js';
import { OutboxListener } from './outbox-listener.js';

interface PendingRow {
  id: string;
  queue_name: QueueName;
  job_name: string;
  payload: Record<string, unknown>;
  job_id: string | null;
  run_at: Date | null;
}

const BATCH_SIZE = 500;
const REDIS_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * Moves committed outbox rows into BullMQ. Runs in every worker process: `FOR UPDATE SKIP
 * LOCKED` lets several relays share the table without sending a row twice at the same time,
 * and a row is marked relayed in the same transaction that locked it, after Redis accepted it.
 * If the mark fails after Redis accepted the job, the row is sent again with the same jobId,
 * which BullMQ ignores while it keeps the job; handlers are idempotent for the rest.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<string, Queue>();
  private readonly listener: OutboxListener;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pendingWake = false;
  private failing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.listener = new OutboxListener(config.databaseUrl, () => this.poke());
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.listener.start();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    await this.listener.stop();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  /** Relays one batch; returns how many rows went to BullMQ. Exposed for tests and benches. */
  async relayBatch(): Promise<number> {
    let relayedIds: string[] = [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Marked in the statement that claims them, and committed only once BullMQ has them: a
        // failed send rolls the mark back (one round trip fewer than claim, send, then mark).
        // TypeORM answers an UPDATE with [rows, count].
        const [claimed] = (await manager.query(
          `UPDATE outbox_message SET relayed_at = now(), relay_attempts = relay_attempts + 1,
                  last_error = NULL
            WHERE id IN (SELECT id FROM outbox_message WHERE relayed_at IS NULL
                          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING id, queue_name, job_name, payload, job_id, run_at`,
          [BATCH_SIZE],
        )) as [PendingRow[], number];
        if (claimed.length === 0) return 0;
        // RETURNING has no order; jobs go to BullMQ in the order they were written.
        const rows = claimed.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        relayedIds = rows.map((r) => r.id);
        await this.send(rows);
        return rows.length;
      });
    } catch (err) {
      await this.recordFailure(relayedIds, err);
      throw err;
    }
  }

  /** Deletes rows relayed more than `days` ago; returns how many. */
  async purgeRelayed(days: number): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM outbox_message WHERE relayed_at < now() - make_interval(days => $1)`,
      [days],
    )) as [unknown, number];
    return deleted;
  }

  private async send(rows: PendingRow[]): Promise<void> {
    const byQueue = new Map<string, PendingRow[]>();
    for (const row of rows)
      byQueue.set(row.queue_name, [...(byQueue.get(row.queue_name) ?? []), row]);
    const now = Date.now();
    await withTimeout(
      Promise.all(
        [...byQueue].map(([queueName, group]) =>
          this.queue(queueName).addBulk(
            group.map((r) => ({
              name: r.job_name,
              data: r.payload,
              opts: {
                jobId: r.job_id ?? `outbox-${r.id}`,
                delay: r.run_at ? Math.max(0, new Date(r.run_at).getTime() - now) : undefined,
              } satisfies JobsOptions,
            })),
          ),
        ),
      ),
      REDIS_TIMEOUT_MS,
    );
  }

  private async recordFailure(ids: string[], err: unknown): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource
      .query(
        `UPDATE outbox_message SET relay_attempts = relay_attempts + 1, last_error = $2
          WHERE id = ANY($1::bigint[])`,
        [ids, String(err).slice(0, 500)],
      )
      .catch(() => undefined); // Postgres may be the one that is down; the row stays pending
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: redisOptions(this.config.redisUrl, 'client'),
        prefix: this.config.redisPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      queue.on('error', () => undefined); // reported by the relay loop, not per connection event
      this.queues.set(name, queue);
    }
    return queue;
  }

  private poke(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 250;
    while (this.running) {
      this.pendingWake = false;
      try {
        const sent = await this.relayBatch();
        if (this.failing) this.logger.log('outbox relay recovered');
        this.failing = false;
        backoff = 250;
        if (sent === BATCH_SIZE) continue; // more waiting: do not sleep
        await this.sleep(this.config.outboxPollMs);
      } catch (err) {
        if (!this.failing) this.logger.warn(`outbox relay paused, will retry: ${String(err)}`);
        this.failing = true;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
