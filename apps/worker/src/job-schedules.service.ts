import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, QueueName } from '@heqi/core';

/**
 * Registers the periodic jobs. Upserting a scheduler is idempotent, so every worker copy does it
 * at start-up; if Redis is away then, it retries in the background instead of blocking start-up.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);
  private retry: NodeJS.Timeout | null = null;

  constructor(@InjectQueue(QueueName.System) private readonly system: Queue) {}

  onApplicationBootstrap(): void {
    void this.register();
  }

  private async register(): Promise<void> {
    try {
      await this.system.upsertJobScheduler(
        JobName.OutboxPurge,
        { pattern: '17 3 * * *', tz: 'Asia/Shanghai' },
        { name: JobName.OutboxPurge, data: {} },
      );
    } catch (err) {
      this.logger.warn(`job schedules not registered yet, retrying: ${String(err)}`);
      this.retry = setTimeout(() => void this.register(), 5_000);
      this.retry.unref();
    }
  }
}
