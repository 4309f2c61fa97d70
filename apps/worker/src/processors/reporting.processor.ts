import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { HandlesJob, JobDispatcher, JobName, QueueName, QueueProcessor } from '@heqi/core';
import { type DrainResult, RollupsService } from '@heqi/reporting';

/** How often the drain runs: report figures trail the cases by about this much. */
export const REPORTING_DRAIN_EVERY_MS = 5_000;

/**
 * Report rollups: folds the cases the database triggers marked dirty into the pre-aggregated
 * figures. One job at a time per worker (several workers are safe: each batch claims its cases
 * with SKIP LOCKED); a job that finds nothing dirty does nothing, so repeats are harmless.
 */
@QueueProcessor(QueueName.Reporting, { concurrency: 1 })
export class ReportingProcessor extends JobDispatcher implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportingProcessor.name);
  private retry: NodeJS.Timeout | null = null;

  constructor(
    @Inject(RollupsService) private readonly rollups: RollupsService,
    @InjectQueue(QueueName.Reporting) private readonly queue: Queue,
  ) {
    super();
  }

  @HandlesJob(JobName.ReportingDrain)
  drain(): Promise<DrainResult> {
    return this.rollups.drain();
  }

  onApplicationBootstrap(): void {
    void this.schedule();
  }

  /** Upserting the scheduler is idempotent, so every worker copy does it at start-up. */
  private async schedule(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        JobName.ReportingDrain,
        { every: REPORTING_DRAIN_EVERY_MS },
        { name: JobName.ReportingDrain, data: {} },
      );
    } catch (err) {
      this.logger.warn(`report drain schedule not registered yet, retrying: ${String(err)}`);
      this.retry = setTimeout(() => void this.schedule(), 5_000);
      this.retry.unref();
    }
  }
}
