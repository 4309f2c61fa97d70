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
}
