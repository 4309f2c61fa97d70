import {
  JobName,
  PipelineProbes,
  QueueName,
  type JobPayloads,
  HandlesJob,
  JobDispatcher,
  OutboxRelay,
  QueueProcessor,
} from '@heqi/core';

/** How long relayed outbox rows are kept for inspection before the purge deletes them. */
const OUTBOX_RETENTION_DAYS = 7;

/** Platform housekeeping jobs. */
@QueueProcessor(QueueName.System)
export class SystemProcessor extends JobDispatcher {
  constructor(
    private readonly probes: PipelineProbes,
    private readonly relay: OutboxRelay,
  ) {
    super();
  }

  @HandlesJob(JobName.PipelineProbe)
  async completeProbe(payload: JobPayloads[JobName.PipelineProbe]): Promise<{ ran: boolean }> {
    return { ran: await this.probes.complete(payload.probeId) };
  }

  @HandlesJob(JobName.OutboxPurge)
  async purgeOutbox(): Promise<{ deleted: number }> {
    return { deleted: await this.relay.purgeRelayed(OUTBOX_RETENTION_DAYS) };
  }
}
