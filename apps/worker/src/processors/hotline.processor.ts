import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import {
  HandlesJob,
  JobDispatcher,
  JobName,
  type JobPayloads,
  QueueName,
  QueueProcessor,
} from '@heqi/core';
import { type DeliveryResult, HotlineReplies } from '@heqi/hotline';

/** Talks back to the 12345 platform. */
@QueueProcessor(QueueName.Hotline)
export class HotlineProcessor extends JobDispatcher {
  constructor(@Inject(HotlineReplies) private readonly replies: HotlineReplies) {
    super();
  }

  /**
   * Delivers a reply or a return. Idempotent: an order already delivered is skipped. A refused
   * or failed delivery is recorded on the order and thrown, so BullMQ retries it with backoff;
   * after the last attempt the service has already scheduled a fresh job for later.
   */
  @HandlesJob(JobName.DeliverHotlineReply)
  async deliver(
    payload: JobPayloads[JobName.DeliverHotlineReply],
    job: Job,
  ): Promise<DeliveryResult> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result = await this.replies.deliver(payload.caseId, payload.kind, lastAttempt);
    if ('error' in result) throw new Error(`12345 平台未接收回复：${result.error}`);
    return result;
  }
}
