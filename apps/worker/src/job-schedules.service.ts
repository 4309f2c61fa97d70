import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig, JobName, QueueName } from '@heqi/core';

/**
 * Registers the periodic jobs. Upserting a scheduler is idempotent, so every worker copy does it
 * at start-up; if Redis is away then, it retries in the background instead of blocking start-up.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);
  private retry: NodeJS.Timeout | null = null;

  constructor(
    @InjectQueue(QueueName.System) private readonly system: Queue,
    @InjectQueue(QueueName.Assignment) private readonly assignment: Queue,
    @InjectQueue(QueueName.Deadlines) private readonly deadlines: Queue,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

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
      // Lapses offers whose expiry job was lost and retries cases nobody could take (a mediator
      // back from leave, capacity freed): see AssignmentSweepService.
      await this.assignment.upsertJobScheduler(
        JobName.AssignmentSweep,
        { every: this.config.assignment.sweepMs },
        { name: JobName.AssignmentSweep, data: {} },
      );
      // Re-derives due warnings and breaches from Postgres: a delayed job lost in Redis or fired
      // early changes nothing (see ClockFiring).
      await this.deadlines.upsertJobScheduler(
        JobName.DeadlineSweep,
        { every: this.config.deadlines.sweepMs },
        { name: JobName.DeadlineSweep, data: {} },
      );
    } catch (err) {
      this.logger.warn(`job schedules not registered yet, retrying: ${String(err)}`);
      this.retry = setTimeout(() => void this.register(), 5_000);
      this.retry.unref();
    }
  }
}
