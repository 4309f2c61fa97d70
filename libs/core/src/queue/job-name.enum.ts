/**
 * Every job heqi runs. The worker refuses to start unless each name has exactly one handler
 * (see `JobHandlerCheck`), so adding a name here without a handler fails fast.
 */
export enum JobName {
  /** End-to-end check of API → outbox → Redis → worker → Postgres; records a receipt. */
  PipelineProbe = 'system.pipeline-probe',
  /** Deletes outbox rows relayed long ago. */
  OutboxPurge = 'system.outbox-purge',
  /** Offers a queued case to the best mediator (the assignment engine, issue 5). */
  AssignCase = 'cases.assign',
  /** Lets an unanswered offer lapse at its expiry, so the case moves to the next candidate. */
  ExpireOffer = 'assignment.expire-offer',
  /**
   * Periodic: lapses open offers past their expiry that no ExpireOffer job handled, and asks the
   * engine again for queued cases without an offer (a mediator may be back or have room now).
   */
  AssignmentSweep = 'assignment.sweep',
  /** Pushes a hotline case's reply or return (退单) to the 12345 platform, retrying until 2xx. */
  DeliverHotlineReply = 'hotline.deliver-reply',
  /** A clock's next transition (warning or breach) at its instant; early or repeated: no-op. */
  FireClock = 'deadlines.fire-clock',
  /** Periodic: fires every clock whose warning or breach is due, re-derived from Postgres. */
  DeadlineSweep = 'deadlines.sweep',
  /** Tells admins, once per year, that clocks reach into a year without a published schedule. */
  CalendarUnverifiedAlert = 'deadlines.calendar-unverified',
  /** Sends stored notifications through the SMS channel, each exactly once. */
  DeliverNotifications = 'notifications.deliver',
  /** An agreement's instalment reached the end of its due date: raises its default if unpaid. */
  InstalmentDue = 'mediation.instalment-due',
  /** Periodic: raises the default of every instalment past due and unpaid that no job caught. */
  PaymentDefaultSweep = 'mediation.payment-default-sweep',
  /** Periodic: folds the cases marked dirty into the report rollups (idempotent). */
  ReportingDrain = 'reporting.drain',
}
