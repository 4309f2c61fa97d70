import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  AppConfig,
  HandlesJob,
  JobDispatcher,
  JobName,
  type JobPayloads,
  QueueName,
  QueueProcessor,
} from '@heqi/core';
import { PaymentDefaultsService } from '@heqi/mediation';

/**
 * After the outcome: instalments falling due. The delayed job of an instalment and the periodic
 * sweep both raise defaults through one conditional update, so either may run late, twice or
 * together and each default is still raised exactly once.
 */
@QueueProcessor(QueueName.Mediation)
export class MediationProcessor extends JobDispatcher {
  constructor(@Inject(PaymentDefaultsService) private readonly defaults: PaymentDefaultsService) {
    super();
  }

  @HandlesJob(JobName.InstalmentDue)
  instalmentDue(payload: JobPayloads[JobName.InstalmentDue]): Promise<{ raised: number }> {
    return this.defaults.raiseOne(payload.instalmentId);
  }

  @HandlesJob(JobName.PaymentDefaultSweep)
  sweep(): Promise<{ raised: number }> {
    return this.defaults.sweep();
  }
}

/**
 * Registers the payment-default sweep (idempotent upsert, as JobSchedules does for the others);
 * retried in the background while Redis is away.
 */
@Injectable()
export class MediationSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(MediationSchedules.name);

  constructor(
    @InjectQueue(QueueName.Mediation) private readonly queue: Queue,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.register();
  }

  private async register(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        JobName.PaymentDefaultSweep,
        { every: this.config.mediation.defaultSweepMs },
        { name: JobName.PaymentDefaultSweep, data: {} },
      );
    } catch (err) {
      this.logger.warn(`payment-default sweep not scheduled yet, retrying: ${String(err)}`);
      setTimeout(() => void this.register(), 5_000).unref();
    }
  }
}
