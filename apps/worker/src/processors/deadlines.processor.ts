import { Inject } from '@nestjs/common';
import {
  HandlesJob,
  JobDispatcher,
  JobName,
  type JobPayloads,
  QueueName,
  QueueProcessor,
} from '@heqi/core';
import { CalendarAdminService, ClockFiring, type FireResult } from '@heqi/deadlines';

/** Clock warnings and breaches, and the calendar's unpublished-year alert. */
@QueueProcessor(QueueName.Deadlines)
export class DeadlinesProcessor extends JobDispatcher {
  constructor(
    @Inject(ClockFiring) private readonly firing: ClockFiring,
    @Inject(CalendarAdminService) private readonly calendar: CalendarAdminService,
  ) {
    super();
  }

  /**
   * A clock's delayed job: fires what is due now. A job that comes early (the clock was paused
   * or extended since) or twice finds nothing due and returns zeros.
   */
  @HandlesJob(JobName.FireClock)
  fire(payload: JobPayloads[JobName.FireClock]): Promise<FireResult> {
    return this.firing.fireClock(payload.clockId);
  }

  /** The periodic sweep: what the delayed jobs missed (lost in Redis, fired early) fires here. */
  @HandlesJob(JobName.DeadlineSweep)
  sweep(): Promise<FireResult & { batches: number }> {
    return this.firing.sweep();
  }

  @HandlesJob(JobName.CalendarUnverifiedAlert)
  alertUnverifiedYear(
    payload: JobPayloads[JobName.CalendarUnverifiedAlert],
  ): Promise<{ alerted: number }> {
    return this.calendar.alertUnverifiedYear(payload.year);
  }
}
