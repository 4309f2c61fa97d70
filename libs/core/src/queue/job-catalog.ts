import { JobName } from './job-name.enum.js';
import { QueueName } from './queue-name.enum.js';

/**
 * Payload of each job. Payloads carry ids only: handlers re-read the current state from
 * Postgres, so a job that runs late or twice acts on the truth, not on a stale copy.
 */
export interface JobPayloads {
  [JobName.PipelineProbe]: { probeId: string };
  [JobName.OutboxPurge]: Record<string, never>;
  [JobName.AssignCase]: { caseId: string };
  [JobName.ExpireOffer]: { offerId: string };
  [JobName.AssignmentSweep]: Record<string, never>;
  /** `reply` when the case was closed, `return` when it was sent back (退单). */
  [JobName.DeliverHotlineReply]: { caseId: string; kind: 'reply' | 'return' };
  [JobName.FireClock]: { clockId: string };
  [JobName.DeadlineSweep]: Record<string, never>;
  /** The calendar year (the key of `calendar_year`). */
  [JobName.CalendarUnverifiedAlert]: { year: number };
  /** At most a few hundred ids: one job per chunk of the notifications a sweep wrote. */
  [JobName.DeliverNotifications]: { notificationIds: string[] };
  [JobName.InstalmentDue]: { instalmentId: string };
  [JobName.PaymentDefaultSweep]: Record<string, never>;
  [JobName.ReportingDrain]: Record<string, never>;
}

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PipelineProbe]: QueueName.System,
  [JobName.OutboxPurge]: QueueName.System,
  [JobName.AssignCase]: QueueName.Assignment,
  [JobName.ExpireOffer]: QueueName.Assignment,
  [JobName.AssignmentSweep]: QueueName.Assignment,
  [JobName.DeliverHotlineReply]: QueueName.Hotline,
  [JobName.FireClock]: QueueName.Deadlines,
  [JobName.DeadlineSweep]: QueueName.Deadlines,
  [JobName.CalendarUnverifiedAlert]: QueueName.Deadlines,
  [JobName.DeliverNotifications]: QueueName.Notifications,
  [JobName.InstalmentDue]: QueueName.Mediation,
  [JobName.PaymentDefaultSweep]: QueueName.Mediation,
  [JobName.ReportingDrain]: QueueName.Reporting,
};
