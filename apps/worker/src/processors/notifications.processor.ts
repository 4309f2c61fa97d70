import { Inject } from '@nestjs/common';
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

  /** Each notification once (job receipts); a gateway failure throws, and the retry resumes. */
  @HandlesJob(JobName.DeliverNotifications)
  deliver(
    payload: JobPayloads[JobName.DeliverNotifications],
  ): Promise<Record<string, DeliveryOutcome>> {
    return this.notifications.deliver(payload.notificationIds);
  }
}
