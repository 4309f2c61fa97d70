import { Inject } from '@nestjs/common';
import {
  HandlesJob,
  JobDispatcher,
  JobName,
  type JobPayloads,
  QueueName,
  QueueProcessor,
} from '@heqi/core';
import { CaseStatus, CasesService } from '@heqi/cases';

/** What one AssignCase run did, kept as the BullMQ job's return value for inspection. */
export interface AssignCaseResult {
  caseId: string;
  /** `not_queued`: the case is gone or moved on (routed, returned, offered) — nothing to do. */
  outcome: 'not_queued' | 'awaiting_engine';
}

/** Offers queued cases to mediators. */
@QueueProcessor(QueueName.Assignment)
export class AssignmentProcessor extends JobDispatcher {
  constructor(@Inject(CasesService) private readonly cases: CasesService) {
    super();
  }

  /**
   * Placeholder until the assignment engine (issue 5) replaces this body. It already keeps the
   * rule every run of the real engine must keep: re-read the case and do nothing unless it is
   * still `queued`, so a late or repeated job is harmless. It records nothing: the case stays
   * queued, visibly waiting, until the engine exists.
   */
  @HandlesJob(JobName.AssignCase)
  async assign(payload: JobPayloads[JobName.AssignCase]): Promise<AssignCaseResult> {
    const status = await this.cases.findStatus(payload.caseId);
    if (status !== CaseStatus.Queued) return { caseId: payload.caseId, outcome: 'not_queued' };
    return { caseId: payload.caseId, outcome: 'awaiting_engine' };
  }

  /** Interim (replaced with the engine in this same change). */
  @HandlesJob(JobName.ExpireOffer)
  async expireOffer(): Promise<void> {}

  /** Interim (replaced with the engine in this same change). */
  @HandlesJob(JobName.AssignmentSweep)
  async sweep(): Promise<void> {}
}
