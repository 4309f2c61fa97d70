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
import { type DeliveryOutcome, NotificationsService } from '@heqi/deadlines';

/** Sends notifications through the SMS channel (the in-app inbox has them already). */
@QueueProcessor(QueueName.Notifications)
export class NotificationsProcessor extends JobDispatcher {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {
    super();
  }

  /**
   * Each notification once (job receipts); a gateway failure throws and the retry resumes, until
   * the last attempt, which records what still fails as `failed`.
   */
  @HandlesJob(JobName.DeliverNotifications)
  deliver(
    payload: JobPayloads[JobName.DeliverNotifications],
    job: Job,
  ): Promise<Record<string, DeliveryOutcome>> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.notifications.deliver(payload.notificationIds, lastAttempt);
  }
}
