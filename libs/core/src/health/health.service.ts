import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/index.js';
import { redisOptions } from '../queue/index.js';

const CHECK_TIMEOUT_MS = 1_500;

export type DependencyState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'error';
  postgres: DependencyState;
  redis: DependencyState;
  /** Jobs written but not yet handed to Redis; grows while Redis is away. */
  outbox?: { pending: number; oldestPendingSeconds: number | null };
}

/** Answers "can heqi do its work right now": Postgres and Redis both reachable. */
@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.redis = new Redis({ ...redisOptions(config.redisUrl, 'client'), lazyConnect: true });
    this.redis.on('error', () => undefined); // state is reported by check(), not by events
    void this.redis.connect().catch(() => undefined);
  }

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.pingRedis()),
    ]);
    const report: HealthReport = {
      status: postgres === 'up' && redis === 'up' ? 'ok' : 'error',
      postgres,
      redis,
    };
    if (postgres === 'up') report.outbox = await this.outboxBacklog().catch(() => undefined);
    return report;
  }

  /** PING, first waiting (within the probe's timeout) for a connection still being made. */
  private async pingRedis(): Promise<unknown> {
    if (this.redis.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.redis.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, CHECK_TIMEOUT_MS);
        this.redis.once('ready', done);
      });
    }
    return this.redis.ping();
  }

  private async outboxBacklog(): Promise<HealthReport['outbox']> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending,
              extract(epoch FROM now() - min(created_at))::int AS oldest
         FROM outbox_message WHERE relayed_at IS NULL`,
    )) as { pending: number; oldest: number | null }[];
    return { pending: row!.pending, oldestPendingSeconds: row!.oldest };
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

async function probe(check: () => Promise<unknown>): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
