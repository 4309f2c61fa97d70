import { Inject } from '@nestjs/common';
import {
  HandlesJob,
  JobDispatcher,
  JobName,
  type JobPayloads,
  QueueName,
  QueueProcessor,
} from '@heqi/core';
import {
  type AssignCaseResult,
  AssignmentEngine,
  AssignmentSweepService,
  OffersService,
} from '@heqi/assignment';

/**
 * The assignment queue: the engine, the lapse of offers, and the periodic sweep.
 *
 * Assignment jobs take milliseconds, so their locks are short: a worker killed mid-job leaves
 * its job stalled for at most `lockDuration`, and another worker's stall check (every
 * `stalledInterval`) puts it back within seconds instead of BullMQ's default minute. A job
 * that runs twice is harmless: every handler re-reads the case under its row lock.
 *
 * The engine takes the AssignCase jobs waiting in a process together into one transaction (up
 * to 50): twice that many in flight keeps the next transaction's cases waiting while one runs.
 */
@QueueProcessor(QueueName.Assignment, {
  concurrency: 100,
  lockDuration: 10_000,
  stalledInterval: 5_000,
})
export class AssignmentProcessor extends JobDispatcher {
  constructor(
    @Inject(AssignmentEngine) private readonly engine: AssignmentEngine,
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(AssignmentSweepService) private readonly sweeper: AssignmentSweepService,
  ) {
    super();
  }

  /** Offers the case if it is still queued without an offer; otherwise does nothing. */
  @HandlesJob(JobName.AssignCase)
  assign(payload: JobPayloads[JobName.AssignCase]): Promise<AssignCaseResult> {
    return this.engine.assign(payload.caseId);
  }

  /** Lapses the offer if it is still open and due (the sweep covers a lost job). */
  @HandlesJob(JobName.ExpireOffer)
  async expireOffer(payload: JobPayloads[JobName.ExpireOffer]): Promise<{ expired: boolean }> {
    return { expired: await this.offers.expire(payload.offerId) };
  }

  @HandlesJob(JobName.AssignmentSweep)
  sweep(): Promise<{ expired: number; retried: number }> {
    return this.sweeper.sweep();
  }
}
