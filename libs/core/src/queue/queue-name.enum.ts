/** Every BullMQ queue heqi uses. A queue is a lane of work with its own concurrency. */
export enum QueueName {
  /** Platform housekeeping: pipeline probes, outbox purge. */
  System = 'system',
  /** Offering queued cases to mediators. */
  Assignment = 'assignment',
  /** Talking back to the 12345 platform: replies and returns. */
  Hotline = 'hotline',
  /** Clock warnings and breaches (delayed jobs and the sweep), calendar alerts. */
  Deadlines = 'deadlines',
  /** Sending notifications through the SMS channel. */
  Notifications = 'notifications',
  /** After the outcome: instalments falling due (payment defaults, 支付令 packet). */
  Mediation = 'mediation',
  /** Report rollups: folding changed cases into the pre-aggregated figures. */
  Reporting = 'reporting',
}
